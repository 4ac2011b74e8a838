"""Competency questions about cooperation: what was set up at summits, programmes, trust funds,
partners and participations, and who leads what, through what, under which headings.

The expected values were read off NATO's page "Relations with Ukraine"
(https://www.nato.int/cps/en/natohq/topics_37750.htm), the source document the data
is made from; the sentence is quoted next to each, and the values are spelled with the
labels the data uses for the things the source names.  When one of these fails, the
data disagrees with the source: fix the data, not the expectation.
"""

from __future__ import annotations

import pytest

from query_support import ask, column, labels, slug



# --- set up at summits, programmes, trust funds -----------------------------------


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
