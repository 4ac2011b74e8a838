"""Every fact a statement (issue 12), continued: the "Key areas of cooperation" section and its four parts, one
entry per fact with the query that returns it and the answer the source gives (see fact_checklist.py).  The
entries are run, counted and checked for words in test_fact_statements.py; this file only runs its own."""

from __future__ import annotations

import re

import pytest

from fact_checklist import answer, fact, same

K, B, W, O, D = "key-areas", "building-capabilities", "wider-cooperation", "support-for-operations", "defence-reform"
FUNDS = ("nuk:c4-trust-fund", "nuk:medical-rehabilitation-trust-fund", "nuk:military-career-transition-trust-fund",
         "nuk:eod-and-c-ied-trust-fund", "nuk:cyber-defence-trust-fund", "nuk:logistics-and-standardization-trust-fund")


def contribution(words, operation, query_tail, *rows, section=O):
    """An entry on Ukraine's contribution to ``operation``: the contribution, then the variables of ``query_tail``."""
    names = " ".join(dict.fromkeys(["?c", *re.findall(r"\?\w+", query_tail)]))
    return fact(section, words, f"SELECT {names} WHERE {{ ?c nuo:contributor nuk:ukraine ; nuo:contributesTo {operation} . "
                                f"{query_tail} }}", *rows)


KEY_AREAS = [
    same(K, "Ukraine's cooperation with NATO is mutually beneficial", "nuk:nato-ukraine-cooperation-in-key-areas",
         "nuo:beneficiary", "nuk:nato", "nuk:ukraine"),
    # --- Building capabilities and interoperability ---------------------------------------------------------
    fact(B, "NATO supports Ukraine's defence and related security sector reform through the JWGDR, the PARP, BI, the "
            "Annual BI Tailored Programme, DEEP, the JWG on Defence Technical Cooperation and the advisory mission",
         "SELECT ?x WHERE { { nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough ?x } UNION "
         "{ nuk:nato-support-for-defence-and-security-sector-reform nuo:provider ?x FILTER (?x != nuk:nato) } }",
         "nuk:joint-working-group-on-defence-reform", "nuk:planning-and-review-process", "nuk:building-integrity",
         "nuk:annual-bi-tailored-programme", "nuk:defence-education-enhancement-programme",
         "nuk:joint-working-group-on-defence-technical-cooperation", "nuk:advisory-mission-in-kyiv"),
    same(B, "the advisory mission at the NATO Representation in Kyiv", "nuk:advisory-mission-in-kyiv", "nuo:partOf",
         "nuk:nato-representation-to-ukraine"),
    same(B, "Since 2016, through the CAP, ... strategic-level advice ... and a range of capacity-building programmes "
            "and Trust Funds", "nuk:comprehensive-assistance-package", "nuo:deliveredThrough",
         "nuk:strategic-level-advice", *FUNDS),
    fact(B, "Several Trust Fund projects have been launched since 2014, in response to the Russia-Ukraine conflict",
         "SELECT ?f ?bound WHERE { ?f a nuo:TrustFund ; nuo:respondsTo nuk:russia-ukraine-conflict . "
         "OPTIONAL { ?f nuo:startNotBefore ?b } OPTIONAL { ?f nuo:establishmentDate ?e } BIND (COALESCE(?b, ?e) AS ?bound) }",
         *[(f, "2014") for f in FUNDS], added=True),
    same(B, "C4 ... projects addressing regional airspace security; secure tactical communications; knowledge-sharing; "
            "and situational awareness", "nuk:c4-trust-fund", "nuo:area", "nuk:area-regional-airspace-security",
         "nuk:area-secure-tactical-communications", "nuk:area-knowledge-sharing", "nuk:area-situational-awareness"),
    fact(B, "The C4 Trust Fund assists Ukraine in reorganising and modernising its C4 structures, facilitates their "
            "interoperability, and enhances Ukraine's ability to provide for its own defence",
         "SELECT ?o WHERE { nuk:c4-trust-fund nuo:objective ?o FILTER (?o != nuk:objective-capability-development-and-capacity-building) }",
         "nuk:objective-c4-modernisation", "nuk:objective-c4-interoperability", "nuk:objective-own-defence-and-security"),
    same(B, "Medical Rehabilitation - This Trust Fund, which was set up in 2014", "nuk:medical-rehabilitation-trust-fund",
         "nuo:establishmentDate", "2014"),
    same(B, "... rapid access to appropriate care for patients, including active and discharged servicemen and women",
         "nuk:medical-rehabilitation-trust-fund", "nuo:beneficiary", "nuk:ukraine", "nuk:ukrainian-defence-and-security-patients"),
    same(B, "It has also supported the Ukrainian participation in the Invictus Games", "nuk:medical-rehabilitation-trust-fund",
         "nuo:supports", "nuk:ukraine-in-invictus-games"),
    same(B, "the Invictus Games sporting event for wounded, injured and sick military personnel, both serving and veterans",
         "nuk:invictus-games", "nuo:beneficiary", "nuk:wounded-injured-and-sick-military-personnel", added=True),
    fact(B, "Military Career Transition - This Trust Fund assisted Ukraine in ... the resettlement of military personnel",
         "SELECT ?o WHERE { nuk:military-career-transition-trust-fund nuo:objective ?o "
         "FILTER (?o = nuk:objective-resettlement-of-military-personnel) }", "nuk:objective-resettlement-of-military-personnel"),
    same(B, "This is no longer an active Trust Fund", "nuk:military-career-transition-trust-fund", "nuo:status",
         "nuk:status-no-longer-active"),
    fact(B, "it is an example of how the NATO Liaison Office in Kyiv works with Ukrainian ministries at the highest level",
         "SELECT ?x WHERE { nuk:military-career-transition-trust-fund nuo:exemplifies ?e ; nuo:provider nuk:nato-liaison-office . "
         "BIND (CONTAINS(STR(?e), 'highest level') AS ?x) FILTER (?x) }", "true", added=True),
    fact(B, "It also demonstrates how specific projects are modified as requirements change",
         "SELECT ?x WHERE { nuk:military-career-transition-trust-fund nuo:exemplifies ?e . "
         "BIND (CONTAINS(STR(?e), 'requirements change') AS ?x) FILTER (?x) }", "true", added=True),
    same(B, "EOD and C-IED - This Trust Fund directly supported ... the NATO EOD and C-IED Assistance Plan to Ukraine ... "
            "[and] civil humanitarian activities in the clearance of explosive hazards", "nuk:eod-and-c-ied-trust-fund",
         "nuo:supports", "nuk:nato-eod-and-c-ied-assistance-plan", "nuk:humanitarian-clearance-of-explosive-hazards"),
    fact(B, "Cyber Defence - This Trust Fund, which achieved its objectives and was therefore completed in 2017",
         "SELECT ?s ?d WHERE { nuk:cyber-defence-trust-fund nuo:status ?s ; nuo:completionDate ?d }",
         ("nuk:status-completed", "2017")),
    same(B, "Assistance included the establishment of an incident management centre ... and laboratories",
         "nuk:cyber-defence-trust-fund", "nuo:helpedEstablish", "nuk:cyber-incident-management-centre",
         "nuk:cyber-incident-investigation-laboratories", added=True),
    same(B, "Logistics and Standardization - ... for the armed forces as well as ... the National Guard and the State "
            "Border Security Service", "nuk:logistics-and-standardization-trust-fund", "nuo:beneficiary", "nuk:ukraine",
         "nuk:armed-forces-of-ukraine", "nuk:national-guard-of-ukraine", "nuk:border-guard-service-of-ukraine"),
    same(B, "Participation in the PfP Planning and Review Process helps Ukraine set and achieve ... objectives",
         "nuk:planning-and-review-process", "nuo:objective", "nuk:objective-reform-transformation-and-capability-development",
         "nuk:objective-operating-alongside-allied-and-partner-forces", "nuk:objective-hosting-allied-and-partner-forces"),
    same(B, "A Professional Development Programme ... was launched in October 2005", "nuk:professional-development-programme",
         "nuo:launchDate", "2005-10"),
    fact(B, "Its budget was doubled in 2014",
         "SELECT ?d ?factor WHERE { nuk:professional-development-programme-budget-doubling-2014 nuo:date ?d ; "
         "nuo:budgetFactor ?factor ; nuo:concerns nuk:professional-development-programme }", ("2014", "2")),
    fact(B, "In 2017, the Programme also launched ... the 'Champions 100' project",
         "SELECT ?d WHERE { nuk:champions-100 nuo:partOf nuk:professional-development-programme ; nuo:launchDate ?d }", "2017"),
    fact(B, "Since 2007, Ukraine participates in NATO's Building Integrity (BI) Initiative",
         "SELECT ?d WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:building-integrity ; nuo:startDate ?d }",
         "2007"),
    fact(B, "In October 2019, nine institutions ... completed the NATO BI Self-Assessment and Peer Review Process",
         "SELECT ?d ?n WHERE { nuk:bi-self-assessment-2019 nuo:date ?d ; nuo:participantCount ?n }", ("2019-10", "9")),
    same(B, "a tailored programme of activities continues to provide two levels of capacity-building support",
         "nuk:annual-bi-tailored-programme", "nuo:hasPart", "nuk:bi-institutional-expertise", "nuk:bi-education-and-training"),
    fact(B, "DEEP ... focusing on eight defence higher education institutions and five training centres for NCOs",
         "SELECT ?g ?n WHERE { nuk:defence-education-enhancement-programme nuo:focus ?g . ?g nuo:memberCount ?n }",
         ("nuk:ukrainian-defence-higher-education-institutions", "8"), ("nuk:ukrainian-nco-training-centres", "5")),
    same(B, "NATO is providing capacity-building in ... cyber defence ... to support ... Ukraine's national cyber security "
            "strategy", "nuk:cyber-defence-capacity-building", "nuo:supports", "nuk:ukraine-national-cyber-security-strategy"),
    same(B, "Since 2004, the NATO-Ukraine Joint Working Group on Defence Technical Cooperation works ...",
         "nuk:joint-working-group-on-defence-technical-cooperation", "nuo:startDate", "2004"),
    same(B, "... cooperation with NATO's Conference of National Armaments Directors and the NATO Science and Technology "
            "Organization", "nuk:joint-working-group-on-defence-technical-cooperation", "nuo:cooperatesWith",
         "nuk:conference-of-national-armaments-directors", "nuk:nato-science-and-technology-organization"),
    fact(B, "Ukraine joined the Air Situation Data Exchange programme in July 2006",
         "SELECT ?d WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:air-situation-data-exchange ; "
         "nuo:startDate ?d }", "2006-07"),
    same(B, "Following the Russia-Ukraine crisis, air data information provided by NATO has been extended",
         "nuk:air-situation-data-coverage-extension", "nuo:respondsTo", "nuk:russia-ukraine-conflict"),
    fact(B, "Participation in ... military activities and exercises under the Military Committee with Ukraine Work Plan",
         "SELECT ?p WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:military-committee-with-ukraine-work-plan }",
         "nuk:ukraine-in-military-committee-work-plan"),
    fact(B, "Ukraine's active participation in the NATO Operational Capabilities Concept Evaluation and Feedback Programme",
         "SELECT ?p WHERE { ?p nuo:participant nuk:ukraine ; "
         "nuo:participatesIn nuk:operational-capabilities-concept-evaluation-and-feedback-programme }",
         "nuk:ukraine-in-operational-capabilities-concept-evaluation-and-feedback-programme"),
    fact(B, "A legal framework ... including the PfP SOFA (entered into force in May 2000); the Host Nation Support "
            "Agreement (ratified in March 2004); and the Strategic Airlift Agreement (ratified in October 2006)",
         "SELECT ?a ?d WHERE { ?a nuo:inFramework nuk:legal-framework-for-operational-cooperation . "
         "{ ?a nuo:entryIntoForceDate ?d } UNION { ?a nuo:ratificationDate ?d } }",
         ("nuk:pfp-status-of-forces-agreement", "2000-05"), ("nuk:host-nation-support-agreement", "2004-03"),
         ("nuk:strategic-airlift-agreement", "2006-10"), added=True),
    fact(B, "In June 2020, Ukraine became an Enhanced Opportunity Partner (EOP)",
         "SELECT ?d WHERE { ?a nuo:statusHolder nuk:ukraine ; nuo:partnerStatus nuk:enhanced-opportunity-partner ; "
         "nuo:startDate ?d }", "2020-06"),
    fact(B, "a status offered to participants in NATO's Partnership Interoperability Initiative ... preferential access "
            "to NATO's interoperability toolbox",
         "SELECT ?under ?access WHERE { nuk:enhanced-opportunity-partner nuo:offeredUnder ?under ; nuo:grantsAccessTo ?access }",
         ("nuk:partnership-interoperability-initiative", "nuk:interoperability-toolbox")),
    fact(B, "The other EOPs are Australia, Finland, Georgia, Jordan and Sweden",
         "SELECT ?who WHERE { ?a nuo:statusHolder ?who ; nuo:partnerStatus nuk:enhanced-opportunity-partner }",
         "nuk:ukraine", "nuk:australia", "nuk:finland", "nuk:georgia", "nuk:jordan", "nuk:sweden"),
    fact(B, "Ukraine is also building capacity and interoperability through participation in the NATO Response Force",
         "SELECT ?p WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:nato-response-force }",
         "nuk:ukraine-in-nato-response-force"),
    # --- Wider cooperation ------------------------------------------------------------------------------
    fact(W, "the NATO-Ukraine Platform on Countering Hybrid Warfare was established at the NATO Summit in Warsaw in July 2016",
         "SELECT ?at ?d WHERE { nuk:nato-ukraine-platform-on-countering-hybrid-warfare nuo:establishedAt ?at ; "
         "nuo:establishmentDate ?d }", ("nuk:warsaw-summit-2016", "2016-07")),
    same(W, "Projects in support of research, training and expert consultations are ongoing",
         "nuk:hybrid-warfare-platform-projects", "nuo:activityKind", "nuk:kind-research", "nuk:kind-training",
         "nuk:kind-expert-consultation", added=True),
    same(W, "... with a focus on lessons learned, countering disinformation and enhancing resilience",
         "nuk:hybrid-warfare-platform-projects", "nuo:area", "nuk:area-lessons-learned",
         "nuk:area-countering-disinformation", "nuk:area-resilience"),
    same(W, "Since the start of the crisis ... in 2014, experts have provided advice on Ukraine's contingency plans",
         "nuk:contingency-planning-advice", "nuo:startDate", "2014"),
    fact(W, "In 2019, a Resilience Advisory Support Team (RAST) drew up recommendations to Ukrainian institutions",
         "SELECT ?d ?by WHERE { nuk:rast-recommendations-2019 nuo:date ?d ; nuo:agent ?by }",
         ("2019", "nuk:resilience-advisory-support-team")),
    same(W, "A Joint Working Group on Civil Emergency Planning oversees cooperation in this area",
         "nuk:joint-working-group-on-civil-emergency-planning", "nuo:oversees", "nuk:civil-preparedness-cooperation"),
    fact(W, "Ukraine also participates regularly in activities organised by the EADRCC",
         "SELECT ?p WHERE { ?p nuo:participant nuk:ukraine ; "
         "nuo:participatesIn nuk:euro-atlantic-disaster-response-coordination-centre }",
         "nuk:ukraine-in-euro-atlantic-disaster-response-activities"),
    same(W, "... and has itself hosted multiple disaster-response exercises", "nuk:disaster-response-exercises-in-ukraine",
         "nuo:location", "nuk:ukraine"),
    fact(W, "Ukraine has been actively engaged in NATO's Science for Peace and Security (SPS) Programme since 1991",
         "SELECT ?d WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:science-for-peace-and-security-programme ; "
         "nuo:startDate ?d }", "1991"),
    same(W, "A Joint Working Group on Scientific and Environmental Cooperation contributes ... in the framework of the SPS",
         "nuk:joint-working-group-on-scientific-and-environmental-cooperation", "nuo:supports",
         "nuk:science-for-peace-and-security-programme"),
    same(W, "Since 2014 ... cooperation in the field of security-related civil science and technology has been strengthened",
         "nuk:sps-cooperation-strengthening-2014", "nuo:date", "2014"),
    same(W, "Ukraine has since become the largest beneficiary of the SPS Programme",
         "nuk:science-for-peace-and-security-programme", "nuo:largestBeneficiary", "nuk:ukraine"),
    same(W, "Leading areas of cooperation ... include advanced technology, counter-terrorism, CBRN defence, as well as "
            "energy and environmental security", "nuk:ukraine-in-science-for-peace-and-security", "nuo:area",
         "nuk:area-advanced-technology", "nuk:area-counter-terrorism", "nuk:area-cbrn-defence",
         "nuk:area-energy-and-environmental-security"),
    fact(W, "the participation of Ukraine in the DEXTER Programme, ... an integrated system to detect explosives and firearms",
         "SELECT ?o WHERE { ?p nuo:participant nuk:ukraine ; nuo:participatesIn nuk:dexter . nuk:dexter nuo:objective ?o }",
         "nuk:objective-detecting-explosives-and-firearms"),
    same(W, "NATO supports Ukraine in implementing UN Security Council Resolution 1325 on Women, Peace and Security",
         "nuk:women-peace-and-security-support", "nuo:focus", "nuk:un-security-council-resolution-1325"),
    same(W, "The NATO Liaison Office leads on NATO's advisory support with regard to reforms of the security sector",
         "nuk:advisory-support-for-security-and-defence-reform", "nuo:ledBy", "nuk:nato-liaison-office"),
    same(W, "The NIDC in Kyiv supports the efforts of national authorities and NGOs to provide public information about NATO",
         "nuk:nato-information-and-documentation-centre", "nuo:supports", "nuk:nidc-public-diplomacy-projects",
         "nuk:public-information-about-nato"),
    same(W, "NATO also provides advisory and funding support ... in public diplomacy, media relations and strategic "
            "communications", "nuk:public-diplomacy-capacity-building", "nuo:area", "nuk:area-public-diplomacy",
         "nuk:area-media-relations", "nuk:area-strategic-communications"),
    # --- Support for NATO-led operations -----------------------------------------------------------------
    contribution("Ukraine has supported the peace-support operations in Bosnia and Herzegovina",
                 "nuk:peace-support-operations-in-bosnia-and-herzegovina", "", "nuk:ukraine-in-bosnia-and-herzegovina-operations"),
    contribution("... continues to contribute to the Kosovo Force (KFOR), including with a heavy engineering unit",
                 "nuk:kosovo-force", "?c nuo:contributionKind ?k ; nuo:status ?s",
                 ("nuk:ukraine-in-kosovo-force", "nuk:kind-heavy-engineering-unit", "nuk:status-ongoing")),
    fact(O, "In support of ISAF, Ukraine allowed over-flight clearance and the transit of supplies, and contributed "
            "medical personnel",
         "SELECT DISTINCT ?k WHERE { ?c nuo:contributor nuk:ukraine ; "
         "nuo:contributesTo nuk:international-security-assistance-force ; nuo:contributionKind ?k }",
         "nuk:kind-over-flight-clearance", "nuk:kind-transit-of-supplies", "nuk:kind-medical-personnel"),
    fact(O, "... medical personnel to support Provincial Reconstruction Teams in Afghanistan",
         "SELECT ?b WHERE { ?c nuo:contributor nuk:ukraine ; nuo:contributionKind nuk:kind-medical-personnel ; "
         "nuo:beneficiary ?b }", "nuk:provincial-reconstruction-teams"),
    contribution("... and instructors to the NATO Training Mission in Afghanistan", "nuk:nato-training-mission-in-afghanistan",
                 "?c nuo:contributionKind ?k", ("nuk:ukraine-in-nato-training-mission-in-afghanistan", "nuk:kind-instructors")),
    same(O, "Following the end of ISAF's mission in 2014", "nuk:international-security-assistance-force", "nuo:endDate", "2014"),
    fact(O, "Ukraine supported the follow-on Resolute Support Mission (2015-2021)",
         "SELECT ?s ?e ?before WHERE { ?c nuo:contributor nuk:ukraine ; nuo:contributesTo nuk:resolute-support-mission . "
         "nuk:resolute-support-mission nuo:startDate ?s ; nuo:endDate ?e ; nuo:followOnTo ?before }",
         ("2015", "2021", "nuk:international-security-assistance-force")),
    contribution("From March 2005, Ukraine contributed officers to the NATO Training Mission in Iraq",
                 "nuk:nato-training-mission-in-iraq", "?c nuo:contributionKind ?k ; nuo:startDate ?d",
                 ("nuk:ukraine-in-nato-training-mission-in-iraq", "nuk:kind-officers", "2005-03")),
    same(O, "... the NATO Training Mission in Iraq, which terminated in December 2011", "nuk:nato-training-mission-in-iraq",
         "nuo:endDate", "2011-12"),
    contribution("Ukraine deployed ships six times between 2007 and 2010 in support of Operation Active Endeavour",
                 "nuk:active-endeavour", "?c nuo:contributionKind ?k ; nuo:deploymentCount ?n ; nuo:startDate ?s ; nuo:endDate ?e",
                 ("nuk:ukraine-in-active-endeavour", "nuk:kind-ships", "6", "2007", "2010")),
    contribution("In 2013, it also contributed to NATO's counter-piracy operation Ocean Shield", "nuk:ocean-shield",
                 "?c nuo:date ?d", ("nuk:ukraine-in-ocean-shield", "2013")),
    same(O, "the launch of maritime operation Sea Guardian in 2016", "nuk:sea-guardian", "nuo:launchDate", "2016"),
    contribution("Since ... 2016, Ukraine has provided information in support of NATO's maritime situational awareness in "
                 "and around the Black Sea", "nuk:sea-guardian", "?c nuo:contributionKind ?k ; nuo:startDate ?d ; nuo:location ?l",
                 ("nuk:ukraine-in-sea-guardian", "nuk:kind-information", "2016", "nuk:black-sea")),
    # --- NATO-Ukraine Joint Working Group on Defence Reform ----------------------------------------------
    same(D, "Established in 1998 under the auspices of the NATO-Ukraine Commission, the JWGDR",
         "nuk:joint-working-group-on-defence-reform", "nuo:underAuspicesOf", "nuk:nato-ukraine-commission"),
    same(D, "Established in 1998", "nuk:joint-working-group-on-defence-reform", "nuo:establishmentDate", "1998"),
    same(D, "the JWGDR pursues initiatives in the area of civil-military relations, democratic oversight and civilian "
            "management of the armed forces ..., defence planning, development of policy, strategy and national security "
            "concepts", "nuk:joint-working-group-on-defence-reform", "nuo:area", "nuk:area-civil-military-relations",
         "nuk:area-democratic-oversight", "nuk:area-civilian-management-of-forces", "nuk:area-defence-planning",
         "nuk:area-policy-strategy-and-national-security-concepts", "nuk:area-defence-and-security-sector-reform"),
    same(D, "These include the National Security and Defence Council, the Ministries of Foreign Affairs and Defence, "
            "National Guard, Border Guard Service, Security Service of Ukraine, the Verkhovna Rada and others",
         "nuk:joint-working-group-on-defence-reform", "nuo:cooperatesWith",
         "nuk:national-security-and-defence-council-of-ukraine", "nuk:ministry-of-foreign-affairs-of-ukraine",
         "nuk:ministry-of-defence-of-ukraine", "nuk:national-guard-of-ukraine", "nuk:border-guard-service-of-ukraine",
         "nuk:security-service-of-ukraine", "nuk:verkhovna-rada", "nuk:other-ukrainian-agencies"),
    same(D, "All NATO member states and Ukraine are represented in meetings of the JWGDR",
         "nuk:joint-working-group-on-defence-reform", "nuo:representedMember", "nuk:nato-allies", "nuk:ukraine"),
    same(D, "relevant partner countries and civil society representatives are invited ... on a case-by-case basis",
         "nuk:joint-working-group-on-defence-reform", "nuo:invitedParticipant", "nuk:relevant-partner-countries",
         "nuk:civil-society-representatives"),
]


@pytest.fixture(scope="module")
def stated(kg):
    """The source's statements and what the build infers from them: not the editorial graph."""
    return kg.ontology + kg.data + kg.inferred


@pytest.mark.parametrize("entry", KEY_AREAS, ids=lambda f: f.id)
def test_fact(stated, entry):
    assert answer(stated, entry.query) == entry.expected, entry.words
