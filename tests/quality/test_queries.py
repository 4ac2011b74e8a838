"""The named queries and the data-quality checks, run against the real data.

Three kinds of tests:

- every ``queries/*.rq`` and ``queries/checks/*.rq`` file parses (with
  pyoxigraph and, as a second opinion, rdflib), has a complete header, and
  declares exactly the parameters it uses;
- every named query returns rows for its defaults, and every check returns
  none;
- each competency question gets the answer the SOURCE gives.  The expected
  values below were read off ``/work/shared/source/relations-with-ukraine.txt``
  (the sentence is quoted next to each), and are spelled with the labels the
  data uses for the things the source names.  When one of these fails, the
  data disagrees with the source: fix the data, not the expectation.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Store
from rdflib.plugins.sparql import prepareQuery

from server import queries
from server.errors import BadRequest, NotFound

NAMED = queries.load_queries()
CHECKS = queries.load_queries(queries.QUERIES_DIR / "checks")
ALL = {**NAMED, **{f"checks/{name}": q for name, q in CHECKS.items()}}

NUK = "https://w3id.org/nato-ukraine-kg/id/"


@pytest.fixture(scope="session")
def store(kg):
    """The named graphs in an in-memory pyoxigraph store, built once (``kg`` comes from conftest.py)."""
    return queries.build_store(kg)


def ask(store, name, **params):
    """The rows of a named query (values as plain strings)."""
    return queries.rows(queries.run(store, NAMED[name], params))


def column(rows, key="label"):
    return [row[key] for row in rows]


def labels(rows, key="label"):
    return set(column(rows, key))


def slug(iri):
    assert iri.startswith(NUK), iri
    return iri[len(NUK) :]


# ---------------------------------------------------------------------------
# The files themselves
# ---------------------------------------------------------------------------


def test_there_are_enough_competency_questions():
    assert len(NAMED) >= 32, sorted(NAMED)
    assert len(CHECKS) >= 7, sorted(CHECKS)


def test_names_are_kebab_case():
    for name in ALL:
        assert re.fullmatch(r"(checks/)?[a-z0-9]+(-[a-z0-9]+)*", name), name
    for name in CHECKS:
        assert name.endswith("-violation"), f"checks/{name}.rq must be named <what>-violation.rq"


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_parses(name):
    query = ALL[name]
    text = queries.bound_text(query)
    Store().query(text)  # pyoxigraph parses (and runs it on nothing)
    prepareQuery(text)  # and so does rdflib's independent SPARQL 1.1 parser


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_has_header(name):
    query = ALL[name]
    assert query.summary, f"{name}: no '#+ summary:'"
    assert query.description, f"{name}: no '#+ description:'"
    assert "?" in query.description, f"{name}: the description should ask the question the query answers"
    assert query.tags and all(query.tags), f"{name}: no '#+ tags: [...]'"


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_style(name):
    text = ALL[name].text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"^PREFIX\s", body, re.M | re.I) or "<http" in body, f"{name}: declare the prefixes it uses"
    assert re.search(r"\bORDER\s+BY\b", body, re.I), f"{name}: needs ORDER BY for a deterministic answer"


@pytest.mark.parametrize("name", sorted(ALL))
def test_parameters_are_declared_and_used(name):
    query = ALL[name]
    used = set(re.findall(r"[?$]_(\w+)", query.text))
    declared = {p.name for p in query.params}
    assert used == declared, f"{name}: uses ?_{sorted(used)} but declares {sorted(declared)}"
    for param in query.params:
        assert param.default is not None, f"{name}: parameter {param.name} needs a default"


# ---------------------------------------------------------------------------
# The helper module: headers and parameter binding
# ---------------------------------------------------------------------------


def test_header_parsing():
    header = queries.parse_header(
        '#+ summary: Summits\n#+ description: Which summits\n#+   took place?\n'
        '#+ tags: [events, summits]\n'
        '#+ params: [{name: year, type: xsd:gYear, default: "2008"}, {name: x, type: iri, default: "nuk:nato"}]\n'
        "PREFIX nuo: <https://w3id.org/nato-ukraine-kg/ontology/>\n#+ summary: not a header line\n"
    )
    assert header["summary"] == "Summits"
    assert header["description"] == "Which summits took place?"
    assert header["tags"] == ["events", "summits"]
    assert header["params"] == [
        {"name": "year", "type": "xsd:gYear", "default": "2008"},
        {"name": "x", "type": "iri", "default": "nuk:nato"},
    ]


def test_parameters_are_bound_as_terms_inside_the_where_group():
    query = NAMED["events-in-year"]
    text = queries.bound_text(query, {"year": "2008"})
    assert 'VALUES (?_year) { ("2008"^^<http://www.w3.org/2001/XMLSchema#gYear>) }' in text
    assert text.index("VALUES") > text.index("WHERE")


@pytest.mark.parametrize(
    "values",
    [
        {"year": '2014"^^<x> } } SELECT * WHERE { ?s ?p ?o } #'},
        {"year": "14"},
        {"year": 2014},
        {"decade": "2010"},
    ],
)
def test_bad_parameter_values_are_refused(values):
    with pytest.raises(BadRequest):
        queries.bound_text(NAMED["events-in-year"], values)


@pytest.mark.parametrize("value", ["nuk:nato> } ?s ?p ?o {", "no-such-prefix:x", "not an iri", "<nuk:nato>"])
def test_bad_iri_parameters_are_refused(value):
    with pytest.raises(BadRequest):
        queries.bound_text(NAMED["bodies-under"], {"parent": value})


def test_iri_parameters_take_prefixed_names_or_full_iris(store):
    short = ask(store, "bodies-under", parent="nuk:nato-representation-to-ukraine")
    full = ask(store, "bodies-under", parent=NUK + "nato-representation-to-ukraine")
    assert short == full and short


def test_unknown_query_is_not_found():
    with pytest.raises(NotFound):
        queries.get_query("no-such-query")


# ---------------------------------------------------------------------------
# Every named query answers for its defaults; every check finds nothing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_query_returns_rows_for_defaults(store, name):
    assert ask(store, name), f"{name} returned no rows for its defaults"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_finds_no_violation(store, name):
    found = queries.rows(queries.run(store, CHECKS[name]))
    assert found == [], f"checks/{name}.rq found {len(found)} problem(s): {found[:20]}"


# ---------------------------------------------------------------------------
# Competency questions: the source's answers
# ---------------------------------------------------------------------------


def by_slug(rows, key, *values):
    """{slug of rows[key]: tuple of the other named values} for comparison."""
    return {slug(row[key]): tuple(row[v] for v in values) if len(values) != 1 else row[values[0]] for row in rows}


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
        ("1991", {"ukraine-in-north-atlantic-cooperation-council", "ukraine-in-science-for-peace-and-security"}),
        # "the signing of the 1997 Charter on a Distinctive Partnership"; "The NIDC was inaugurated in Kyiv in 1997"
        ("1997", {"charter-on-a-distinctive-partnership", "nato-information-and-documentation-centre"}),
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
        # the NUC: set up by the Charter as a NATO-Ukraine body
        ("nato-ukraine-commission", "nato"),
        # "The NIDC is part of the NATO Public Diplomacy Division"
        ("nato-information-and-documentation-centre", "public-diplomacy-division"),
        # the NRU "consists of the NIDC and the NLO"
        ("nato-liaison-office", "nato-representation-to-ukraine"),
        # the JWGDR, under the auspices of the NUC, is reached through it
        ("joint-working-group-on-defence-reform", "nato-ukraine-commission"),
    } <= found


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


# --- set up at summits, programmes, trust funds, agreements -----------------------


def test_warsaw_summit_set_up_the_cap_and_the_hybrid_warfare_platform(store):
    rows = ask(store, "set-up-at-event")  # default: the Warsaw Summit
    # "At the 2016 Summit in Warsaw, NATO's measures in support of Ukraine became part of the Comprehensive
    #  Assistance Package (CAP)"; "the NATO-Ukraine Platform on Countering Hybrid Warfare was established at
    #  the NATO Summit in Warsaw in July 2016"
    assert labels(rows) == {
        "Comprehensive Assistance Package for Ukraine",
        "NATO-Ukraine Platform on Countering Hybrid Warfare",
    }
    assert set(column(rows, "eventDate")) == {"2016-07"}


def test_platform_set_up_in_july_2016(store):
    rows = ask(store, "establishment-dates")
    # "the NATO-Ukraine Platform on Countering Hybrid Warfare was established at the NATO Summit in Warsaw in
    #  July 2016"; "Medical Rehabilitation - This Trust Fund, which was set up in 2014"; "A Professional
    #  Development Programme ... was launched in October 2005"
    assert {
        ("nato-ukraine-platform-on-countering-hybrid-warfare", "2016-07"),
        ("medical-rehabilitation-trust-fund", "2014"),
        ("professional-development-programme", "2005-10"),
    } <= {(slug(r["thing"]), r["date"]) for r in rows}


def test_summit_outcomes(store):
    rows = {slug(r["summit"]): set(r["outcomes"].split(" | ")) for r in ask(store, "summits")}
    # "The Declaration to Complement the Charter, signed in 2009 as a follow-up to the decisions taken at the
    #  2008 NATO Summit in Bucharest"
    assert rows["bucharest-summit-2008"] == {"Declaration to Complement the Charter on a Distinctive Partnership"}
    # the CAP and the Platform, both from the Warsaw Summit of July 2016
    assert rows["warsaw-summit-2016"] == {
        "Comprehensive Assistance Package for Ukraine",
        "NATO-Ukraine Platform on Countering Hybrid Warfare",
    }


def test_programmes(store):
    rows = ask(store, "programmes")
    # the programmes the source names: "the Partnership for Peace programme (1994)"; "the Annual BI Tailored
    # Programme"; "the NATO Defence Education Enhancement Programme"; "A Professional Development Programme ...
    # launched in October 2005"; "the Air Situation Data Exchange programme in July 2006"; "the NATO
    # Operational Capabilities Concept Evaluation and Feedback Programme"; "NATO's Science for Peace and
    # Security (SPS) Programme since 1991"; "the DEXTER Programme"
    assert {slug(r["programme"]): (r["launched"], r["ukraineSince"]) for r in rows} == {
        "partnership-for-peace": (None, "1994"),
        "annual-bi-tailored-programme": (None, None),
        "defence-education-enhancement-programme": (None, None),
        "professional-development-programme": ("2005-10", None),
        "air-situation-data-exchange": (None, "2006-07"),
        "operational-capabilities-concept-evaluation-and-feedback-programme": (None, None),
        "science-for-peace-and-security-programme": (None, "1991"),
        "dexter": (None, None),
    }
    part_of = {slug(r["programme"]): r["partOfLabel"] for r in rows}
    # "Among these activities [in the SPS framework], noteworthy is the participation of Ukraine in the DEXTER
    #  Programme"
    assert part_of["dexter"] == "Science for Peace and Security Programme"


TRUST_FUNDS = {
    # "Command, Control, Communications and Computers (C4) - The C4 Trust Fund assists Ukraine ... Projects
    #  within this Trust Fund are at various stages of implementation" (active)
    "C4 Trust Fund": ("active", None, None),
    # "Medical Rehabilitation - This Trust Fund, which was set up in 2014, aims to ensure ..." (active)
    "Medical Rehabilitation Trust Fund": ("active", "2014", None),
    # "Military Career Transition - ... This is no longer an active Trust Fund"
    "Military Career Transition Trust Fund": ("no longer active", None, None),
    # "Explosive Ordnance Disposal (EOD) and Countering Improvised Explosive Devices (C-IED) - This Trust Fund
    #  directly supported ... and assists ..." (the source gives no status)
    "Explosive Ordnance Disposal and Countering Improvised Explosive Devices Trust Fund": (None, None, None),
    # "Cyber Defence - This Trust Fund, which achieved its objectives and was therefore completed in 2017"
    "Cyber Defence Trust Fund": ("completed", None, "2017"),
    # "Logistics and Standardization - This Trust Fund aimed to support ..." (the source gives no status)
    "Logistics and Standardization Trust Fund": (None, None, None),
}


def test_trust_funds(store):
    rows = ask(store, "trust-funds")
    assert {r["label"]: (r["statusLabel"], r["setUp"], r["completed"]) for r in rows} == TRUST_FUNDS


@pytest.mark.parametrize("status", ["completed", "active", "no longer active"])
def test_trust_funds_by_status(store, status):
    iri = "nuk:status-" + status.replace(" ", "-")
    rows = ask(store, "trust-funds-by-status", status=iri)
    assert labels(rows) == {fund for fund, (s, _, _) in TRUST_FUNDS.items() if s == status}


def test_completed_trust_fund_by_default(store):
    rows = ask(store, "trust-funds-by-status")
    # "Cyber Defence - This Trust Fund, which achieved its objectives and was therefore completed in 2017"
    assert [(r["label"], r["completed"]) for r in rows] == [("Cyber Defence Trust Fund", "2017")]


def test_c4_trust_fund_areas(store):
    # "Projects within this Trust Fund are at various stages of implementation, addressing requirements in the
    #  areas of regional airspace security; secure tactical communications; knowledge-sharing; and situational
    #  awareness."
    assert labels(ask(store, "c4-trust-fund-areas")) == {
        "regional airspace security",
        "secure tactical communications",
        "knowledge-sharing",
        "situational awareness",
    }


def test_sps_leading_areas(store):
    # "Leading areas of cooperation with Ukraine in the SPS framework include advanced technology,
    #  counter-terrorism, defence against chemical, biological, radiological and nuclear (CBRN) agents, as well
    #  as energy and environmental security."
    assert labels(ask(store, "sps-leading-areas")) == {
        "advanced technology",
        "counter-terrorism",
        "defence against chemical, biological, radiological and nuclear agents",
        "energy and environmental security",
    }


def test_largest_beneficiary_of_sps(store):
    rows = ask(store, "largest-beneficiary")
    # "Ukraine has since become the largest beneficiary of the SPS Programme"; "engaged ... since 1991"
    assert [(r["label"], r["beneficiaryLabel"], r["participatingSince"]) for r in rows] == [
        ("Science for Peace and Security Programme", "Ukraine", "1991")
    ]


def test_deep_focuses_on_eight_institutions_and_five_nco_centres(store):
    rows = ask(store, "programme-focus")  # default: DEEP
    # "focusing on eight defence higher education institutions and five training centres for
    #  Non-Commissioned Officers"
    assert sorted(int(r["memberCount"]) for r in rows) == [5, 8]
    assert {slug(r["group"]): int(r["memberCount"]) for r in rows} == {
        "ukrainian-defence-higher-education-institutions": 8,
        "ukrainian-nco-training-centres": 5,
    }


def test_bi_self_assessment_had_nine_institutions(store):
    rows = {slug(r["assessment"]): r for r in ask(store, "assessments")}
    bi = rows["bi-self-assessment-2019"]
    # "In October 2019, nine institutions of Ukraine's defence and security sector completed the NATO BI
    #  Self-Assessment and Peer Review Process"
    assert (bi["date"], int(bi["participants"])) == ("2019-10", 9)
    assert bi["partOfLabel"] == "NATO Building Integrity Self-Assessment and Peer Review Process"
    # "In 2019, a Resilience Advisory Support Team (RAST) drew up recommendations to Ukrainian institutions"
    assert (rows["rast-recommendations-2019"]["date"], rows["rast-recommendations-2019"]["byLabel"]) == (
        "2019",
        "Resilience Advisory Support Team",
    )


def test_professional_development_programme_budget_doubled_in_2014(store):
    rows = ask(store, "budget-changes")
    # "Its budget was doubled in 2014 to support transformation and reform processes."
    assert [(r["programmeLabel"], r["date"], float(r["factor"])) for r in rows] == [
        ("Professional Development Programme", "2014", 2.0)
    ]


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
    # the Charter and the Declaration are NATO-Ukraine texts; the legal framework "to enable NATO and Ukraine
    # to further develop operational cooperation"
    for agreement in [
        "charter-on-a-distinctive-partnership",
        "declaration-to-complement-the-charter",
        "pfp-status-of-forces-agreement",
        "host-nation-support-agreement",
        "strategic-airlift-agreement",
    ]:
        assert parties[agreement] == {"NATO", "Ukraine"}, agreement
    declaration = [r for r in rows if r["agreement"].endswith("declaration-to-complement-the-charter")][0]
    # "The Declaration to Complement the Charter, signed in 2009 as a follow-up to the decisions taken at the
    #  2008 NATO Summit in Bucharest"
    assert declaration["complementsLabel"] == "Charter on a Distinctive Partnership"
    assert declaration["followsUpOnLabel"] == "NATO Summit in Bucharest (2008)"


# --- partners and participations ----------------------------------------------------


def test_enhanced_opportunity_partners(store):
    rows = ask(store, "partner-status-holders")  # default: Enhanced Opportunity Partner
    # "In June 2020, Ukraine became an Enhanced Opportunity Partner (EOP). ... The other EOPs are Australia,
    #  Finland, Georgia, Jordan and Sweden."
    assert {r["label"]: r["since"] for r in rows} == {
        "Ukraine": "2020-06",
        "Australia": None,
        "Finland": None,
        "Georgia": None,
        "Jordan": None,
        "Sweden": None,
    }
    # "This is a status offered to participants in NATO's Partnership Interoperability Initiative"
    assert set(column(rows, "offeredUnderLabel")) == {"Partnership Interoperability Initiative"}


def test_ukraine_participations_with_start_dates(store):
    rows = ask(store, "ukraine-participations")
    dated = {slug(r["what"]): r["since"] for r in rows if r["since"]}
    assert dated == {
        # "joined the North Atlantic Cooperation Council (1991) and the Partnership for Peace programme (1994)"
        "north-atlantic-cooperation-council": "1991",
        "partnership-for-peace": "1994",
        # "Ukraine has been actively engaged in NATO's Science for Peace and Security (SPS) Programme since 1991"
        "science-for-peace-and-security-programme": "1991",
        # "Since 2007, Ukraine participates in NATO's Building Integrity (BI) Initiative"
        "building-integrity": "2007",
        # "Ukraine joined the Air Situation Data Exchange programme in July 2006."
        "air-situation-data-exchange": "2006-07",
    }
    undated = {slug(r["what"]) for r in rows if not r["since"]}
    # participation without a date: the PfP Planning and Review Process, the Military Committee with Ukraine
    # Work Plan, the OCC E&F Programme, the NATO Response Force, the EADRCC's activities, DEXTER
    assert {
        "planning-and-review-process",
        "military-committee-with-ukraine-work-plan",
        "operational-capabilities-concept-evaluation-and-feedback-programme",
        "nato-response-force",
        "euro-atlantic-disaster-response-coordination-centre",
        "dexter",
    } <= undated
    # dated ones come first, in order
    since = [r["since"] for r in rows if r["since"]]
    assert since == sorted(since) and column(rows, "since")[: len(since)] == since


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


# ---------------------------------------------------------------------------
# The checks are not vacuous: each one finds a violation planted for it
# ---------------------------------------------------------------------------

PLANTED = """
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

nuk:zz-no-source a nuo:Event ; rdfs:label "Planted: no source"@en .
nuk:zz-no-label a nuo:Event ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-no-type rdfs:label "Planted: no type"@en ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-bad-dates a nuo:Event ; rdfs:label "Planted: bad dates"@en ;
    nuo:date "2014-01-01T00:00:00"^^xsd:dateTime ; nuo:signingDate "14"^^xsd:gYear ;
    nuo:startDate "2010"^^xsd:gYear ; nuo:endDate "2009-05"^^xsd:gYearMonth ;
    dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-second-ukraine a nuo:State ; rdfs:label "Ukraine"@en ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-dangling a nuo:Event ; rdfs:label "Planted: dangling"@en ; nuo:location nuk:zz-nowhere ;
    nuo:noSuchProperty "x" ; dcterms:source nuk:ukraine .
nuk:zz-two-labels a nuo:Event ; rdfs:label "Planted: one"@en, "Planted: two"@en ;
    dcterms:source nuk:relations-with-ukraine-summary .
"""


@pytest.fixture(scope="module")
def planted_store(store):
    from pyoxigraph import DefaultGraph, NamedNode, RdfFormat

    bad = Store()
    bad.extend(store)
    # like the endpoint's dataset: in the data graph and in the default graph (their union)
    for graph in (NamedNode("https://w3id.org/nato-ukraine-kg/graph/data"), DefaultGraph()):
        bad.load(PLANTED.encode(), format=RdfFormat.TURTLE, to_graph=graph)
    return bad


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_catches_a_planted_violation(planted_store, name):
    found = queries.rows(queries.run(planted_store, CHECKS[name]))
    assert found, f"checks/{name}.rq did not notice the violation planted for it"
    assert all(
        any(isinstance(v, str) and "zz-" in v or v == NUK + "ukraine" for v in row.values()) for row in found
    ), f"checks/{name}.rq flags resources other than the planted ones: {found}"


def test_string_parameters_are_escaped(tmp_path, store):
    (tmp_path / "label-search.rq").write_text(
        "#+ summary: Things with a label\n"
        "#+ description: Which things have exactly this label?\n"
        "#+ tags: [test]\n"
        '#+ params: [{name: text, type: xsd:string, default: "Ukraine"}]\n'
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?thing WHERE { ?thing rdfs:label ?label FILTER (STR(?label) = ?_text) } ORDER BY ?thing\n",
        encoding="utf-8",
    )
    query = queries.load_queries(tmp_path)["label-search"]
    assert queries.rows(queries.run(store, query)) == [{"thing": NUK + "ukraine"}]
    hostile = 'x" ) } } SELECT * WHERE { ?s ?p ?o } #'
    assert queries.rows(queries.run(store, query, {"text": hostile})) == []


# --- who leads what, through what, under which headings -----------------------------


def test_who_leads_the_advice(store):
    found = {(slug(r["leader"]), slug(r["led"])) for r in ask(store, "who-leads-what")}
    # "The NATO Representation to Ukraine leads on the provision of strategic-level advice under NATO's
    #  Comprehensive Assistance Package for Ukraine."
    assert ("nato-representation-to-ukraine", "strategic-level-advice") in found
    # "The NATO Liaison Office leads on NATO's advisory support with regard to reforms of Ukraine's security
    #  and defence sector."
    assert ("nato-liaison-office", "advisory-support-for-security-and-defence-reform") in found
    # "Support for NATO-led operations": every operation in that section is led by NATO
    assert {"kosovo-force", "resolute-support-mission", "sea-guardian"} <= {led for who, led in found if who == "nato"}


def test_means_of_support_for_defence_reform(store):
    # "NATO supports Ukraine's defence and related security sector reform through the Joint Working Group on
    #  Defence Reform, the PfP Planning and Review Process, the NATO Building Integrity (BI) Process and the
    #  Annual BI Tailored Programme, the NATO Defence Education Enhancement Programme, the Joint Working Group
    #  on Defence Technical Cooperation, and the advisory mission at the NATO Representation in Kyiv."
    assert {slug(r["means"]) for r in ask(store, "delivered-through")} == {
        "joint-working-group-on-defence-reform",
        "planning-and-review-process",
        "building-integrity",
        "annual-bi-tailored-programme",
        "defence-education-enhancement-programme",
        "joint-working-group-on-defence-technical-cooperation",
        "advisory-mission-in-kyiv",
    }


def test_key_areas_of_cooperation(store):
    # the sub-headings of "Key areas of cooperation": "Building capabilities and interoperability", "Wider
    # cooperation", "Support for NATO-led operations", "NATO-Ukraine Joint Working Group on Defence Reform"
    # (whose subject is "cooperation in the area of defence and security sector reform")
    assert labels(ask(store, "key-areas-of-cooperation")) == {
        "building capabilities and interoperability",
        "wider cooperation",
        "support for NATO-led operations",
        "defence and security sector reform",
    }
