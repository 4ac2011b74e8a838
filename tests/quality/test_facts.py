"""Checklist of the source page's facts: each line is one fact of the page, stated as a
SPARQL pattern that must match the graph.  Read against the source section by section.

Sections: summary, highlights, response (Response to the Russia-Ukraine conflict),
framework (Framework for cooperation), jwgdr (NATO-Ukraine Joint Working Group on Defence
Reform).  The "Key areas of cooperation" subsections are checked in test_facts_key_areas.py.
"""

import pytest


FACTS = [
    # --- opening summary ----------------------------------------------------------
    ("summary", "a stable, sovereign Ukraine is key to Euro-Atlantic security",
     "nuk:ukraine-key-to-euro-atlantic-security a nuo:PolicyPosition ; nuo:statedBy nuk:nato"),
    ("summary", "relations date back to the early 1990s",
     'nuk:nato-ukraine-partnership nuo:periodNote ?n ; nuo:startedWith ?first . FILTER(CONTAINS(STR(?n), "early 1990s")) '
     '?first nuo:startDate ?y . FILTER(STRSTARTS(STR(?y), "199"))'),
    ("summary", "the partnership is between NATO and Ukraine",
     "nuk:nato-ukraine-partnership nuo:partner nuk:nato, nuk:ukraine"),
    ("summary", "cooperation intensified since 2014 in the wake of the conflict",
     'nuk:intensified-cooperation-since-2014 nuo:partOf nuk:nato-ukraine-partnership ; nuo:startDate "2014"^^xsd:gYear ; '
     "nuo:respondsTo nuk:russia-ukraine-conflict"),
    ("summary", "Jens Stoltenberg is NATO Secretary General",
     "nuk:jens-stoltenberg org:holds nuk:secretary-general-of-nato . nuk:secretary-general-of-nato org:postIn nuk:nato"),
    ("summary", "Volodymyr Zelenskyy is President of Ukraine",
     "nuk:volodymyr-zelenskyy org:holds nuk:president-of-ukraine . nuk:president-of-ukraine org:postIn nuk:ukraine"),
    # --- highlights -------------------------------------------------------------------
    ("highlights", "Ukraine joined the NACC in 1991",
     'nuk:ukraine-in-north-atlantic-cooperation-council nuo:participant nuk:ukraine ; '
     'nuo:participatesIn nuk:north-atlantic-cooperation-council ; nuo:startDate "1991"^^xsd:gYear'),
    ("highlights", "Ukraine joined the Partnership for Peace in 1994",
     'nuk:ukraine-in-partnership-for-peace nuo:participatesIn nuk:partnership-for-peace ; nuo:startDate "1994"^^xsd:gYear'),
    ("highlights", "the Charter on a Distinctive Partnership was signed in 1997",
     'nuk:charter-on-a-distinctive-partnership a nuo:Charter ; nuo:signingDate "1997"^^xsd:gYear'),
    ("highlights", "the Charter established the NATO-Ukraine Commission",
     "nuk:charter-on-a-distinctive-partnership nuo:establishes nuk:nato-ukraine-commission . "
     "nuk:nato-ukraine-commission nuo:establishedBy nuk:charter-on-a-distinctive-partnership"),
    ("highlights", "NUC is the commission's acronym",
     'nuk:nato-ukraine-commission skos:altLabel "NUC"@en'),
    ("highlights", "since 2009 the NUC oversees Euro-Atlantic integration",
     'nuk:nuc-oversight-of-euro-atlantic-integration nuo:overseer nuk:nato-ukraine-commission ; '
     'nuo:overseen nuk:euro-atlantic-integration-process ; nuo:startDate "2009"^^xsd:gYear'),
    ("highlights", "the integration process includes reforms under the ANP",
     "nuk:euro-atlantic-integration-process nuo:principalTool nuk:annual-national-programme"),
    ("highlights", "ANP is the programme's acronym", 'nuk:annual-national-programme skos:altLabel "ANP"@en'),
    ("highlights", "Ukraine contributes to NATO-led operations",
     "?c a nuo:Contribution ; nuo:contributor nuk:ukraine"),
    ("highlights", "priority goes to security and defence sector reform",
     "nuk:nato-ukraine-partnership nuo:area nuk:area-defence-and-security-sector-reform"),
    ("highlights", "since the Warsaw Summit of July 2016 support is set out in the CAP",
     'nuk:comprehensive-assistance-package nuo:establishedAt nuk:warsaw-summit-2016 ; '
     'nuo:startDate "2016-07"^^xsd:gYearMonth . nuk:warsaw-summit-2016 nuo:date "2016-07"^^xsd:gYearMonth ; '
     "nuo:location nuk:warsaw"),
    ("highlights", "CAP is the package's acronym", 'nuk:comprehensive-assistance-package skos:altLabel "CAP"@en'),
    ("highlights", "in June 2017 the Parliament adopted legislation reinstating NATO membership as an objective",
     'nuk:nato-membership-legislation-2017 a nuo:LegislativeAct ; nuo:adoptionDate "2017-06"^^xsd:gYearMonth ; '
     "nuo:agent nuk:verkhovna-rada ; nuo:setsObjective nuk:nato-membership-objective"),
    ("highlights", "in 2019 a corresponding constitutional amendment entered into force",
     'nuk:constitutional-amendment-2019 a nuo:ConstitutionalAmendment ; nuo:entryIntoForceDate "2019"^^xsd:gYear ; '
     "nuo:amends nuk:constitution-of-ukraine ; nuo:correspondsTo nuk:nato-membership-legislation-2017"),
    ("highlights", "in September 2020 Zelenskyy approved the National Security Strategy aiming at membership",
     'nuk:national-security-strategy-2020 a nuo:Strategy ; nuo:approvalDate "2020-09"^^xsd:gYearMonth ; '
     "nuo:approvedBy nuk:volodymyr-zelenskyy ; nuo:aimsAt nuk:nato-membership-objective"),
    ("highlights", "since 2014 NATO reinforced support for capability development and capacity-building",
     'nuk:reinforced-capability-support nuo:startDate "2014"^^xsd:gYear ; nuo:respondsTo nuk:russia-ukraine-conflict'),
    ("highlights", "the Allies condemn and will not recognise the annexation of Crimea",
     "nuk:annexation-of-crimea a nuo:Annexation ; nuo:agent nuk:russia ; nuo:target nuk:crimea ; "
     "nuo:condemnedBy nuk:nato-allies ; nuo:notRecognisedBy nuk:nato-allies"),
    ("highlights", "the Allies condemn Russia's activities in eastern Ukraine and the Black Sea region",
     "nuk:russian-destabilising-activities nuo:condemnedBy nuk:nato-allies ; "
     "nuo:location nuk:eastern-ukraine, nuk:black-sea-region"),
    ("highlights", "NATO increased its presence in the Black Sea",
     "nuk:nato-black-sea-presence nuo:location nuk:black-sea ; nuo:provider nuk:nato"),
    ("highlights", "NATO stepped up maritime cooperation with Ukraine and Georgia",
     "nuk:maritime-cooperation-with-ukraine-and-georgia nuo:beneficiary nuk:ukraine, nuk:georgia"),
    ("highlights", "NATO condemns Russia's war against Ukraine starting in February 2022",
     'nuk:russian-invasion-of-ukraine-2022 a nuo:Invasion ; nuo:startDate "2022-02"^^xsd:gYearMonth ; '
     "nuo:condemnedBy nuk:nato ; nuo:agent nuk:russia ; nuo:target nuk:ukraine"),
    ("highlights", "the Alliance condemns Russia's recognition of the 'people's republics'",
     "nuk:recognition-of-donetsk-and-luhansk a nuo:Recognition ; nuo:condemnedBy nuk:nato ; "
     "nuo:concerns nuk:donetsk-peoples-republic, nuk:luhansk-peoples-republic"),
    ("highlights", "the Allies call on Russia to stop the war and withdraw",
     "nuk:call-on-russia-to-stop-the-war nuo:statedBy nuk:nato-allies ; nuo:addressedTo nuk:russia"),
    ("highlights", "NATO stands with Ukraine's people, president, parliament and government",
     "nuk:solidarity-with-the-people-of-ukraine nuo:concerns nuk:president-of-ukraine, nuk:verkhovna-rada, "
     "nuk:government-of-ukraine"),
    ("highlights", "NATO supports Ukraine's territorial integrity and sovereignty",
     "nuk:support-for-territorial-integrity nuo:statedBy nuk:nato ; nuo:concerns nuk:ukraine"),
    # --- response to the conflict --------------------------------------------------------
    ("response", "the conflict began in 2014",
     'nuk:russia-ukraine-conflict a nuo:Conflict ; nuo:startDate "2014"^^xsd:gYear'),
    ("response", "the Allies denounce the temporary occupation of Crimea",
     "nuk:occupation-of-crimea nuo:condemnedBy nuk:nato-allies ; nuo:location nuk:crimea"),
    ("response", "Russia recognised the two 'people's republics' in February 2022",
     'nuk:recognition-of-donetsk-and-luhansk nuo:date "2022-02"^^xsd:gYearMonth ; nuo:agent nuk:russia . '
     "nuk:donetsk-peoples-republic nuo:location nuk:eastern-ukraine . nuk:luhansk-peoples-republic nuo:location nuk:eastern-ukraine"),
    ("response", "in 2014 the Allies suspended practical cooperation with Russia",
     'nuk:suspension-of-cooperation-with-russia a nuo:Decision ; nuo:date "2014"^^xsd:gYear ; '
     "nuo:agent nuk:nato-allies ; nuo:target nuk:russia ; nuo:respondsTo nuk:annexation-of-crimea"),
    ("response", "political and military channels were left open",
     'nuk:suspension-of-cooperation-with-russia dcterms:description ?d . FILTER(CONTAINS(STR(?d), "channels"))'),
    ("response", "since February 2022 the Allies impose sanctions on Russia",
     'nuk:sanctions-on-russia a nuo:Sanctions ; nuo:startDate "2022-02"^^xsd:gYearMonth ; '
     "nuo:agent nuk:nato-allies ; nuo:target nuk:russia ; nuo:respondsTo nuk:russian-invasion-of-ukraine-2022"),
    ("response", "the Allies call on Russia to respect humanitarian law and allow humanitarian access",
     'nuk:call-on-russia-to-stop-the-war dcterms:description ?d . FILTER(CONTAINS(STR(?d), "humanitarian"))'),
    ("response", "the Allies call on Russia to stop restricting navigation in the Black Sea and Sea of Azov",
     "nuk:call-on-russia-to-free-navigation nuo:addressedTo nuk:russia ; nuo:concerns ?a . "
     "?a nuo:location nuk:black-sea, nuk:sea-of-azov"),
    ("response", "regular NUC consultations throughout the crisis",
     "nuk:nuc-consultations-during-the-crisis nuo:provider nuk:nato-ukraine-commission"),
    ("response", "extraordinary NUC meeting in November 2018 over the Kerch Strait",
     'nuk:nuc-extraordinary-meeting-2018-11 a nuo:ExtraordinaryMeeting ; nuo:date "2018-11"^^xsd:gYearMonth ; '
     "nuo:respondsTo ?e . ?e nuo:location nuk:kerch-strait ; nuo:agent nuk:russia"),
    ("response", "extraordinary NUC meeting in April 2021 over Russia's build-up",
     'nuk:nuc-extraordinary-meeting-2021-04 nuo:date "2021-04"^^xsd:gYearMonth ; '
     'nuo:respondsTo nuk:russian-military-build-up-2021 . nuk:russian-military-build-up-2021 nuo:date "2021-04"^^xsd:gYearMonth'),
    ("response", "extraordinary NUC meetings at NATO Headquarters in January and February 2022",
     'nuk:nuc-extraordinary-meeting-2022-01 nuo:date "2022-01"^^xsd:gYearMonth ; nuo:location nuk:nato-headquarters . '
     'nuk:nuc-extraordinary-meeting-2022-02 nuo:date "2022-02"^^xsd:gYearMonth ; nuo:location nuk:nato-headquarters ; '
     "nuo:focus nuk:continued-russian-military-build-up, nuk:russian-invasion-of-ukraine-2022"),
    ("response", "NATO foreign ministers agreed measures in 2014 right after the annexation",
     'nuk:nato-foreign-ministers-meeting-2014 nuo:date "2014"^^xsd:gYear ; nuo:agent nuk:nato-foreign-ministers ; '
     "nuo:respondsTo nuk:annexation-of-crimea . nuk:nato-measures-in-support-of-ukraine nuo:establishedAt "
     "nuk:nato-foreign-ministers-meeting-2014"),
    ("response", "at the 2016 Warsaw Summit the measures became part of the CAP",
     "nuk:nato-measures-in-support-of-ukraine nuo:partOf nuk:comprehensive-assistance-package"),
    ("response", "the CAP aims at Ukraine's own security and security-sector reform",
     "nuk:comprehensive-assistance-package nuo:beneficiary nuk:ukraine ; nuo:area nuk:area-defence-and-security-sector-reform"),
    ("response", "the CAP strengthened Ukraine's ability to counter hybrid threats",
     "nuk:comprehensive-assistance-package nuo:area nuk:area-hybrid-threats"),
    ("response", "Allies stepped up bilateral support and equipment, upholding the right of self-defence",
     "nuk:allied-bilateral-support nuo:provider nuk:nato-allies ; nuo:supports nuk:right-of-self-defence . "
     "nuk:right-of-self-defence nuo:enshrinedIn nuk:charter-of-the-united-nations"),
    ("response", "Allies provide financial and humanitarian aid, hosting millions of refugees",
     "nuk:financial-and-humanitarian-aid nuo:hasPart nuk:hosting-of-refugees ; nuo:provider nuk:nato-allies"),
    ("response", "Allies agreed to sustain support for as long as necessary",
     "nuk:sustained-support-until-ukraine-prevails nuo:statedBy nuk:nato-allies"),
    # --- framework for cooperation -----------------------------------------------------------
    ("framework", "the Charter remains the basic foundation of relations",
     "nuk:nato-ukraine-partnership nuo:basedOn nuk:charter-on-a-distinctive-partnership"),
    ("framework", "the NUC can meet at five kinds of level",
     "SELECT (COUNT(?l) AS ?n) WHERE { nuk:nato-ukraine-commission nuo:meetingLevel ?l } HAVING (COUNT(?l) = 5)"),
    ("framework", "the Declaration to Complement the Charter was signed in 2009",
     'nuk:declaration-to-complement-the-charter a nuo:Declaration ; nuo:signingDate "2009"^^xsd:gYear ; '
     "nuo:complements nuk:charter-on-a-distinctive-partnership"),
    ("framework", "the Declaration followed up the 2008 Bucharest Summit",
     'nuk:declaration-to-complement-the-charter nuo:followsUpOn nuk:bucharest-summit-2008 . '
     'nuk:bucharest-summit-2008 a nuo:Summit ; nuo:date "2008"^^xsd:gYear ; nuo:location nuk:bucharest'),
    ("framework", "the Declaration gave the NUC a central role",
     "nuk:declaration-to-complement-the-charter nuo:assignsRoleTo nuk:nato-ukraine-commission"),
    ("framework", "the ANP has five chapters",
     "SELECT (COUNT(?c) AS ?n) WHERE { nuk:annual-national-programme nuo:chapter ?c } HAVING (COUNT(?c) = 5)"),
    ("framework", "ANP reforms: good governance, corruption, rule of law, human rights, security sector",
     "nuk:annual-national-programme nuo:area nuk:area-good-governance, nuk:area-fight-against-corruption, "
     "nuk:area-rule-of-law, nuk:area-human-rights, nuk:area-defence-and-security-sector-reform"),
    ("framework", "Allies assess ANP progress; Ukraine implements it",
     "nuk:annual-national-programme nuo:assessedBy nuk:nato-allies ; nuo:implementedBy nuk:ukraine"),
    ("framework", "the Commission for Coordination coordinates the ANP and is chaired by the Deputy PM",
     "nuk:annual-national-programme nuo:coordinatedBy nuk:commission-for-coordination-of-euro-atlantic-integration . "
     "nuk:commission-for-coordination-of-euro-atlantic-integration nuo:chairedBy "
     "nuk:deputy-prime-minister-for-european-and-euro-atlantic-integration"),
    ("framework", "the NATO Representation to Ukraine was set up in September 2015",
     'nuk:nato-representation-to-ukraine nuo:establishmentDate "2015-09"^^xsd:gYearMonth'),
    ("framework", "the Representation consists of the NIDC and the NLO",
     "nuk:nato-information-and-documentation-centre org:subOrganizationOf nuk:nato-representation-to-ukraine . "
     "nuk:nato-liaison-office org:subOrganizationOf nuk:nato-representation-to-ukraine"),
    ("framework", "the NIDC was inaugurated in Kyiv in 1997",
     'nuk:nato-information-and-documentation-centre nuo:inaugurationDate "1997"^^xsd:gYear ; nuo:location nuk:kyiv ; '
     'skos:altLabel "NIDC"@en'),
    ("framework", "the NIDC is part of the Public Diplomacy Division",
     "nuk:nato-information-and-documentation-centre org:subOrganizationOf nuk:public-diplomacy-division"),
    ("framework", "the NIDC was NATO's first information office in a partner country",
     "nuk:nato-information-and-documentation-centre nuo:distinction ?d"),
    ("framework", "the NIDC has three pillars",
     "SELECT (COUNT(?p) AS ?n) WHERE { nuk:nato-information-and-documentation-centre nuo:pillar ?p } HAVING (COUNT(?p) = 3)"),
    ("framework", "the NIDC supports round tables, seminars, conferences, multimedia projects",
     'nuk:nidc-public-diplomacy-projects nuo:provider nuk:nato-information-and-documentation-centre ; '
     "nuo:activityKind nuk:kind-round-table, nuk:kind-seminar, nuk:kind-conference, nuk:kind-multimedia-project"),
    ("framework", "the NLO was set up in Kyiv in 1999",
     'nuk:nato-liaison-office nuo:establishmentDate "1999"^^xsd:gYear ; nuo:location nuk:kyiv ; skos:altLabel "NLO"@en'),
    ("framework", "the NLO's key interlocutors",
     "nuk:nato-liaison-office nuo:interlocutor nuk:ministry-of-interior-of-ukraine, nuk:ministry-of-foreign-affairs-of-ukraine, "
     "nuk:ministry-of-defence-of-ukraine, nuk:presidential-office-of-ukraine, "
     "nuk:national-security-and-defence-council-of-ukraine, nuk:verkhovna-rada, nuk:other-ukrainian-agencies"),
    ("framework", "the NLO has four main priorities",
     "SELECT (COUNT(?p) AS ?n) WHERE { nuk:nato-liaison-office nuo:priority ?p } HAVING (COUNT(?p) = 4)"),
    ("framework", "the Representation leads strategic-level advice under the CAP",
     "nuk:strategic-level-advice nuo:ledBy nuk:nato-representation-to-ukraine ; nuo:partOf nuk:comprehensive-assistance-package"),
    # --- joint working group on defence reform -------------------------------------------------
    ("jwgdr", "the JWGDR was set up in 1998 under the auspices of the NUC",
     'nuk:joint-working-group-on-defence-reform nuo:establishmentDate "1998"^^xsd:gYear ; '
     'nuo:underAuspicesOf nuk:nato-ukraine-commission ; skos:altLabel "JWGDR"@en'),
    ("jwgdr", "the JWGDR's initiative areas",
     "nuk:joint-working-group-on-defence-reform nuo:area nuk:area-civil-military-relations, nuk:area-democratic-oversight, "
     "nuk:area-civilian-management-of-forces, nuk:area-defence-planning, nuk:area-policy-strategy-and-national-security-concepts"),
    ("jwgdr", "the JWGDR works with Ukraine's reforming ministries and agencies",
     "nuk:joint-working-group-on-defence-reform nuo:cooperatesWith nuk:national-security-and-defence-council-of-ukraine, "
     "nuk:ministry-of-foreign-affairs-of-ukraine, nuk:ministry-of-defence-of-ukraine, nuk:national-guard-of-ukraine, "
     "nuk:border-guard-service-of-ukraine, nuk:security-service-of-ukraine, nuk:verkhovna-rada"),
    ("jwgdr", "all member states and Ukraine are represented; partners and civil society invited case by case",
     "nuk:joint-working-group-on-defence-reform nuo:representedMember nuk:nato-allies, nuk:ukraine ; "
     "nuo:invitedParticipant nuk:relevant-partner-countries, nuk:civil-society-representatives"),
]


@pytest.mark.parametrize("section,fact,pattern", FACTS, ids=[f"{s}: {f}" for s, f, _ in FACTS])
def test_fact_is_in_the_graph(holds, section, fact, pattern):
    assert holds(pattern), f"[{section}] missing: {fact}"


def test_checklist_covers_every_section_outside_key_areas():
    assert {s for s, _, _ in FACTS} == {"summary", "highlights", "response", "framework", "jwgdr"}
