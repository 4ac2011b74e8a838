"""Every fact a statement (issue 12): the source read sentence by sentence, one entry per fact, each with the
query that returns it and the answer the source gives (see fact_checklist.py).

This file: the opening summary, the highlights, "Response to the Russia-Ukraine conflict" and "Framework for
cooperation"; the key areas of cooperation are in test_fact_statements_key_areas.py.  The counts (facts checked,
facts added) are printed by ``test_counts`` with ``-s``.
"""

from __future__ import annotations

import re

import pytest

from fact_checklist import WORDS, answer, fact, same
from test_fact_statements_key_areas import KEY_AREAS

S, H, R, F = "summary", "highlights", "response", "framework"

FACTS = [
    # --- opening summary -----------------------------------------------------------------------------------
    same(S, "A sovereign, independent and stable Ukraine ... is key to Euro-Atlantic security (NATO's position)",
         "nuk:ukraine-key-to-euro-atlantic-security", "nuo:statedBy", "nuk:nato"),
    same(S, "Relations between NATO and Ukraine", "nuk:nato-ukraine-partnership", "nuo:partner", "nuk:nato", "nuk:ukraine"),
    fact(S, "Relations ... date back to the early 1990s (dialogue started with the NACC, 1991)",
         "SELECT ?r ?d WHERE { nuk:nato-ukraine-partnership nuo:startedWith ?r . ?r nuo:startDate ?d }",
         ("nuk:ukraine-in-north-atlantic-cooperation-council", "1991"), added=True),
    fact(S, "Since 2014, in the wake of the Russia-Ukraine conflict, cooperation has been intensified in critical areas",
         "SELECT ?d ?why WHERE { nuk:intensified-cooperation-since-2014 nuo:partOf nuk:nato-ukraine-partnership ; "
         "nuo:startDate ?d ; nuo:respondsTo ?why }", ("2014", "nuk:russia-ukraine-conflict"), added=True),
    fact(S, "NATO Secretary General Jens Stoltenberg",
         "SELECT ?post ?in WHERE { nuk:jens-stoltenberg org:holds ?post . ?post org:postIn ?in }",
         ("nuk:secretary-general-of-nato", "nuk:nato")),
    fact(S, "the President of Ukraine Volodymyr Zelenskyy",
         "SELECT ?post ?in WHERE { nuk:volodymyr-zelenskyy org:holds ?post . ?post org:postIn ?in }",
         ("nuk:president-of-ukraine", "nuk:ukraine")),
    # --- highlights ----------------------------------------------------------------------------------------
    fact(H, "newly independent Ukraine joined the North Atlantic Cooperation Council (1991)",
         "SELECT ?d WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:north-atlantic-cooperation-council ; "
         "nuo:startDate ?d }", "1991"),
    fact(H, "... and the Partnership for Peace programme (1994)",
         "SELECT ?d WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:partnership-for-peace ; "
         "nuo:startDate ?d }", "1994"),
    same(H, "the signing of the 1997 Charter on a Distinctive Partnership",
         "nuk:charter-on-a-distinctive-partnership", "nuo:signingDate", "1997"),
    same(H, "the Charter ... established the NATO-Ukraine Commission (NUC)",
         "nuk:charter-on-a-distinctive-partnership", "nuo:establishes", "nuk:nato-ukraine-commission"),
    same(H, "the NUC came into being with the 1997 Charter that established it",
         "nuk:nato-ukraine-commission", "nuo:establishmentDate", "1997", added=True),
    fact(H, "Since 2009, the NUC has overseen Ukraine's Euro-Atlantic integration process",
         "SELECT ?what ?d WHERE { ?o nuo:overseer nuk:nato-ukraine-commission ; nuo:overseen ?what ; nuo:startDate ?d }",
         ("nuk:euro-atlantic-integration-process", "2009")),
    fact(H, "including reforms under the Annual National Programme (ANP)",
         "SELECT ?by WHERE { nuk:annual-national-programme nuo:overseenBy ?by }", "nuk:nato-ukraine-commission"),
    fact(H, "Ukraine actively contributing to NATO-led operations and missions",
         "SELECT DISTINCT ?op WHERE { ?c nuo:contributor nuk:ukraine ; nuo:contributesTo ?op . ?op nuo:ledBy nuk:nato }",
         "nuk:peace-support-operations-in-bosnia-and-herzegovina", "nuk:kosovo-force",
         "nuk:international-security-assistance-force", "nuk:nato-training-mission-in-afghanistan",
         "nuk:resolute-support-mission", "nuk:nato-training-mission-in-iraq", "nuk:active-endeavour",
         "nuk:ocean-shield", "nuk:sea-guardian"),
    fact(H, "Priority is given to support for comprehensive reform in the security and defence sector",
         "SELECT ?a WHERE { nuk:nato-ukraine-partnership nuo:area ?a }", "nuk:area-defence-and-security-sector-reform"),
    fact(H, "Since the NATO Summit in Warsaw in July 2016, ... the Comprehensive Assistance Package (CAP)",
         "SELECT ?at ?d WHERE { nuk:comprehensive-assistance-package nuo:establishedAt ?at ; nuo:startDate ?d }",
         ("nuk:warsaw-summit-2016", "2016-07")),
    fact(H, "In June 2017, the Ukrainian Parliament adopted legislation reinstating membership in NATO as an objective",
         "SELECT ?by ?d ?goal WHERE { nuk:nato-membership-legislation-2017 nuo:agent ?by ; nuo:adoptionDate ?d ; "
         "nuo:setsObjective ?goal }", ("nuk:verkhovna-rada", "2017-06", "nuk:nato-membership-objective")),
    fact(H, "In 2019, a corresponding amendment to Ukraine's Constitution entered into force",
         "SELECT ?d ?c ?law WHERE { nuk:constitutional-amendment-2019 nuo:entryIntoForceDate ?d ; nuo:amends ?c ; "
         "nuo:correspondsTo ?law }",
         ("2019", "nuk:constitution-of-ukraine", "nuk:nato-membership-legislation-2017")),
    fact(H, "In September 2020, President Volodymyr Zelenskyy approved Ukraine's new National Security Strategy",
         "SELECT ?by ?d WHERE { nuk:national-security-strategy-2020 nuo:approvedBy ?by ; nuo:approvalDate ?d }",
         ("nuk:volodymyr-zelenskyy", "2020-09")),
    fact(H, "... which provides for the distinctive partnership with NATO with the aim of membership in NATO",
         "SELECT ?aim ?about WHERE { nuk:national-security-strategy-2020 nuo:aimsAt ?aim ; nuo:concerns ?about }",
         ("nuk:nato-membership-objective", "nuk:nato-ukraine-partnership")),
    fact(H, "Zelenskyy was President of Ukraine in September 2020",
         "SELECT ?d WHERE { ?h nuo:holder nuk:volodymyr-zelenskyy ; nuo:heldPost nuk:president-of-ukraine ; "
         "nuo:attestedDate ?d }", "2020-09", added=True),
    fact(H, "since 2014 NATO has reinforced its support for capability development and capacity-building",
         "SELECT ?d ?a WHERE { nuk:reinforced-capability-support nuo:startDate ?d ; nuo:area ?a }",
         ("2014", "nuk:area-capability-development")),
    fact(H, "The Allies condemn and will not recognise Russia's illegal and illegitimate annexation of Crimea",
         "SELECT ?c ?n WHERE { nuk:annexation-of-crimea nuo:condemnedBy ?c ; nuo:notRecognisedBy ?n }",
         ("nuk:nato-allies", "nuk:nato-allies")),
    fact(H, "... and its destabilising and aggressive activities in eastern Ukraine and the Black Sea region",
         "SELECT ?where WHERE { nuk:russian-destabilising-activities nuo:condemnedBy nuk:nato-allies ; nuo:location ?where }",
         "nuk:eastern-ukraine", "nuk:black-sea-region"),
    same(H, "NATO has increased its presence in the Black Sea", "nuk:nato-black-sea-presence", "nuo:location", "nuk:black-sea"),
    same(H, "... and stepped up maritime cooperation with Ukraine and Georgia",
         "nuk:maritime-cooperation-with-ukraine-and-georgia", "nuo:beneficiary", "nuk:ukraine", "nuk:georgia"),
    fact(H, "NATO condemns ... Russia's brutal and unprovoked war against Ukraine starting in February 2022",
         "SELECT ?d WHERE { nuk:russian-invasion-of-ukraine-2022 nuo:startDate ?d ; nuo:condemnedBy nuk:nato }", "2022-02"),
    same(H, "The Alliance condemns Russia's decision to extend recognition to the self-proclaimed 'people's republics'",
         "nuk:recognition-of-donetsk-and-luhansk", "nuo:concerns", "nuk:donetsk-peoples-republic", "nuk:luhansk-peoples-republic"),
    same(H, "NATO Allies call on Russia to stop the war immediately, withdraw all its forces",
         "nuk:call-on-russia-to-stop-the-war", "nuo:addressedTo", "nuk:russia"),
    same(H, "NATO stands with the people of Ukraine and its legitimate ... president, parliament and government",
         "nuk:solidarity-with-the-people-of-ukraine", "nuo:concerns",
         "nuk:ukraine", "nuk:president-of-ukraine", "nuk:verkhovna-rada", "nuk:government-of-ukraine"),
    same(H, "The Alliance will always maintain its full support for the territorial integrity and sovereignty of Ukraine",
         "nuk:support-for-territorial-integrity", "nuo:statedBy", "nuk:nato"),
    # --- Response to the Russia-Ukraine conflict -----------------------------------------------------------
    same(R, "From the very beginning of the Russia-Ukraine conflict in 2014, NATO has adopted a firm position",
         "nuk:support-for-territorial-integrity", "nuo:startDate", "2014"),
    same(R, "the Russia-Ukraine conflict in 2014", "nuk:russia-ukraine-conflict", "nuo:startDate", "2014"),
    same(R, "[the Allies] denounce its temporary occupation [of Crimea]", "nuk:occupation-of-crimea", "nuo:condemnedBy",
         "nuk:nato-allies"),
    same(R, "Russia's decision in February 2022 to extend recognition ...", "nuk:recognition-of-donetsk-and-luhansk",
         "nuo:date", "2022-02"),
    fact(R, "NATO Allies decided in 2014 to suspend all practical civilian and military cooperation with Russia",
         "SELECT ?d ?by ?target ?why WHERE { nuk:suspension-of-cooperation-with-russia nuo:date ?d ; nuo:agent ?by ; "
         "nuo:target ?target ; nuo:respondsTo ?why }", ("2014", "nuk:nato-allies", "nuk:russia", "nuk:annexation-of-crimea")),
    fact(R, "Since Russia's full-scale invasion ... in February 2022, Allies have imposed unprecedented sanctions",
         "SELECT ?d ?by ?why WHERE { nuk:sanctions-on-russia nuo:startDate ?d ; nuo:agent ?by ; nuo:respondsTo ?why }",
         ("2022-02", "nuk:nato-allies", "nuk:russian-invasion-of-ukraine-2022")),
    fact(R, "They also call on Russia to stop restricting navigation in parts of the Black Sea and ... the Sea of Azov",
         "SELECT ?where WHERE { nuk:call-on-russia-to-free-navigation nuo:concerns ?r . ?r nuo:location ?where }",
         "nuk:black-sea", "nuk:sea-of-azov"),
    same(R, "regular consultations have taken place in the NATO-Ukraine Commission", "nuk:nuc-consultations-during-the-crisis",
         "nuo:provider", "nuk:nato-ukraine-commission"),
    fact(R, "The NUC met for extraordinary meetings in view of ... the Kerch Strait in November 2018 and ... April 2021",
         "SELECT ?why ?d WHERE { ?m a nuo:ExtraordinaryMeeting ; nuo:agent nuk:nato-ukraine-commission ; "
         "nuo:respondsTo ?why . ?why nuo:date ?d }",
         ("nuk:kerch-strait-incident-2018", "2018-11"), ("nuk:russian-military-build-up-2021", "2021-04")),
    fact(R, "Other extraordinary meetings of the NUC took place at NATO Headquarters in January and February 2022",
         "SELECT ?d WHERE { ?m a nuo:ExtraordinaryMeeting ; nuo:agent nuk:nato-ukraine-commission ; "
         "nuo:location nuk:nato-headquarters ; nuo:date ?d }", "2022-01", "2022-02"),
    fact(R, "... focused on Russia's continued military build-up and unprovoked invasion of Ukraine",
         "SELECT DISTINCT ?f WHERE { ?m a nuo:ExtraordinaryMeeting ; nuo:location nuk:nato-headquarters ; nuo:focus ?f }",
         "nuk:continued-russian-military-build-up", "nuk:russian-invasion-of-ukraine-2022"),
    fact(R, "Immediately following the ... annexation of Crimea ... in 2014, NATO Foreign Ministers agreed on measures",
         "SELECT ?at ?d WHERE { nuk:nato-measures-in-support-of-ukraine nuo:establishedAt ?at . ?at nuo:date ?d ; "
         "nuo:respondsTo nuk:annexation-of-crimea }", ("nuk:nato-foreign-ministers-meeting-2014", "2014")),
    same(R, "At the 2016 Summit in Warsaw, NATO's measures ... became part of the Comprehensive Assistance Package",
         "nuk:nato-measures-in-support-of-ukraine", "nuo:partOf", "nuk:comprehensive-assistance-package"),
    same(R, "the CAP ... is designed to support Ukraine's ability to provide for its own security and to implement reforms",
         "nuk:comprehensive-assistance-package", "nuo:objective",
         "nuk:objective-own-security-and-wide-ranging-reform", "nuk:objective-reform-to-nato-standards", added=True),
    fact(R, "NATO Allies have significantly stepped up their bilateral support ... helping Ukraine uphold its right of "
            "self-defence",
         "SELECT ?why ?what WHERE { nuk:allied-bilateral-support nuo:respondsTo ?why ; nuo:supports ?what }",
         ("nuk:russian-invasion-of-ukraine-2022", "nuk:right-of-self-defence")),
    same(R, "... its right of self-defence, which is enshrined in the United Nations Charter", "nuk:right-of-self-defence",
         "nuo:enshrinedIn", "nuk:charter-of-the-united-nations"),
    same(R, "Allies are also providing substantial financial and humanitarian aid, including by hosting millions of refugees",
         "nuk:financial-and-humanitarian-aid", "nuo:hasPart", "nuk:hosting-of-refugees"),
    same(R, "NATO Allies have agreed to step up and sustain their support for as long as necessary",
         "nuk:sustained-support-until-ukraine-prevails", "nuo:statedBy", "nuk:nato-allies"),
    # --- Framework for cooperation -------------------------------------------------------------------------
    same(F, "The 1997 Charter ... remains the basic foundation underpinning NATO-Ukraine relations",
         "nuk:nato-ukraine-partnership", "nuo:basedOn", "nuk:charter-on-a-distinctive-partnership"),
    same(F, "The NUC can meet at various levels", "nuk:nato-ukraine-commission", "nuo:meetingLevel",
         "nuk:level-heads-of-state-and-government", "nuk:level-ministers-of-foreign-affairs",
         "nuk:level-ministers-of-defence", "nuk:level-ambassadors", "nuk:level-working-level"),
    same(F, "The Declaration to Complement the Charter, signed in 2009", "nuk:declaration-to-complement-the-charter",
         "nuo:signingDate", "2009"),
    fact(F, "... as a follow-up to the decisions taken at the 2008 NATO Summit in Bucharest",
         "SELECT ?s ?d WHERE { nuk:declaration-to-complement-the-charter nuo:followsUpOn ?s . ?s nuo:date ?d }",
         ("nuk:bucharest-summit-2008", "2008")),
    same(F, "[the Declaration] gave the NUC a central role", "nuk:declaration-to-complement-the-charter",
         "nuo:assignsRoleTo", "nuk:nato-ukraine-commission"),
    same(F, "The principal tool to support this process is the Annual National Programme (ANP)",
         "nuk:euro-atlantic-integration-process", "nuo:principalTool", "nuk:annual-national-programme"),
    same(F, "The ANP is composed of five chapters", "nuk:annual-national-programme", "nuo:chapterCount", "5", added=True),
    same(F, "... focusing on: political and economic issues; defence and military issues; resources; security issues; "
            "and legal issues", "nuk:annual-national-programme", "nuo:chapter",
         "nuk:anp-political-and-economic-issues", "nuk:anp-defence-and-military-issues", "nuk:anp-resources",
         "nuk:anp-security-issues", "nuk:anp-legal-issues"),
    same(F, "reforms related to good governance, the fight against corruption, the rule of law, human rights, and the "
            "security and defence sector", "nuk:annual-national-programme", "nuo:area",
         "nuk:area-good-governance", "nuk:area-fight-against-corruption", "nuk:area-rule-of-law",
         "nuk:area-human-rights", "nuk:area-defence-and-security-sector-reform"),
    same(F, "Allies assess progress under the ANP annually", "nuk:annual-national-programme", "nuo:assessedBy",
         "nuk:nato-allies"),
    same(F, "The responsibility for its implementation falls primarily on Ukraine", "nuk:annual-national-programme",
         "nuo:implementedBy", "nuk:ukraine"),
    same(F, "The Commission for Coordination of Euro-Atlantic Integration ... ensures the general coordination",
         "nuk:annual-national-programme", "nuo:coordinatedBy", "nuk:commission-for-coordination-of-euro-atlantic-integration"),
    same(F, "[the Commission is] chaired by the Deputy Prime Minister for European and Euro-Atlantic Integration",
         "nuk:deputy-prime-minister-for-european-and-euro-atlantic-integration", "nuo:chairs",
         "nuk:commission-for-coordination-of-euro-atlantic-integration"),
    same(F, "The NATO Representation to Ukraine, established in September 2015", "nuk:nato-representation-to-ukraine",
         "nuo:establishmentDate", "2015-09"),
    same(F, "... supports cooperation on the ground", "nuk:nato-representation-to-ukraine", "nuo:supports",
         "nuk:cooperation-on-the-ground"),
    same(F, "It consists of the NIDC and the NLO", "nuk:nato-representation-to-ukraine", "org:hasSubOrganization",
         "nuk:nato-information-and-documentation-centre", "nuk:nato-liaison-office"),
    fact(F, "The NIDC was inaugurated in Kyiv in 1997",
         "SELECT ?d ?where WHERE { nuk:nato-information-and-documentation-centre nuo:inaugurationDate ?d ; nuo:location ?where }",
         ("1997", "nuk:kyiv")),
    fact(F, "The NIDC is part of the NATO Public Diplomacy Division",
         "SELECT ?d WHERE { nuk:nato-information-and-documentation-centre org:subOrganizationOf ?d . "
         "FILTER (?d = nuk:public-diplomacy-division) }", "nuk:public-diplomacy-division"),
    fact(F, "[the NIDC] was the first information office established by NATO in a partner country",
         "SELECT ?x WHERE { nuk:nato-information-and-documentation-centre nuo:distinction ?d . "
         "BIND (CONTAINS(STR(?d), 'first information office') AS ?x) }", "true"),
    same(F, "The Centre has three key pillars of work", "nuk:nato-information-and-documentation-centre",
         "nuo:pillarCount", "3", added=True),
    same(F, "... increasing awareness ...; informing the Ukrainian public ...; providing advice and support ...",
         "nuk:nato-information-and-documentation-centre", "nuo:pillar", "nuk:nidc-pillar-awareness-of-nato",
         "nuk:nidc-pillar-informing-the-public", "nuk:nidc-pillar-strategic-communications-advice"),
    same(F, "the NIDC supports ... projects, including round tables, seminars, conferences and multimedia projects",
         "nuk:nidc-public-diplomacy-projects", "nuo:activityKind", "nuk:kind-round-table", "nuk:kind-seminar",
         "nuk:kind-conference", "nuk:kind-multimedia-project", added=True),
    fact(F, "The NLO was established in Kyiv in 1999",
         "SELECT ?d ?where WHERE { nuk:nato-liaison-office nuo:establishmentDate ?d ; nuo:location ?where }",
         ("1999", "nuk:kyiv")),
    same(F, "Its key interlocutors include the Ministries of Interior, Foreign Affairs and Defence, the Presidential "
            "Office, the National Security and Defence Council, the Parliament, and several other Ukrainian agencies",
         "nuk:nato-liaison-office", "nuo:interlocutor", "nuk:ministry-of-interior-of-ukraine",
         "nuk:ministry-of-foreign-affairs-of-ukraine", "nuk:ministry-of-defence-of-ukraine",
         "nuk:presidential-office-of-ukraine", "nuk:national-security-and-defence-council-of-ukraine",
         "nuk:verkhovna-rada", "nuk:other-ukrainian-agencies"),
    same(F, "Its main priorities include: ... (four)", "nuk:nato-liaison-office", "nuo:priority",
         "nuk:nlo-priority-euro-atlantic-reforms", "nuk:nlo-priority-political-and-practical-dialogue",
         "nuk:nlo-priority-security-sector-transformation", "nuk:nlo-priority-interoperability"),
    fact(F, "The NATO Representation to Ukraine leads on the provision of strategic-level advice under the CAP",
         "SELECT ?x WHERE { nuk:nato-representation-to-ukraine nuo:leads ?x . ?x nuo:partOf nuk:comprehensive-assistance-package }",
         "nuk:strategic-level-advice"),
]

ALL = FACTS + KEY_AREAS


@pytest.fixture(scope="module")
def stated(kg):
    """The source's statements and what the build infers from them: not the editorial graph."""
    return kg.ontology + kg.data + kg.inferred


@pytest.mark.parametrize("entry", FACTS, ids=lambda f: f.id)
def test_fact(stated, entry):
    assert answer(stated, entry.query) == entry.expected, entry.words


def test_no_fact_is_read_out_of_words():
    for entry in ALL:
        assert not any(re.search(rf"{re.escape(p)}\b", entry.query) for p in WORDS), entry.id


def test_every_section_is_checked():
    assert {f.section for f in ALL} == {S, H, R, F, "key-areas", "building-capabilities", "wider-cooperation",
                                         "support-for-operations", "defence-reform"}


def test_counts():
    added = [f for f in ALL if f.added]
    print(f"\nfacts checked: {len(ALL)}; facts that needed a statement added: {len(added)}")
    assert len({f.id for f in ALL}) == len(ALL), "two entries with the same words"
    assert len(ALL) >= 140 and added
