"""Competency questions about bodies: structure, who set up what, people and posts, the source's
lists, counts and provenance.

The expected values were read off NATO's page "Relations with Ukraine"
(https://www.nato.int/cps/en/natohq/topics_37750.htm), the source document the data
is made from; the sentence is quoted next to each, and the values are spelled with the
labels the data uses for the things the source names.  When one of these fails, the
data disagrees with the source: fix the data, not the expectation.
"""

from __future__ import annotations


from query_support import ask, labels, slug



# --- bodies, structure, who set up what ---------------------------------------


def test_bodies_of_the_nato_representation(store):
    # "The NATO Representation to Ukraine ... consists of the NATO Information and Documentation Centre (NIDC)
    #  and the NATO Liaison Office (NLO)."
    rows = ask(store, "bodies-under", parent="nuk:nato-representation-to-ukraine")
    assert labels(rows) == {"NATO Information and Documentation Centre", "NATO Liaison Office"}


def test_bodies_under_the_nuc(store):
    # "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR ..."
    rows = ask(store, "bodies-under", parent="nuk:nato-ukraine-commission")
    assert labels(rows) == {"NATO-Ukraine Joint Working Group on Defence Reform"}


def test_bodies_under_nato_are_found_transitively(store):
    rows = ask(store, "bodies-under")  # default: NATO
    found = {(slug(r["body"]), slug(r["directParent"])) for r in rows}
    assert {
        # "The NIDC is part of the NATO Public Diplomacy Division"
        ("nato-information-and-documentation-centre", "public-diplomacy-division"),
        # the NRU "consists of the NIDC and the NLO"
        ("nato-liaison-office", "nato-representation-to-ukraine"),
    } <= found
    # the NATO-Ukraine Commission is a joint NATO-Ukraine body (the Allies and Ukraine are represented in it), not
    # one of NATO's own: neither it nor the group under its auspices is found under NATO
    assert not {"nato-ukraine-commission", "joint-working-group-on-defence-reform"} & {b for b, _ in found}


def test_what_the_nidc_belongs_to(store):
    rows = ask(store, "parents-of-body")  # default: the NIDC
    # "The NIDC is part of the NATO Public Diplomacy Division"; the NATO Representation to Ukraine
    # "consists of the NIDC and the NLO"; both are NATO's
    assert {(r["label"], r["direct"]) for r in rows} == {
        ("NATO Public Diplomacy Division", "true"),
        ("NATO Representation to Ukraine", "true"),
        ("NATO", "false"),
    }


def test_ukrainian_ministries(store):
    # "Its key interlocutors include the Ministries of Interior, Foreign Affairs and Defence ..."
    assert labels(ask(store, "ukrainian-ministries")) == {
        "Ministry of Interior of Ukraine",
        "Ministry of Foreign Affairs of Ukraine",
        "Ministry of Defence of Ukraine",
    }


def test_ukrainian_state_bodies_include_the_named_ones(store):
    found = labels(ask(store, "ukrainian-state-bodies"))
    # "the Presidential Office, the National Security and Defence Council, the Parliament"; "National Guard,
    #  Border Guard Service, Security Service of Ukraine, the Verkhovna Rada"; "The Commission for
    #  Coordination of Euro-Atlantic Integration of Ukraine"
    assert {
        "Presidential Office of Ukraine",
        "National Security and Defence Council of Ukraine",
        "Verkhovna Rada",
        "National Guard of Ukraine",
        "Border Guard Service of Ukraine",
        "Security Service of Ukraine",
        "Commission for Coordination of Euro-Atlantic Integration of Ukraine",
    } <= found


def test_charter_established_the_nuc(store):
    rows = ask(store, "established-by")
    found = {(slug(r["founder"]), r["how"], slug(r["thing"])) for r in rows}
    # "the signing of the 1997 Charter on a Distinctive Partnership, which established the NATO-Ukraine
    #  Commission (NUC)"
    assert ("charter-on-a-distinctive-partnership", "established by", "nato-ukraine-commission") in found
    # "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR ..."
    assert ("nato-ukraine-commission", "under the auspices of", "joint-working-group-on-defence-reform") in found


def test_establishment_dates(store):
    rows = ask(store, "establishment-dates")
    found = {(slug(r["thing"]), r["date"]) for r in rows}
    assert {
        # "The NIDC was inaugurated in Kyiv in 1997"
        ("nato-information-and-documentation-centre", "1997"),
        # "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR"
        ("joint-working-group-on-defence-reform", "1998"),
        # "The NLO was established in Kyiv in 1999"
        ("nato-liaison-office", "1999"),
        # "The NATO Representation to Ukraine, established in September 2015"
        ("nato-representation-to-ukraine", "2015-09"),
    } <= found
    kyiv = {slug(r["thing"]) for r in rows if r["placeLabel"] == "Kyiv"}
    # "inaugurated in Kyiv", "established in Kyiv"
    assert {"nato-information-and-documentation-centre", "nato-liaison-office"} <= kyiv


# --- people and posts -----------------------------------------------------------


def test_who_chairs_the_commission_for_coordination(store):
    rows = ask(store, "who-chairs")
    # "The Commission for Coordination of Euro-Atlantic Integration of Ukraine, chaired by the Deputy Prime
    #  Minister for European and Euro-Atlantic Integration"
    assert labels(rows, "postLabel") == {"Deputy Prime Minister for European and Euro-Atlantic Integration"}


def test_posts_and_holders(store):
    rows = ask(store, "posts-and-holders")
    # "NATO Secretary General Jens Stoltenberg and the President of Ukraine Volodymyr Zelenskyy"
    assert {(r["personLabel"], r["postLabel"]) for r in rows} == {
        ("Jens Stoltenberg", "Secretary General of NATO"),
        ("Volodymyr Zelenskyy", "President of Ukraine"),
    }


def test_who_approved_the_national_security_strategy(store):
    rows = ask(store, "approved-documents")
    assert {(slug(r["document"]), r["approverLabel"], r["postLabel"], r["date"]) for r in rows} == {
        # "In September 2020, President Volodymyr Zelenskyy approved Ukraine's new National Security Strategy"
        ("national-security-strategy-2020", "Volodymyr Zelenskyy", "President of Ukraine", "2020-09"),
        # "United Nations Security Council Resolution 1325 on Women, Peace and Security" (no date in the source)
        ("un-security-council-resolution-1325", "United Nations Security Council", None, None),
    }


# --- the NUC, the ANP, the NIDC, the NLO, the JWGDR: the source's lists ----------


def test_nuc_meeting_levels(store):
    # "The NUC can meet at various levels, including heads of state and government, ministers of foreign
    #  affairs or defence, ambassadors and in various working-level formats."
    assert labels(ask(store, "nuc-meeting-levels")) == {
        "heads of state and government",
        "ministers of foreign affairs",
        "ministers of defence",
        "ambassadors",
        "working-level formats",
    }


def test_nuc_oversees_euro_atlantic_integration_since_2009(store):
    rows = ask(store, "oversight")
    # "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process"
    assert ("NATO-Ukraine Commission", "Ukraine's Euro-Atlantic integration process", "2009") in {
        (r["overseerLabel"], r["overseenLabel"], r["since"]) for r in rows
    }


def test_anp_has_five_chapters(store):
    # "The ANP is composed of five chapters focusing on: political and economic issues; defence and military
    #  issues; resources; security issues; and legal issues."
    assert labels(ask(store, "anp-chapters")) == {
        "ANP chapter: political and economic issues",
        "ANP chapter: defence and military issues",
        "ANP chapter: resources",
        "ANP chapter: security issues",
        "ANP chapter: legal issues",
    }


def test_nidc_has_three_pillars(store):
    # "The Centre has three key pillars of work: increasing awareness and understanding of NATO in Ukraine;
    #  informing the Ukrainian public about key activities in NATO-Ukraine cooperation; and providing advice
    #  and support to Ukrainian institutions in the area of strategic communications capability development."
    assert labels(ask(store, "nidc-pillars")) == {
        "Increasing awareness and understanding of NATO in Ukraine",
        "Informing the Ukrainian public about key activities in NATO-Ukraine cooperation",
        "Advice and support to Ukrainian institutions on developing strategic communications capability",
    }


def test_nlo_has_four_priorities(store):
    # "Its main priorities include: strengthening Ukraine's implementation of broad Euro-Atlantic reforms;
    #  enhancing NATO-Ukraine political and practical dialogue; supporting the transformation and democratic
    #  governance of the security and defence sector; and building interoperability between Allied and
    #  Ukrainian forces to face common challenges."
    assert labels(ask(store, "nlo-priorities")) == {
        "Strengthening Ukraine's implementation of broad Euro-Atlantic reforms",
        "Enhancing NATO-Ukraine political and practical dialogue",
        "Supporting the transformation and democratic governance of the security and defence sector",
        "Building interoperability between Allied and Ukrainian forces to face common challenges",
    }


def test_nlo_key_interlocutors(store):
    # "Its key interlocutors include the Ministries of Interior, Foreign Affairs and Defence, the Presidential
    #  Office, the National Security and Defence Council, the Parliament, and several other Ukrainian agencies."
    assert labels(ask(store, "nlo-interlocutors")) == {
        "Ministry of Interior of Ukraine",
        "Ministry of Foreign Affairs of Ukraine",
        "Ministry of Defence of Ukraine",
        "Presidential Office of Ukraine",
        "National Security and Defence Council of Ukraine",
        "Verkhovna Rada",
        "Other Ukrainian agencies",
    }


def test_jwgdr_partners(store):
    # "These include the National Security and Defence Council, the Ministries of Foreign Affairs and Defence,
    #  National Guard, Border Guard Service, Security Service of Ukraine, the Verkhovna Rada (Ukrainian
    #  Parliament) and others."
    assert labels(ask(store, "jwgdr-partners")) == {
        "National Security and Defence Council of Ukraine",
        "Ministry of Foreign Affairs of Ukraine",
        "Ministry of Defence of Ukraine",
        "National Guard of Ukraine",
        "Border Guard Service of Ukraine",
        "Security Service of Ukraine",
        "Verkhovna Rada",
        "Other Ukrainian agencies",
    }


def test_jwgdr_meeting_participants(store):
    rows = ask(store, "jwgdr-meeting-participants")
    # "All NATO member states and Ukraine are represented in meetings of the JWGDR, and relevant partner
    #  countries and civil society representatives are invited to the JWGDR on a case-by-case basis."
    assert {(r["role"], r["label"]) for r in rows} == {
        ("represented", "NATO Allies"),
        ("represented", "Ukraine"),
        ("invited case by case", "Relevant partner countries"),
        ("invited case by case", "Civil society representatives"),
    }


def test_jwgdr_areas(store):
    # "the JWGDR pursues initiatives in the area of civil-military relations, democratic oversight and
    #  civilian management of the armed forces and other security sector agencies, defence planning,
    #  development of policy, strategy and national security concepts"; and "cooperation in the area of
    #  defence and security sector reform ... The JWGDR is the primary focus for this area of cooperation."
    assert labels(ask(store, "jwgdr-areas")) == {
        "civil-military relations",
        "democratic oversight",
        "civilian management of the armed forces and security agencies",
        "defence planning",
        "development of policy, strategy and national security concepts",
        "defence and security sector reform",
    }


# --- counts and provenance --------------------------------------------------------


def test_group_sizes(store):
    rows = ask(store, "group-sizes")
    found = {r["label"]: int(r["memberCount"]) for r in rows}
    # "focusing on eight defence higher education institutions and five training centres for
    #  Non-Commissioned Officers"; "nine institutions of Ukraine's defence and security sector completed the
    #  NATO BI Self-Assessment and Peer Review Process"
    assert found == {
        "Ukrainian defence higher education institutions (DEEP)": 8,
        "Ukrainian training centres for Non-Commissioned Officers (DEEP)": 5,
        "Ukrainian institutions in the 2019 Building Integrity self-assessment": 9,
    }


def test_which_sections_speak_of_the_nlo(store):
    rows = ask(store, "sources-of-resource")  # default: the NATO Liaison Office
    # Framework for cooperation: "The NLO was established in Kyiv in 1999 ..."; Building capabilities:
    # "how the NATO Liaison Office in Kyiv works with Ukrainian ministries"; Wider cooperation: "The NATO
    # Liaison Office leads on NATO's advisory support ..."
    assert [slug(r["section"]) for r in rows] == [
        "relations-with-ukraine-framework-for-cooperation",
        "relations-with-ukraine-building-capabilities",
        "relations-with-ukraine-wider-cooperation",
    ]
    assert {r["address"] for r in rows} == {"https://www.nato.int/cps/en/natohq/topics_37750.htm"}


def test_every_section_of_the_source_states_facts(store):
    rows = ask(store, "facts-per-section")
    # the source has an opening summary, the highlights, and the sections "Response to the Russia-Ukraine
    # conflict", "Framework for cooperation" and "Key areas of cooperation" with its four sub-headings
    assert [int(r["position"]) for r in rows] == list(range(1, 10))
    assert all(int(r["resources"]) > 0 and int(r["statements"]) > 0 for r in rows)
