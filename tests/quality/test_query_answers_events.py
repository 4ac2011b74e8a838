"""Competency questions about time: the timeline, events, summits, agreements and operations.

The expected values were read off NATO's page "Relations with Ukraine"
(https://www.nato.int/cps/en/natohq/topics_37750.htm), the source document the data
is made from; the sentence is quoted next to each, and the values are spelled with the
labels the data uses for the things the source names.  When one of these fails, the
data disagrees with the source: fix the data, not the expectation.
"""

from __future__ import annotations

import pytest

from query_support import ask, by_slug, column, slug



# --- timeline and events ------------------------------------------------------


def test_timeline_is_in_order_and_has_the_milestones(store):
    rows = ask(store, "timeline")
    dates = column(rows, "date")
    assert dates == sorted(dates)
    seen = {(slug(r["thing"]), r["date"]) for r in rows}
    assert len(seen) == len(rows), "a fact appears twice on the timeline"
    expected = {
        # "joined the North Atlantic Cooperation Council (1991) and the Partnership for Peace programme (1994)"
        ("ukraine-in-north-atlantic-cooperation-council", "1991"),
        ("ukraine-in-partnership-for-peace", "1994"),
        # "the signing of the 1997 Charter on a Distinctive Partnership"
        ("charter-on-a-distinctive-partnership", "1997"),
        # "The NIDC was inaugurated in Kyiv in 1997"
        ("nato-information-and-documentation-centre", "1997"),
        # "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR ..."
        ("joint-working-group-on-defence-reform", "1998"),
        # "The NLO was established in Kyiv in 1999"
        ("nato-liaison-office", "1999"),
        # "the 2008 NATO Summit in Bucharest"
        ("bucharest-summit-2008", "2008"),
        # "The Declaration to Complement the Charter, signed in 2009"
        ("declaration-to-complement-the-charter", "2009"),
        # "The NATO Representation to Ukraine, established in September 2015"
        ("nato-representation-to-ukraine", "2015-09"),
        # "Since the NATO Summit in Warsaw in July 2016"
        ("warsaw-summit-2016", "2016-07"),
        # "In June 2017, the Ukrainian Parliament adopted legislation reinstating membership in NATO ..."
        ("nato-membership-legislation-2017", "2017-06"),
        # "In 2019, a corresponding amendment to Ukraine's Constitution entered into force."
        ("constitutional-amendment-2019", "2019"),
        # "In September 2020, President Volodymyr Zelenskyy approved Ukraine's new National Security Strategy"
        ("national-security-strategy-2020", "2020-09"),
        # "Russia's brutal and unprovoked war against Ukraine starting in February 2022"
        ("russian-invasion-of-ukraine-2022", "2022-02"),
        # "the Partnership for Peace (PfP) Status of Forces Agreement (entered into force in May 2000); the Host
        #  Nation Support Agreement (ratified in March 2004); and the Strategic Airlift Agreement (ratified in
        #  October 2006)"
        ("pfp-status-of-forces-agreement", "2000-05"),
        ("host-nation-support-agreement", "2004-03"),
        ("strategic-airlift-agreement", "2006-10"),
        # "Since 2004, the NATO-Ukraine Joint Working Group on Defence Technical Cooperation works ..."
        ("joint-working-group-on-defence-technical-cooperation", "2004"),
        # "A Professional Development Programme ... was launched in October 2005."
        ("professional-development-programme", "2005-10"),
        # "Ukraine joined the Air Situation Data Exchange programme in July 2006."
        ("ukraine-in-air-situation-data-exchange", "2006-07"),
        # "Since 2007, Ukraine participates in NATO's Building Integrity (BI) Initiative"
        ("ukraine-in-building-integrity", "2007"),
        # "Ukraine deployed ships six times between 2007 and 2010 in support of Operation Active Endeavour"
        ("ukraine-in-active-endeavour", "2007"),
        ("ukraine-in-active-endeavour", "2010"),
        # "the NATO Training Mission in Iraq, which terminated in December 2011"
        ("nato-training-mission-in-iraq", "2011-12"),
        # "the follow-on Resolute Support Mission (2015-2021)"
        ("resolute-support-mission", "2015"),
        ("resolute-support-mission", "2021"),
        # "Cyber Defence - This Trust Fund, which achieved its objectives and was therefore completed in 2017"
        ("cyber-defence-trust-fund", "2017"),
        # "In June 2020, Ukraine became an Enhanced Opportunity Partner (EOP)."
        ("ukraine-enhanced-opportunity-partner", "2020-06"),
    }
    assert expected <= seen, sorted(expected - seen)


@pytest.mark.parametrize(
    "year, expected",
    [
        # "joined the North Atlantic Cooperation Council (1991)"; "Ukraine has been actively engaged in NATO's
        #  Science for Peace and Security (SPS) Programme since 1991"
        # (and the relationship's start, which the project reads as that year: "Relations between NATO and Ukraine
        #  date back to the early 1990s"; "Dialogue and cooperation started when ... Ukraine joined the North
        #  Atlantic Cooperation Council (1991)")
        ("1991", {"ukraine-in-north-atlantic-cooperation-council", "ukraine-in-science-for-peace-and-security",
                  "nato-ukraine-partnership"}),
        # "the signing of the 1997 Charter on a Distinctive Partnership, which established the NATO-Ukraine
        #  Commission"; "The NIDC was inaugurated in Kyiv in 1997"
        ("1997", {"charter-on-a-distinctive-partnership", "nato-ukraine-commission",
                  "nato-information-and-documentation-centre"}),
        # "From March 2005, Ukraine contributed officers to the NATO Training Mission in Iraq"; "A Professional
        #  Development Programme ... was launched in October 2005"
        ("2005", {"ukraine-in-nato-training-mission-in-iraq", "professional-development-programme"}),
        # "Ukraine joined the Air Situation Data Exchange programme in July 2006"; "the Strategic Airlift
        #  Agreement (ratified in October 2006)"
        ("2006", {"ukraine-in-air-situation-data-exchange", "strategic-airlift-agreement"}),
        # "the 2008 NATO Summit in Bucharest" is the source's only fact dated 2008
        ("2008", {"bucharest-summit-2008"}),
        # "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process";
        # "The Declaration to Complement the Charter, signed in 2009"
        ("2009", {"nuc-oversight-of-euro-atlantic-integration", "declaration-to-complement-the-charter"}),
        # "In 2013, it also contributed to NATO's counter-piracy operation Ocean Shield."
        ("2013", {"ukraine-in-ocean-shield"}),
        # "Since the NATO Summit in Warsaw in July 2016, NATO's practical support for Ukraine is set out in the
        #  Comprehensive Assistance Package"; "the NATO-Ukraine Platform on Countering Hybrid Warfare was
        #  established at the NATO Summit in Warsaw in July 2016"; "Since the launch of maritime operation Sea
        #  Guardian in 2016, Ukraine has provided information"
        (
            "2016",
            {
                "warsaw-summit-2016",
                "comprehensive-assistance-package",
                "nato-ukraine-platform-on-countering-hybrid-warfare",
                "sea-guardian",
                "ukraine-in-sea-guardian",
            },
        ),
        # "In June 2017, the Ukrainian Parliament adopted legislation ..."; "Cyber Defence - This Trust Fund ...
        #  was therefore completed in 2017"; "In 2017, the Programme also launched ... the 'Champions 100' project"
        ("2017", {"nato-membership-legislation-2017", "cyber-defence-trust-fund", "champions-100"}),
        # "In 2019, a corresponding amendment to Ukraine's Constitution entered into force."; "In 2019, a
        #  Resilience Advisory Support Team (RAST) drew up recommendations"; "In October 2019, nine institutions
        #  ... completed the NATO BI Self-Assessment and Peer Review Process"
        ("2019", {"constitutional-amendment-2019", "rast-recommendations-2019", "bi-self-assessment-2019"}),
        # "In June 2020, Ukraine became an Enhanced Opportunity Partner"; "In September 2020, President
        #  Volodymyr Zelenskyy approved Ukraine's new National Security Strategy"
        ("2020", {"ukraine-enhanced-opportunity-partner", "national-security-strategy-2020"}),
    ],
)
def test_events_in_a_year(store, year, expected):
    rows = ask(store, "events-in-year", year=year)
    assert {slug(r["thing"]) for r in rows} == expected
    assert all(r["date"].startswith(year) for r in rows)


def test_what_happened_in_2014(store):
    found = {slug(r["thing"]) for r in ask(store, "events-in-year")}  # default: 2014
    assert found == {
        # Opening summary: "Since 2014, in the wake of the Russia-Ukraine conflict, cooperation has been
        #  intensified in critical areas."
        "intensified-cooperation-since-2014",
        # "From the very beginning of the Russia-Ukraine conflict in 2014, NATO has adopted a firm position in
        #  full support of Ukraine's sovereignty and territorial integrity"
        "russia-ukraine-conflict",
        "support-for-territorial-integrity",
        # "Russia's illegal and illegitimate annexation of Crimea ... in 2014"
        "annexation-of-crimea",
        # "NATO Allies decided in 2014 to suspend all practical civilian and military cooperation with Russia"
        "suspension-of-cooperation-with-russia",
        # "Immediately following the ... annexation of Crimea by Russia in 2014, NATO Foreign Ministers agreed
        #  on measures to enhance Ukraine's ability to provide for its own security"
        "nato-foreign-ministers-meeting-2014",
        # "since 2014 NATO has reinforced its support for capability development and capacity-building"
        "reinforced-capability-support",
        # "Medical Rehabilitation - This Trust Fund, which was set up in 2014"
        "medical-rehabilitation-trust-fund",
        # "Its budget was doubled in 2014 to support transformation and reform processes."
        "professional-development-programme-budget-doubling-2014",
        # "Following the end of ISAF's mission in 2014"
        "international-security-assistance-force",
        # "Since 2014, in response to the crisis in Ukraine, cooperation in the field of security-related civil
        #  science and technology has been strengthened"
        "sps-cooperation-strengthening-2014",
        # "Since the start of the crisis in Crimea and eastern Ukraine in 2014, experts have provided advice on
        #  Ukraine's contingency plans and crisis management measures"
        "contingency-planning-advice",
    }


def test_summits(store):
    rows = ask(store, "summits")
    # "the decisions taken at the 2008 NATO Summit in Bucharest"; "the NATO Summit in Warsaw in July 2016"
    assert [(slug(r["summit"]), r["date"], r["placeLabel"]) for r in rows] == [
        ("bucharest-summit-2008", "2008", "Bucharest"),
        ("warsaw-summit-2016", "2016-07", "Warsaw"),
    ]


def test_extraordinary_nuc_meetings(store):
    rows = ask(store, "extraordinary-nuc-meetings")
    # "The NUC met for extraordinary meetings in view of Russia's unjustified use of military force against
    #  Ukrainian ships near the Kerch Strait in November 2018 and Russia's threatening military build-up in
    #  April 2021. Other extraordinary meetings of the NUC took place at NATO Headquarters in January and
    #  February 2022"
    assert column(rows, "date") == ["2018-11", "2021-04", "2022-01", "2022-02"]
    assert "Kerch Strait" in rows[0]["inViewOf"]
    assert "build-up" in rows[1]["inViewOf"]
    assert [r["placeLabel"] for r in rows[2:]] == ["NATO Headquarters", "NATO Headquarters"]


def test_condemned_actions(store):
    rows = ask(store, "condemned-actions")
    assert by_slug(rows, "action", "date", "notRecognised") == {
        # "The Allies strongly condemn and will not recognise Russia's illegal and illegitimate annexation of Crimea"
        "annexation-of-crimea": ("2014", "true"),
        # "... and denounce its temporary occupation"
        "occupation-of-crimea": (None, "false"),
        # "The Allies condemn ... its destabilising and aggressive activities in eastern Ukraine and the Black Sea region"
        "russian-destabilising-activities": (None, "false"),
        # "The Alliance also condemns Russia's decision in February 2022 to extend recognition to the
        #  self-proclaimed 'Donetsk People's Republic' and 'Luhansk People's Republic'"
        "recognition-of-donetsk-and-luhansk": ("2022-02", "false"),
        # "NATO condemns in the strongest possible terms Russia's brutal and unprovoked war against Ukraine
        #  starting in February 2022"
        "russian-invasion-of-ukraine-2022": ("2022-02", "false"),
    }


def test_conflict_events(store):
    rows = ask(store, "conflict-events")
    found = by_slug(rows, "event", "agentLabel", "date")
    # the Kerch Strait (November 2018), the build-up (April 2021), the invasion (February 2022),
    # the annexation of Crimea (2014): all Russia's
    for event, date in [
        ("annexation-of-crimea", "2014"),
        ("kerch-strait-incident-2018", "2018-11"),
        ("russian-military-build-up-2021", "2021-04"),
        ("russian-invasion-of-ukraine-2022", "2022-02"),
    ]:
        assert found.get(event) == ("Russia", date), event


def test_membership_milestones(store):
    rows = ask(store, "membership-milestones")
    assert [(slug(r["act"]), r["date"], r["byLabel"]) for r in rows] == [
        # "In June 2017, the Ukrainian Parliament adopted legislation reinstating membership in NATO as a
        #  strategic foreign and security policy objective."
        ("nato-membership-legislation-2017", "2017-06", "Verkhovna Rada"),
        # "In 2019, a corresponding amendment to Ukraine's Constitution entered into force."
        ("constitutional-amendment-2019", "2019", None),
        # "In September 2020, President Volodymyr Zelenskyy approved Ukraine's new National Security Strategy,
        #  which provides for ... the aim of membership in NATO."
        ("national-security-strategy-2020", "2020-09", "Volodymyr Zelenskyy"),
    ]


# --- agreements ----------------------------------------------------------------------


def test_agreement_dates(store):
    rows = ask(store, "agreement-dates")
    assert {slug(r["agreement"]): (r["signed"], r["ratified"], r["inForce"]) for r in rows} == {
        # "the signing of the 1997 Charter on a Distinctive Partnership"
        "charter-on-a-distinctive-partnership": ("1997", None, None),
        # "The Declaration to Complement the Charter, signed in 2009"
        "declaration-to-complement-the-charter": ("2009", None, None),
        # "the Partnership for Peace (PfP) Status of Forces Agreement (entered into force in May 2000)"
        "pfp-status-of-forces-agreement": (None, None, "2000-05"),
        # "the Host Nation Support Agreement (ratified in March 2004)"
        "host-nation-support-agreement": (None, "2004-03", None),
        # "the Strategic Airlift Agreement (ratified in October 2006)"
        "strategic-airlift-agreement": (None, "2006-10", None),
    }
    # ordered by their first date
    assert column(rows, "agreement")[0].endswith("charter-on-a-distinctive-partnership")


def test_agreement_parties(store):
    rows = ask(store, "agreement-parties")
    parties = {}
    for r in rows:
        parties.setdefault(slug(r["agreement"]), set()).add(r["partyLabel"])
    # the Charter and the Declaration are NATO-Ukraine texts
    for agreement in ["charter-on-a-distinctive-partnership", "declaration-to-complement-the-charter"]:
        assert parties[agreement] == {"NATO", "Ukraine"}, agreement
    # the legal framework "to enable NATO and Ukraine to further develop operational cooperation" names no
    # parties: NATO is not one (the PfP SOFA is an agreement among states), and Ukraine is one only by the
    # project's editorial inference
    for agreement in ["pfp-status-of-forces-agreement", "host-nation-support-agreement", "strategic-airlift-agreement"]:
        assert parties[agreement] == {"Ukraine"}, agreement
    declaration = [r for r in rows if r["agreement"].endswith("declaration-to-complement-the-charter")][0]
    # "The Declaration to Complement the Charter, signed in 2009 as a follow-up to the decisions taken at the
    #  2008 NATO Summit in Bucharest"
    assert declaration["complementsLabel"] == "Charter on a Distinctive Partnership"
    assert declaration["followsUpOnLabel"] == "NATO Summit in Bucharest (2008)"

# --- operations --------------------------------------------------------------------


def test_operations(store):
    rows = ask(store, "operations")
    found = {slug(r["operation"]): (r["start"], r["end"]) for r in rows}
    assert found == {
        # "Ukraine has supported the peace-support operations in Bosnia and Herzegovina"
        "peace-support-operations-in-bosnia-and-herzegovina": (None, None),
        # "continues to contribute to the Kosovo Force (KFOR)"
        "kosovo-force": (None, None),
        # "Following the end of ISAF's mission in 2014"
        "international-security-assistance-force": (None, "2014"),
        # "the follow-on Resolute Support Mission (2015-2021)"
        "resolute-support-mission": ("2015", "2021"),
        # "instructors to the NATO Training Mission in Afghanistan"
        "nato-training-mission-in-afghanistan": (None, None),
        # "the NATO Training Mission in Iraq, which terminated in December 2011"
        "nato-training-mission-in-iraq": (None, "2011-12"),
        # "Operation Active Endeavour, a counter-terrorist maritime surveillance operation in the Mediterranean"
        "active-endeavour": (None, None),
        # "NATO's counter-piracy operation Ocean Shield"
        "ocean-shield": (None, None),
        # "Since the launch of maritime operation Sea Guardian in 2016"
        "sea-guardian": ("2016", None),
    }
    kinds = {slug(r["operation"]): r["kindLabel"] for r in rows}
    assert kinds["active-endeavour"] == kinds["ocean-shield"] == kinds["sea-guardian"] == "Maritime operation"
    places = {slug(r["operation"]): r["places"] for r in rows}
    assert places["active-endeavour"] == "Mediterranean Sea"


def test_ukraine_contributions(store):
    rows = ask(store, "ukraine-contributions")
    found = {}
    for r in rows:
        entry = found.setdefault(slug(r["operation"]), {"kinds": set(), "dates": set()})
        entry["kinds"] |= set(r["kinds"].split(" | ")) if r["kinds"] else set()
        entry["dates"] |= {d for d in (r["start"], r["end"]) if d}
    assert found == {
        # "Ukraine has supported the peace-support operations in Bosnia and Herzegovina"
        "peace-support-operations-in-bosnia-and-herzegovina": {"kinds": set(), "dates": set()},
        # "continues to contribute to the Kosovo Force (KFOR), including with a heavy engineering unit with
        #  counter-improvised explosive devices capabilities"
        "kosovo-force": {"kinds": {"heavy engineering unit"}, "dates": set()},
        # "Ukraine allowed over-flight clearance and the transit of supplies, and contributed medical personnel
        #  to support Provincial Reconstruction Teams in Afghanistan"
        "international-security-assistance-force": {
            "kinds": {"over-flight clearance", "transit of supplies", "medical personnel"},
            "dates": set(),
        },
        # "and instructors to the NATO Training Mission in Afghanistan"
        "nato-training-mission-in-afghanistan": {"kinds": {"instructors"}, "dates": set()},
        # "Ukraine supported the follow-on Resolute Support Mission (2015-2021)"
        "resolute-support-mission": {"kinds": set(), "dates": set()},
        # "From March 2005, Ukraine contributed officers to the NATO Training Mission in Iraq"
        "nato-training-mission-in-iraq": {"kinds": {"officers"}, "dates": {"2005-03"}},
        # "Ukraine deployed ships six times between 2007 and 2010 in support of Operation Active Endeavour"
        "active-endeavour": {"kinds": {"ships"}, "dates": {"2007", "2010"}},
        # "In 2013, it also contributed to NATO's counter-piracy operation Ocean Shield."
        "ocean-shield": {"kinds": set(), "dates": {"2013"}},
        # "Since the launch of maritime operation Sea Guardian in 2016, Ukraine has provided information"
        "sea-guardian": {"kinds": {"information"}, "dates": {"2016"}},
    }
    kfor = [r for r in rows if r["operation"].endswith("kosovo-force")][0]
    assert kfor["statusLabel"] == "ongoing"  # "continues to contribute"


def test_ships_deployed_six_times_to_active_endeavour(store):
    rows = ask(store, "deployment-counts")
    # "Ukraine deployed ships six times between 2007 and 2010 in support of Operation Active Endeavour"
    assert [(r["contributorLabel"], r["operationLabel"], int(r["deployments"]), r["kinds"], r["start"], r["end"])
            for r in rows] == [("Ukraine", "Operation Active Endeavour", 6, "ships", "2007", "2010")]
