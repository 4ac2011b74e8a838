"""Competency questions that take parameters: a range of years, a day, a resource, a class, a body.

Each named query is asked for its defaults and for other values, and the answer is compared with
what NATO's page "Relations with Ukraine" (https://www.nato.int/cps/en/natohq/topics_37750.htm),
the source document the data is made from, states; the section is named and the sentence quoted
next to each.  When one of these fails, the data disagrees with the source: fix the data, not the
expectation.  (The editor's copies of these queries, with their defaults in a VALUES block, are
compared with the bound files in tests/http/test_workbench.py.)
"""

from __future__ import annotations

import pytest

from nukg.core.errors import BadRequest
from query_support import NAMED, ask, by_slug, labels, slug, store_with

HELD, MAY = "held", "may have held"


def held_on(store, date=None):
    """{slug of the thing: certainty} of held-on-date for ``date`` (else its default)."""
    rows = ask(store, "held-on-date", **({"date": date} if date else {}))
    return by_slug(rows, "thing", "certainty")


def facts(rows):
    return {(r["direction"], r["propertyLabel"], r["valueLabel"]) for r in rows}


# --- events-between-years -------------------------------------------------------------------


def test_events_from_1997_to_1999(store):
    rows = ask(store, "events-between-years", **{"from": "1997", "to": "1999"})
    assert {(slug(r["thing"]), r["date"], r["dateKind"]) for r in rows} == {
        # Highlights: "Relations were strengthened with the signing of the 1997 Charter on a Distinctive
        #  Partnership"
        ("charter-on-a-distinctive-partnership", "1997", "signing date"),
        # ... "which established the NATO-Ukraine Commission (NUC)": the NUC came into being with the Charter
        ("nato-ukraine-commission", "1997", "establishment date"),
        # Framework for cooperation: "The NIDC was inaugurated in Kyiv in 1997"
        ("nato-information-and-documentation-centre", "1997", "inauguration date"),
        # NATO-Ukraine Joint Working Group on Defence Reform: "Established in 1998 under the auspices of
        #  the NATO-Ukraine Commission, the JWGDR ..."
        ("joint-working-group-on-defence-reform", "1998", "establishment date"),
        # Framework for cooperation: "The NLO was established in Kyiv in 1999"
        ("nato-liaison-office", "1999", "establishment date"),
    }


def test_events_from_2014_to_2016_by_default(store):
    rows = ask(store, "events-between-years")
    found = {(slug(r["thing"]), r["date"]) for r in rows}
    assert {
        # Response to the Russia-Ukraine conflict: "From the very beginning of the Russia-Ukraine conflict
        #  in 2014"; "NATO Allies decided in 2014 to suspend all practical civilian and military cooperation
        #  with Russia"
        ("russia-ukraine-conflict", "2014"),
        ("suspension-of-cooperation-with-russia", "2014"),
        # Key areas of cooperation: "Medical Rehabilitation – This Trust Fund, which was set up in 2014";
        #  the Professional Development Programme's "budget was doubled in 2014"
        ("medical-rehabilitation-trust-fund", "2014"),
        ("professional-development-programme-budget-doubling-2014", "2014"),
        # Support for NATO-led operations: "Following the end of ISAF's mission in 2014, Ukraine supported
        #  the follow-on Resolute Support Mission (2015-2021)"
        ("international-security-assistance-force", "2014"),
        ("resolute-support-mission", "2015"),
        # Framework for cooperation: "The NATO Representation to Ukraine, established in September 2015"
        ("nato-representation-to-ukraine", "2015-09"),
        # Wider cooperation: the Platform "was established at the NATO Summit in Warsaw in July 2016";
        #  Highlights: "Since the NATO Summit in Warsaw in July 2016, ... the Comprehensive Assistance Package"
        ("warsaw-summit-2016", "2016-07"),
        ("nato-ukraine-platform-on-countering-hybrid-warfare", "2016-07"),
        ("comprehensive-assistance-package", "2016-07"),
        # Support for NATO-led operations: "Since the launch of maritime operation Sea Guardian in 2016"
        ("sea-guardian", "2016"),
        ("ukraine-in-sea-guardian", "2016"),
    } <= found
    assert all("2014" <= r["date"][:4] <= "2016" for r in rows)


def test_a_range_is_the_years_in_it_one_by_one(store):
    ranged = ask(store, "events-between-years", **{"from": "2005", "to": "2009"})
    one_by_one = [row for year in range(2005, 2010) for row in ask(store, "events-in-year", year=str(year))]
    key = lambda r: (r["date"], r["thing"], r["dateKind"])  # noqa: E731
    assert sorted(map(key, ranged)) == sorted(map(key, one_by_one)) and ranged


def test_a_range_of_one_year_and_an_empty_range(store):
    # Highlights: "In 2019, a corresponding amendment to Ukraine's Constitution entered into force."
    rows = ask(store, "events-between-years", **{"from": "2019", "to": "2019"})
    assert "constitutional-amendment-2019" in {slug(r["thing"]) for r in rows}
    assert ask(store, "events-between-years", **{"from": "1999", "to": "1997"}) == []


# --- held-on-date ---------------------------------------------------------------------------

# What the source dates as having begun by 1995 and never ended:
# Highlights: "newly independent Ukraine joined the North Atlantic Cooperation Council (1991) and the
# Partnership for Peace programme (1994)"; Wider cooperation: "Ukraine has been actively engaged in NATO's
# Science for Peace and Security (SPS) Programme since 1991"; Opening summary: "Relations between NATO and
# Ukraine date back to the early 1990s" with Highlights: "Dialogue and cooperation started when newly
# independent Ukraine joined the North Atlantic Cooperation Council (1991)" (the year of the relationship's
# start is the project's editorial inference).
SINCE_THE_1990S = {
    "nato-ukraine-partnership": HELD,
    "ukraine-in-north-atlantic-cooperation-council": HELD,
    "ukraine-in-partnership-for-peace": HELD,
    "ukraine-in-science-for-peace-and-security": HELD,
}
# The bodies that existed by the end of the 1990s: Highlights: "the 1997 Charter on a Distinctive Partnership,
# which established the NATO-Ukraine Commission (NUC)"; Framework for cooperation: "The NIDC was inaugurated
# in Kyiv in 1997"; "The NLO was established in Kyiv in 1999"; NATO-Ukraine Joint Working Group on Defence
# Reform: "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR ...".
BODIES_OF_THE_1990S = {
    "nato-ukraine-commission": HELD,
    "nato-information-and-documentation-centre": HELD,
    "joint-working-group-on-defence-reform": HELD,
    "nato-liaison-office": HELD,
}
# Building capabilities and interoperability: "Since 2004, the NATO-Ukraine Joint Working Group on Defence
# Technical Cooperation works ..."; "Ukraine joined the Air Situation Data Exchange programme in July 2006";
# "Since 2007, Ukraine participates in NATO's Building Integrity (BI) Initiative".
SINCE_THE_2000S = {
    **SINCE_THE_1990S,
    **BODIES_OF_THE_1990S,
    "joint-working-group-on-defence-technical-cooperation": HELD,
    "ukraine-in-air-situation-data-exchange": HELD,
    "ukraine-in-building-integrity": HELD,
}
# Highlights: "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process"; Opening summary:
# "Since 2014, in the wake of the Russia-Ukraine conflict, cooperation has been intensified in critical areas";
# Highlights: "since 2014 NATO has reinforced its support for capability development and capacity-building in Ukraine"; Response to
# the Russia-Ukraine conflict: "From the very beginning of the Russia-Ukraine conflict in 2014, NATO has
# adopted a firm position in full support of Ukraine's sovereignty and territorial integrity"; Wider
# cooperation: "Since the start of the crisis in Crimea and eastern Ukraine in 2014, experts have provided
# advice on Ukraine's contingency plans"; Building capabilities: "Medical Rehabilitation - This Trust Fund,
# which was set up in 2014"; Framework for cooperation: "The NATO Representation to Ukraine, established in
# September 2015"; Highlights: "Since the NATO Summit in Warsaw in July 2016, NATO's practical support for
# Ukraine is set out in the Comprehensive Assistance Package (CAP)"; Wider cooperation: "the NATO-Ukraine
# Platform on Countering Hybrid Warfare was established at the NATO Summit in Warsaw in July 2016"; Support
# for NATO-led operations: "Since the launch of maritime operation Sea Guardian in 2016, Ukraine has provided
# information".
SINCE_2016 = {
    **SINCE_THE_2000S,
    "nuc-oversight-of-euro-atlantic-integration": HELD,
    "russia-ukraine-conflict": HELD,
    "intensified-cooperation-since-2014": HELD,
    "reinforced-capability-support": HELD,
    "support-for-territorial-integrity": HELD,
    "contingency-planning-advice": HELD,
    "medical-rehabilitation-trust-fund": HELD,
    "nato-representation-to-ukraine": HELD,
    "comprehensive-assistance-package": HELD,
    "nato-ukraine-platform-on-countering-hybrid-warfare": HELD,
    "ukraine-in-sea-guardian": HELD,
}
# Building capabilities and interoperability: "In June 2020, Ukraine became an Enhanced Opportunity Partner"
SINCE_2020 = {**SINCE_2016, "ukraine-enhanced-opportunity-partner": HELD}
# Response to the Russia-Ukraine conflict: "Russia's brutal and unprovoked war against Ukraine starting in
# February 2022"; "Since Russia's full-scale invasion of Ukraine in February 2022, Allies have imposed
# unprecedented sanctions on Russia"
SINCE_FEBRUARY_2022 = {**SINCE_2020, "russian-invasion-of-ukraine-2022": HELD, "sanctions-on-russia": HELD}


def test_what_held_on_the_last_day_of_2016_by_default(store):
    assert held_on(store) == {
        **SINCE_2016,
        # Support for NATO-led operations: "the follow-on Resolute Support Mission (2015-2021)"
        "resolute-support-mission": HELD,
    }


def test_what_held_on_1_june_1995(store):
    # Nothing else is dated so early; the bodies of 1997-1999 did not exist yet.
    assert held_on(store, "1995-06-01") == SINCE_THE_1990S


def test_what_held_on_1_january_2009(store):
    assert held_on(store, "2009-01-01") == {
        **SINCE_THE_2000S,
        # Support for NATO-led operations: "From March 2005, Ukraine contributed officers to the NATO
        #  Training Mission in Iraq, which terminated in December 2011"; "Ukraine deployed ships six times
        #  between 2007 and 2010 in support of Operation Active Endeavour"
        "ukraine-in-nato-training-mission-in-iraq": HELD,
        "ukraine-in-active-endeavour": HELD,
        # Highlights: "Since 2009, the NUC has overseen ..." - on its first day, 2009 may not have begun for it
        "nuc-oversight-of-euro-atlantic-integration": MAY,
    }


def test_what_held_on_15_september_2020(store):
    assert held_on(store, "2020-09-15") == {
        **SINCE_2020,
        "resolute-support-mission": HELD,  # (2015-2021)
        # Highlights: "In September 2020, President Volodymyr Zelenskyy approved Ukraine's new National Security
        #  Strategy": President on some day of that month, so possibly on the 15th; before or after, unknown
        "zelenskyy-as-president-of-ukraine": MAY,
    }
    assert "zelenskyy-as-president-of-ukraine" not in held_on(store, "2020-08-31")
    assert "zelenskyy-as-president-of-ukraine" not in held_on(store, "2021-01-01")


def test_what_held_on_1_march_2022(store):
    # the Resolute Support Mission (2015-2021) is over
    assert held_on(store, "2022-03-01") == SINCE_FEBRUARY_2022


def test_what_held_on_the_day_of_the_page(store):
    # Opening summary, the page's caption on the day it was last updated: "NATO Secretary General Jens
    # Stoltenberg and the President of Ukraine Volodymyr Zelenskyy"; Building capabilities: "The other EOPs are
    # Australia, Finland, Georgia, Jordan and Sweden." - shown held on 15 June 2022 by the project's reading
    rows = {slug(r["thing"]): r for r in ask(store, "held-on-date", date="2022-06-15")}
    on_the_day = {thing: "true" for thing in (
        "stoltenberg-as-secretary-general-of-nato", "zelenskyy-as-president-of-ukraine",
        "australia-enhanced-opportunity-partner", "finland-enhanced-opportunity-partner",
        "georgia-enhanced-opportunity-partner", "jordan-enhanced-opportunity-partner",
        "sweden-enhanced-opportunity-partner")}
    assert {t: r["certainty"] for t, r in rows.items()} == {
        **SINCE_FEBRUARY_2022, **{thing: HELD for thing in on_the_day}}
    assert {t: r["editorial"] for t, r in rows.items() if r["editorial"] == "true"} == {
        **on_the_day, "nato-ukraine-partnership": "true"}
    stoltenberg = rows["stoltenberg-as-secretary-general-of-nato"]
    assert (slug(stoltenberg["holder"]), slug(stoltenberg["post"])) == ("jens-stoltenberg", "secretary-general-of-nato")
    # the day before, the page says nothing of them: unknown, so not answered
    assert not set(on_the_day) & set(held_on(store, "2022-06-14"))


def test_a_year_of_start_is_sure_on_its_last_day_only(store):
    # Support for NATO-led operations: "Since the launch of maritime operation Sea Guardian in 2016, Ukraine
    # has provided information": sure by the end of 2016, not on 1 March 2016
    assert held_on(store, "2016-12-31")["ukraine-in-sea-guardian"] == HELD
    assert held_on(store, "2016-03-01")["ukraine-in-sea-guardian"] == MAY
    assert "ukraine-in-sea-guardian" not in held_on(store, "2015-12-31")


def test_a_month_of_start_is_sure_from_its_last_day(store):
    # Building capabilities and interoperability: "In June 2020, Ukraine became an Enhanced Opportunity Partner"
    assert "ukraine-enhanced-opportunity-partner" not in held_on(store, "2020-05-31")
    assert held_on(store, "2020-06-01")["ukraine-enhanced-opportunity-partner"] == MAY
    assert held_on(store, "2020-06-29")["ukraine-enhanced-opportunity-partner"] == MAY
    assert held_on(store, "2020-06-30")["ukraine-enhanced-opportunity-partner"] == HELD


def test_an_end_is_kept_at_its_precision(store):
    # Support for NATO-led operations: "Ukraine deployed ships six times between 2007 and 2010 in support of
    # Operation Active Endeavour"
    assert held_on(store, "2010-01-01")["ukraine-in-active-endeavour"] == HELD
    assert held_on(store, "2010-12-31")["ukraine-in-active-endeavour"] == MAY
    assert "ukraine-in-active-endeavour" not in held_on(store, "2011-01-01")


def test_a_contribution_ends_with_its_mission(store):
    # Support for NATO-led operations: "From March 2005, Ukraine contributed officers to the NATO Training
    # Mission in Iraq, which terminated in December 2011"
    rows = {slug(r["thing"]): r for r in ask(store, "held-on-date", date="2011-12-15")}
    assert (rows["ukraine-in-nato-training-mission-in-iraq"]["start"],
            rows["ukraine-in-nato-training-mission-in-iraq"]["end"],
            rows["ukraine-in-nato-training-mission-in-iraq"]["certainty"]) == ("2005-03", "2011-12", MAY)
    assert held_on(store, "2005-03-31")["ukraine-in-nato-training-mission-in-iraq"] == HELD
    assert "ukraine-in-nato-training-mission-in-iraq" not in held_on(store, "2012-01-01")


def test_a_contribution_in_a_year_may_have_held_on_any_day_of_it(store):
    # Support for NATO-led operations: "In 2013, it also contributed to NATO's counter-piracy operation
    # Ocean Shield."
    assert held_on(store, "2013-01-01")["ukraine-in-ocean-shield"] == MAY
    assert held_on(store, "2013-12-31")["ukraine-in-ocean-shield"] == MAY
    assert "ukraine-in-ocean-shield" not in held_on(store, "2014-01-01")


def test_open_periods_stay_open(store):
    # Building capabilities and interoperability: "In June 2020, Ukraine became an Enhanced Opportunity
    # Partner (EOP)": no end is stated, and none is made up
    rows = {slug(r["thing"]): r for r in ask(store, "held-on-date", date="2022-06-15")}
    eop = rows["ukraine-enhanced-opportunity-partner"]
    assert (eop["start"], eop["end"], eop["certainty"], eop["kind"]) == ("2020-06", None, HELD, "Status assignment")


PERIODS = """
@prefix nuk:  <https://w3id.org/nato-ukraine-kg/id/> .
@prefix nuo:  <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

nuk:zz-from-february-2020 a nuo:Participation ; rdfs:label "Planted: from February 2020"@en ;
    nuo:startDate "2020-02"^^xsd:gYearMonth .
nuk:zz-from-february-2019 a nuo:Participation ; rdfs:label "Planted: from February 2019"@en ;
    nuo:startDate "2019-02"^^xsd:gYearMonth .
nuk:zz-from-february-2100 a nuo:Participation ; rdfs:label "Planted: from February 2100"@en ;
    nuo:startDate "2100-02"^^xsd:gYearMonth .
nuk:zz-from-april-2019 a nuo:Participation ; rdfs:label "Planted: from April 2019"@en ;
    nuo:startDate "2019-04"^^xsd:gYearMonth .
nuk:zz-one-day a nuo:Contribution, nuo:TimedRelation ; rdfs:label "Planted: on one day"@en ;
    nuo:date "2013-05-02"^^xsd:date .
nuk:zz-to-a-day a nuo:Participation ; rdfs:label "Planted: to a day"@en ;
    nuo:startDate "2013-05-01"^^xsd:date ; nuo:endDate "2013-05-03"^^xsd:date .
"""


@pytest.fixture(scope="module")
def periods_store(snapshot):
    """The real data plus made-up periods at the edges of months (not facts: never in data/).  Nothing is
    inferred for them, so the one dated by a single date says it is a timed relation itself."""
    return store_with(snapshot, PERIODS)


@pytest.mark.parametrize(("date", "thing", "certainty"), [
    ("2020-02-28", "zz-from-february-2020", MAY),   # 2020 is a leap year
    ("2020-02-29", "zz-from-february-2020", HELD),
    ("2019-02-28", "zz-from-february-2019", HELD),
    ("2100-02-28", "zz-from-february-2100", HELD),  # 2100 is not
    ("2019-04-29", "zz-from-april-2019", MAY),
    ("2019-04-30", "zz-from-april-2019", HELD),
    ("2013-05-02", "zz-one-day", HELD),             # a day is a period of one day
    ("2013-05-03", "zz-to-a-day", HELD),            # the end day is included
])
def test_the_last_day_of_a_month_and_days(periods_store, date, thing, certainty):
    assert held_on(periods_store, date)[thing] == certainty


@pytest.mark.parametrize(("date", "thing"), [
    ("2013-05-01", "zz-one-day"), ("2013-05-03", "zz-one-day"), ("2013-05-04", "zz-to-a-day"),
    ("2019-03-31", "zz-from-april-2019"),
])
def test_days_outside_a_period(periods_store, date, thing):
    assert thing not in held_on(periods_store, date)


# --- facts-about-resource -------------------------------------------------------------------


def test_everything_about_the_nuc_by_default(store):
    rows = ask(store, "facts-about-resource")
    found = facts(rows)
    assert {
        # Framework for cooperation: "The NATO-Ukraine Commission (NUC) directs cooperative activities"
        ("outgoing", "label", "NATO-Ukraine Commission"),
        ("outgoing", "altLabel", "NUC"),
        # Highlights: "the 1997 Charter on a Distinctive Partnership, which established the NATO-Ukraine
        #  Commission (NUC)": stated on the NUC and, the other way round, on the Charter
        ("outgoing", "established by", "Charter on a Distinctive Partnership"),
        ("incoming", "establishes", "Charter on a Distinctive Partnership"),
        # Highlights: "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process,
        #  including reforms under the Annual National Programme (ANP)"
        ("outgoing", "oversees", "Ukraine's Euro-Atlantic integration process"),
        ("outgoing", "oversees", "Annual National Programme"),
        ("incoming", "overseer", "NATO-Ukraine Commission oversight of Ukraine's Euro-Atlantic integration"),
        # NATO-Ukraine Joint Working Group on Defence Reform: "Established in 1998 under the auspices of the
        #  NATO-Ukraine Commission"
        ("incoming", "under the auspices of", "NATO-Ukraine Joint Working Group on Defence Reform"),
        # Response to the Russia-Ukraine conflict: "The NUC met for extraordinary meetings ... in November 2018
        #  and ... April 2021. Other extraordinary meetings of the NUC took place ... in January and February 2022"
        ("incoming", "agent", "Extraordinary meeting of the NATO-Ukraine Commission on the Kerch Strait incident"),
        ("incoming", "agent", "Extraordinary meeting of the NATO-Ukraine Commission on Russia's military build-up of April 2021"),
        ("incoming", "agent", "Extraordinary meeting of the NATO-Ukraine Commission (January 2022)"),
        ("incoming", "agent", "Extraordinary meeting of the NATO-Ukraine Commission (February 2022)"),
    } <= found
    # Framework for cooperation: "The NUC can meet at various levels, including heads of state and government,
    # ministers of foreign affairs or defence, ambassadors and in various working-level formats."
    assert {r["valueLabel"] for r in rows if r["propertyLabel"] == "meeting level"} == {
        "heads of state and government", "ministers of foreign affairs", "ministers of defence",
        "ambassadors", "working-level formats",
    }
    assert all(r["_resource"].endswith("/id/nato-ukraine-commission") for r in rows)


def test_stated_and_inferred_facts_are_told_apart(store):
    rows = ask(store, "facts-about-resource")
    stated = {(r["direction"], r["propertyLabel"], r["valueLabel"]): r["stated"] for r in rows}
    # the data says the NUC is a commission; that it is a body follows from the ontology
    assert stated[("outgoing", "type", "Commission")] == "true"
    assert stated[("outgoing", "type", "Body")] == "false"
    # the data says the Euro-Atlantic integration process is overseen by the NUC; the other direction is inferred
    assert stated[("incoming", "overseen by", "Ukraine's Euro-Atlantic integration process")] == "true"
    assert stated[("outgoing", "oversees", "Ukraine's Euro-Atlantic integration process")] == "false"


def test_everything_about_the_nato_liaison_office(store):
    rows = ask(store, "facts-about-resource", resource="nuk:nato-liaison-office")
    found = facts(rows)
    assert {
        # Framework for cooperation: "The NLO was established in Kyiv in 1999"; the NATO Representation to
        #  Ukraine "consists of the NATO Information and Documentation Centre (NIDC) and the NATO Liaison
        #  Office (NLO)"
        ("outgoing", "establishment date", "1999"),
        ("outgoing", "location", "Kyiv"),
        ("outgoing", "subOrganizationOf", "NATO Representation to Ukraine"),
        ("incoming", "hasSubOrganization", "NATO Representation to Ukraine"),
    } <= found
    # Framework for cooperation: "Its key interlocutors include the Ministries of Interior, Foreign Affairs and
    # Defence, the Presidential Office, the National Security and Defence Council, the Parliament, and several
    # other Ukrainian agencies."
    assert {v for d, p, v in found if p == "interlocutor"} >= {
        "Ministry of Interior of Ukraine", "Ministry of Foreign Affairs of Ukraine", "Ministry of Defence of Ukraine",
        "Presidential Office of Ukraine", "National Security and Defence Council of Ukraine", "Verkhovna Rada",
    }
    # Framework for cooperation: "Its main priorities include: ..." - four of them
    assert len({v for d, p, v in found if p == "priority"}) == 4


# --- resources-of-class ---------------------------------------------------------------------


def test_the_trust_funds_by_default(store):
    # Key areas of cooperation (Building capabilities and interoperability): the Trust Funds for C4, Medical
    # Rehabilitation, Military Career Transition, EOD and C-IED, Cyber Defence, and Logistics and Standardization
    rows = ask(store, "resources-of-class")
    assert labels(rows) == {
        "C4 Trust Fund",
        "Medical Rehabilitation Trust Fund",
        "Military Career Transition Trust Fund",
        "Explosive Ordnance Disposal and Countering Improvised Explosive Devices Trust Fund",
        "Cyber Defence Trust Fund",
        "Logistics and Standardization Trust Fund",
    }
    assert {r["kind"] for r in rows} == {"Trust fund"}


def test_the_operations_with_the_members_of_subclasses(store):
    # Support for NATO-led operations: Bosnia and Herzegovina, KFOR, ISAF, the NATO Training Mission in
    # Afghanistan, the Resolute Support Mission, the NATO Training Mission in Iraq, Operation Active Endeavour,
    # Ocean Shield and Sea Guardian
    rows = ask(store, "resources-of-class", **{"class": "nuo:Operation"})
    assert {slug(r["resource"]): r["kind"] for r in rows} == {
        "peace-support-operations-in-bosnia-and-herzegovina": "Peace-support operation",
        "kosovo-force": "Peace-support operation",
        "international-security-assistance-force": "Operation",
        "nato-training-mission-in-afghanistan": "Training mission",
        "resolute-support-mission": "Training mission",
        "nato-training-mission-in-iraq": "Training mission",
        "active-endeavour": "Maritime operation",
        "ocean-shield": "Maritime operation",
        "sea-guardian": "Maritime operation",
    }


def test_the_people_and_bodies(store):
    # Highlights: "NATO Secretary General Jens Stoltenberg and the President of Ukraine Volodymyr Zelenskyy"
    people = ask(store, "resources-of-class", **{"class": "nuo:Person"})
    assert labels(people) == {"Jens Stoltenberg", "Volodymyr Zelenskyy"}
    # Highlights: the Charter "established the NATO-Ukraine Commission"; Framework for cooperation: the NATO
    # Representation to Ukraine "consists of the NATO Information and Documentation Centre (NIDC) and the NATO
    # Liaison Office (NLO)" - bodies of several kinds, all found as bodies
    bodies = {slug(r["resource"]): r["kind"] for r in ask(store, "resources-of-class", **{"class": "nuo:Body"})}
    assert {
        ("nato-ukraine-commission", "Commission"),
        ("nato-representation-to-ukraine", "Representation"),
        ("nato-information-and-documentation-centre", "Centre"),
        ("nato-liaison-office", "Office"),
    } <= set(bodies.items())


@pytest.mark.parametrize("value", NAMED["resources-of-class"].params[0].enum)
def test_every_class_offered_has_resources(store, value):
    assert ask(store, "resources-of-class", **{"class": value}), f"no resources of {value}"


def test_a_class_not_offered_is_refused(store):
    with pytest.raises(BadRequest):
        ask(store, "resources-of-class", **{"class": "nuo:SourceSection"})


# --- overseen-or-set-up-by ------------------------------------------------------------------


def test_what_the_nuc_oversees_and_set_up_by_default(store):
    rows = ask(store, "overseen-or-set-up-by")
    assert {(r["how"], slug(r["thing"]), r["date"]) for r in rows} == {
        # Highlights: "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process, including
        #  reforms under the Annual National Programme (ANP)."
        ("oversees", "euro-atlantic-integration-process", "2009"),
        ("oversees", "annual-national-programme", None),
        # NATO-Ukraine Joint Working Group on Defence Reform: "Established in 1998 under the auspices of the
        #  NATO-Ukraine Commission, the JWGDR ..."
        ("under the auspices of", "joint-working-group-on-defence-reform", "1998"),
    }


def test_what_the_civil_emergency_planning_group_oversees(store):
    # Wider cooperation: "A Joint Working Group on Civil Emergency Planning oversees cooperation in this area"
    # (civil preparedness and resilience)
    rows = ask(store, "overseen-or-set-up-by", body="nuk:joint-working-group-on-civil-emergency-planning")
    assert {(r["how"], r["label"]) for r in rows} == {
        ("oversees", "NATO-Ukraine cooperation on civil preparedness and resilience"),
    }


def test_what_the_charter_and_the_warsaw_summit_set_up(store):
    # Highlights: "the 1997 Charter on a Distinctive Partnership, which established the NATO-Ukraine
    # Commission (NUC)"
    rows = ask(store, "overseen-or-set-up-by", body="nuk:charter-on-a-distinctive-partnership")
    assert {(r["how"], slug(r["thing"])) for r in rows} == {("establishes", "nato-ukraine-commission")}
    # Wider cooperation: "the NATO-Ukraine Platform on Countering Hybrid Warfare was established at the NATO
    # Summit in Warsaw in July 2016"; Response to the Russia-Ukraine conflict: "At the 2016 Summit in Warsaw,
    # NATO's measures in support of Ukraine became part of the Comprehensive Assistance Package (CAP)"
    rows = ask(store, "overseen-or-set-up-by", body="nuk:warsaw-summit-2016")
    assert {(r["how"], slug(r["thing"]), r["date"]) for r in rows} == {
        ("established at", "nato-ukraine-platform-on-countering-hybrid-warfare", "2016-07"),
        ("established at", "comprehensive-assistance-package", "2016-07"),
    }
