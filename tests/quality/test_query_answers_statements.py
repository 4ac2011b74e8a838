"""Competency questions for the facts that once lived only in descriptions, and for the project's own inferences.

Each answer is compared with what NATO's page "Relations with Ukraine"
(https://www.nato.int/cps/en/natohq/topics_37750.htm) states; the section is named and the sentence quoted next
to it.  When one fails, the data disagrees with the source: fix the data, not the expectation.
"""

from __future__ import annotations

from query_support import ask, slug


def test_the_counts_the_page_states(store):
    rows = {slug(r["thing"]): (r["what"], r["stated"], r["listed"]) for r in ask(store, "stated-counts")}
    assert rows == {
        # Framework for cooperation: "The ANP is composed of five chapters focusing on: political and economic
        #  issues; defence and military issues; resources; security issues; and legal issues."
        "annual-national-programme": ("chapters", "5", "5"),
        # Framework for cooperation: "The Centre has three key pillars of work: ..."
        "nato-information-and-documentation-centre": ("pillars", "3", "3"),
    }


def test_the_kinds_of_events_and_projects(store):
    kinds = {}
    for r in ask(store, "activity-kinds"):
        kinds.setdefault((slug(r["activity"]), slug(r["by"])), set()).add(r["kindLabel"])
    assert kinds == {
        # Framework for cooperation: "the NIDC supports various public diplomacy and communications projects,
        #  including round tables, seminars, conferences and multimedia projects"
        ("nidc-public-diplomacy-projects", "nato-information-and-documentation-centre"):
            {"round tables", "seminars", "conferences", "multimedia projects"},
        # Wider cooperation: "Projects in support of research, training and expert consultations are ongoing"
        ("hybrid-warfare-platform-projects", "nato-ukraine-platform-on-countering-hybrid-warfare"):
            {"research projects", "training projects", "expert consultations"},
    }


def test_the_legal_framework_of_operational_cooperation(store):
    # Building capabilities and interoperability: "A legal framework has been established to enable NATO and
    # Ukraine to further develop operational cooperation, including the Partnership for Peace (PfP) Status of
    # Forces Agreement (entered into force in May 2000); the Host Nation Support Agreement (ratified in March
    # 2004); and the Strategic Airlift Agreement (ratified in October 2006)."
    rows = ask(store, "legal-framework")
    assert [(slug(r["agreement"]), r["entryIntoForce"], r["ratified"]) for r in rows] == [
        ("pfp-status-of-forces-agreement", "2000-05", None),
        ("host-nation-support-agreement", None, "2004-03"),
        ("strategic-airlift-agreement", None, "2006-10"),
    ]
    assert {slug(r["framework"]) for r in rows} == {"legal-framework-for-operational-cooperation"}


def test_how_far_back_the_relationship_goes(store):
    # Opening summary: "Relations between NATO and Ukraine date back to the early 1990s"; Highlights: "Dialogue and
    # cooperation started when newly independent Ukraine joined the North Atlantic Cooperation Council (1991)"
    [row] = ask(store, "relationship-origin")
    assert "early 1990s" in row["periodNote"]
    assert (slug(row["startedWith"]), row["firstDate"]) == ("ukraine-in-north-atlantic-cooperation-council", "1991")
    # the year of the relationship's own start is the project's reading, and says so
    assert (row["start"], row["startIsEditorial"]) == ("1991", "true")


def test_what_the_trust_funds_helped_to_do(store):
    found = {(slug(r["fund"]), r["how"], slug(r["outcome"]) if r["outcome"] else r["outcomeLabel"])
             for r in ask(store, "trust-fund-outcomes")}
    assert {
        # Building capabilities: Cyber Defence - "Assistance included the establishment of an incident management
        #  centre for monitoring cyber security incidents and laboratories to investigate cyber security incidents."
        ("cyber-defence-trust-fund", "helped establish", "cyber-incident-management-centre"),
        ("cyber-defence-trust-fund", "helped establish", "cyber-incident-investigation-laboratories"),
        # Medical Rehabilitation - "It has also supported the Ukrainian participation in the Invictus Games"
        ("medical-rehabilitation-trust-fund", "supports", "ukraine-in-invictus-games"),
        # EOD and C-IED - "This Trust Fund directly supported specific selected recommendations in the NATO EOD and
        #  C-IED Assistance Plan to Ukraine. It selectively supported civil humanitarian activities in the clearance
        #  of explosive hazards"
        ("eod-and-c-ied-trust-fund", "supports", "nato-eod-and-c-ied-assistance-plan"),
        ("eod-and-c-ied-trust-fund", "supports", "humanitarian-clearance-of-explosive-hazards"),
    } <= found
    # Military Career Transition - "it is an example of how the NATO Liaison Office in Kyiv works with Ukrainian
    # ministries at the highest level ... It also demonstrates how specific projects are modified as requirements
    # change."
    examples = {o for f, how, o in found if f == "military-career-transition-trust-fund" and how == "is an example of"}
    assert len(examples) == 2 and any("highest level" in e for e in examples) \
        and any("requirements change" in e for e in examples)


def test_statuses_read_from_the_tense_are_marked_as_the_projects(store):
    rows = {slug(r["fund"]): (r["statusLabel"], r["statusIsEditorial"]) for r in ask(store, "trust-funds")}
    # Building capabilities: "Cyber Defence - This Trust Fund, which achieved its objectives and was therefore
    # completed in 2017"; "Military Career Transition - ... This is no longer an active Trust Fund": stated
    assert rows["cyber-defence-trust-fund"] == ("completed", "false")
    assert rows["military-career-transition-trust-fund"] == ("no longer active", "false")
    # "The C4 Trust Fund assists ..."; the Medical Rehabilitation fund "aims ...": active only by the present tense
    assert rows["c4-trust-fund"] == ("active", "true")
    assert rows["medical-rehabilitation-trust-fund"] == ("active", "true")


def test_the_editorial_inferences_each_with_reasoning_and_section(store):
    rows = ask(store, "editorial-inferences")
    found = {(slug(r["subject"]), r["propertyLabel"], r["valueLabel"] or r["value"]) for r in rows}
    assert {
        # Response to the Russia-Ukraine conflict: "The NUC met for extraordinary meetings in view of Russia's
        #  unjustified use of military force against Ukrainian ships near the Kerch Strait in November 2018 and
        #  Russia's threatening military build-up in April 2021": the months date the events, not the meetings
        ("nuc-extraordinary-meeting-2018-11", "date", "2018-11"),
        ("nuc-extraordinary-meeting-2021-04", "date", "2021-04"),
        # statuses read from the present tense
        ("c4-trust-fund", "status", "active"),
        ("medical-rehabilitation-trust-fund", "status", "active"),
        ("kosovo-force", "status", "ongoing"),
        # bodies placed under NATO from context
        ("north-atlantic-cooperation-council", "subOrganizationOf", "NATO"),
        ("military-committee", "subOrganizationOf", "NATO"),
        ("euro-atlantic-disaster-response-coordination-centre", "subOrganizationOf", "NATO"),
    } <= found
    assert all(len(r["reasoning"]) >= 40 and r["section"] for r in rows)
    # what the source does not support is gone altogether, not kept as an inference
    assert not {(s, p, v) for s, p, v in found if v == "NATO" and p == "party"}
    assert ("nato-ukraine-commission", "subOrganizationOf", "NATO") not in found
