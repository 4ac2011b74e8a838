"""Checklist of the facts of the source page's "Key areas of cooperation" section: each line is
one fact of the page, stated as a SPARQL pattern that must match the graph.  Read against the
source bullet by bullet; every expected value (IRI, date with its datatype, count) is the
source's, not the data's.  Counts are typed as the ontology's ranges say
(xsd:integer, also for the budget factor).  Where the source's wording fits
more than one of the ontology's properties (support "through" a body, personnel "to support" a
team, a trust fund's field, a mission "at" the Representation), each fitting property is
accepted, e.g. ``nuo:deliveredThrough|nuo:provider``.

Sections: key-areas (the section's introduction), building-capabilities (Building capabilities
and interoperability), wider-cooperation (Wider cooperation), support-for-operations (Support
for NATO-led operations).  The "NATO-Ukraine Joint Working Group on Defence Reform" subsection
and the rest of the page are checked in test_facts.py.
"""

import pytest


TRUST_FUNDS = ("nuk:c4-trust-fund", "nuk:medical-rehabilitation-trust-fund", "nuk:military-career-transition-trust-fund",
               "nuk:eod-and-c-ied-trust-fund", "nuk:cyber-defence-trust-fund",
               "nuk:logistics-and-standardization-trust-fund")
UNDATED_TRUST_FUNDS = ("nuk:c4-trust-fund", "nuk:military-career-transition-trust-fund", "nuk:eod-and-c-ied-trust-fund",
                       "nuk:cyber-defence-trust-fund", "nuk:logistics-and-standardization-trust-fund")
OTHER_EOPS = ("australia", "finland", "georgia", "jordan", "sweden")
NATO_LED = ("nuk:peace-support-operations-in-bosnia-and-herzegovina", "nuk:kosovo-force",
            "nuk:international-security-assistance-force", "nuk:resolute-support-mission",
            "nuk:nato-training-mission-in-afghanistan", "nuk:nato-training-mission-in-iraq",
            "nuk:active-endeavour", "nuk:ocean-shield", "nuk:sea-guardian")
KEY_AREAS = ("nuk:area-building-capabilities-and-interoperability", "nuk:area-wider-cooperation",
             "nuk:area-support-for-nato-led-operations", "nuk:area-defence-and-security-sector-reform")


def each(subjects, template):
    """One pattern that states ``template`` (with ``{s}``) of every subject."""
    return " . ".join(template.format(s=s) for s in subjects)


FACTS = [
    # --- Key areas of cooperation: introduction ---------------------------------------------------
    ("key-areas", "cooperation in the key areas is part of the NATO-Ukraine relationship",
     "nuk:nato-ukraine-cooperation-in-key-areas a nuo:CooperationActivity ; nuo:partOf nuk:nato-ukraine-partnership"),
    ("key-areas", "Ukraine's cooperation with NATO is mutually beneficial",
     "nuk:nato-ukraine-cooperation-in-key-areas nuo:beneficiary nuk:nato, nuk:ukraine"),
    ("key-areas", "support enhanced in certain critical areas, other activities put on hold or adapted",
     'nuk:nato-ukraine-cooperation-in-key-areas dcterms:description ?d . FILTER(CONTAINS(STR(?d), "critical areas") '
     '&& REGEX(STR(?d), "on hold|suspended") && REGEX(STR(?d), "adapted|changed"))'),
    ("key-areas", "the cooperation is grouped under the section's four key areas",
     "nuk:nato-ukraine-cooperation-in-key-areas nuo:area " + ", ".join(KEY_AREAS) + " . "
     + each(KEY_AREAS, "{s} a nuo:CooperationArea ; skos:topConceptOf nuk:cooperation-areas ; "
                       "skos:inScheme nuk:cooperation-areas")),
    ("key-areas", "there are exactly four key areas",
     "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a skos:topConceptOf nuk:cooperation-areas } HAVING (COUNT(DISTINCT ?a) = 4)"),
    ("key-areas", "the areas of cooperation form a SKOS concept scheme",
     "nuk:cooperation-areas a skos:ConceptScheme ; skos:hasTopConcept " + ", ".join(KEY_AREAS)),

    # --- Building capabilities: NATO's means of supporting defence reform ------------------------
    ("building-capabilities", "NATO supports Ukraine's defence and related security sector reform",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:provider nuk:nato ; nuo:beneficiary nuk:ukraine ; "
     "nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "reform support goes through the Joint Working Group on Defence Reform",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough|nuo:provider "
     "nuk:joint-working-group-on-defence-reform"),
    ("building-capabilities", "reform support goes through the PfP Planning and Review Process",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough nuk:planning-and-review-process . "
     "nuk:planning-and-review-process a nuo:Process ; nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "reform support goes through the NATO Building Integrity (BI) Process",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough nuk:building-integrity . "
     "nuk:building-integrity nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "reform support goes through the Annual BI Tailored Programme",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough nuk:annual-bi-tailored-programme . "
     'nuk:annual-bi-tailored-programme nuo:area nuk:area-defence-and-security-sector-reform ; '
     'skos:altLabel "Annual BI Tailored Programme"@en'),
    ("building-capabilities", "reform support goes through the NATO Defence Education Enhancement Programme",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough nuk:defence-education-enhancement-programme . "
     "nuk:defence-education-enhancement-programme nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "reform support goes through the Joint Working Group on Defence Technical Cooperation",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough|nuo:provider "
     "nuk:joint-working-group-on-defence-technical-cooperation"),
    ("building-capabilities", "reform support goes through the advisory mission at the NATO Representation in Kyiv",
     "nuk:nato-support-for-defence-and-security-sector-reform nuo:deliveredThrough|nuo:provider nuk:advisory-mission-in-kyiv . "
     "nuk:advisory-mission-in-kyiv org:subOrganizationOf|nuo:partOf|nuo:ledBy nuk:nato-representation-to-ukraine ; "
     "nuo:location nuk:kyiv ; "
     "nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "since 2016, through the CAP, Allies give strategic-level advice via the NATO Representation",
     'nuk:comprehensive-assistance-package nuo:provider nuk:nato-allies ; nuo:startDate "2016-07"^^xsd:gYearMonth ; '
     "nuo:deliveredThrough nuk:strategic-level-advice . "
     "nuk:strategic-level-advice nuo:ledBy nuk:nato-representation-to-ukraine"),
    ("building-capabilities", "the CAP aims at security and defence sector reform to NATO standards",
     "nuk:comprehensive-assistance-package nuo:area nuk:area-defence-and-security-sector-reform ; "
     "nuo:objective nuk:objective-reform-to-nato-standards"),
    ("building-capabilities", "the CAP also delivers support through capacity-building programmes and trust funds",
     "nuk:comprehensive-assistance-package nuo:deliveredThrough " + ", ".join(TRUST_FUNDS) + " . "
     + each(TRUST_FUNDS, "{s} nuo:provider nuk:nato-allies")),
    ("building-capabilities", "reform cooperation is crucial to the security posture's transformation and the democratic transition",
     'nuk:area-defence-and-security-sector-reform dcterms:description ?d . '
     'FILTER(CONTAINS(STR(?d), "security posture") && CONTAINS(STR(?d), "democratic transition"))'),

    # --- Building capabilities: the six trust funds ----------------------------------------------
    ("building-capabilities", "six trust funds, each a trust fund for Ukraine",
     each(TRUST_FUNDS, "{s} a nuo:TrustFund ; nuo:beneficiary nuk:ukraine")),
    ("building-capabilities", "trust fund projects launched since 2014 in response to the Russia-Ukraine conflict",
     each(TRUST_FUNDS, "{s} nuo:respondsTo nuk:russia-ukraine-conflict") + " . "
     + each(UNDATED_TRUST_FUNDS, '{s} nuo:startNotBefore "2014"^^xsd:gYear')),
    ("building-capabilities", "no trust fund is given a launch date the source does not state",
     each(UNDATED_TRUST_FUNDS, "{s} a nuo:TrustFund") + " . "
     "FILTER NOT EXISTS { VALUES ?f { " + " ".join(UNDATED_TRUST_FUNDS) + " } "
     "?f nuo:establishmentDate|nuo:launchDate|nuo:startDate ?d }"),
    ("building-capabilities", "the trust funds support capability development and sustainable capacity-building",
     each(TRUST_FUNDS, "{s} nuo:objective nuk:objective-capability-development-and-capacity-building")),
    # C4
    ("building-capabilities", "C4 stands for Command, Control, Communications and Computers",
     'nuk:area-command-control-communications-and-computers skos:altLabel "C4"@en ; '
     'skos:prefLabel "command, control, communications and computers"@en . '
     "nuk:c4-trust-fund nuo:focus|nuo:area nuk:area-command-control-communications-and-computers"),
    ("building-capabilities", "the C4 Trust Fund helps reorganise and modernise Ukraine's C4 structures and capabilities",
     "nuk:c4-trust-fund nuo:objective nuk:objective-c4-modernisation"),
    ("building-capabilities", "the C4 Trust Fund facilitates C4 interoperability with NATO for NATO-led exercises and operations",
     "nuk:c4-trust-fund nuo:objective nuk:objective-c4-interoperability"),
    ("building-capabilities", "the C4 Trust Fund enhances Ukraine's ability to provide for its own defence and security",
     "nuk:c4-trust-fund nuo:objective nuk:objective-own-defence-and-security"),
    ("building-capabilities", "C4 projects address regional airspace security, secure tactical communications, "
                              "knowledge-sharing and situational awareness",
     "nuk:c4-trust-fund nuo:area nuk:area-regional-airspace-security, nuk:area-secure-tactical-communications, "
     "nuk:area-knowledge-sharing, nuk:area-situational-awareness"),
    ("building-capabilities", "C4 projects are at various stages of implementation (active)",
     "nuk:c4-trust-fund nuo:status nuk:status-active"),
    # Medical Rehabilitation
    ("building-capabilities", "the Medical Rehabilitation Trust Fund was set up in 2014",
     'nuk:medical-rehabilitation-trust-fund nuo:establishmentDate "2014"^^xsd:gYear'),
    ("building-capabilities", "the Medical Rehabilitation Trust Fund is active",
     "nuk:medical-rehabilitation-trust-fund nuo:status nuk:status-active"),
    ("building-capabilities", "it aims at rapid access to appropriate care for serving and discharged personnel and civilian staff",
     "nuk:medical-rehabilitation-trust-fund nuo:objective nuk:objective-rapid-access-to-care ; "
     "nuo:beneficiary nuk:ukrainian-defence-and-security-patients . "
     "nuk:ukrainian-defence-and-security-patients a nuo:Group"),
    ("building-capabilities", "it supports a medical rehabilitation system with long-term sustainable services",
     "nuk:medical-rehabilitation-trust-fund nuo:objective nuk:objective-sustainable-medical-rehabilitation ; "
     "nuo:area nuk:area-medical-rehabilitation"),
    ("building-capabilities", "it supported Ukrainian participation in the Invictus Games",
     "nuk:medical-rehabilitation-trust-fund nuo:supports nuk:ukraine-in-invictus-games . "
     "nuk:ukraine-in-invictus-games a nuo:Participation ; nuo:participant nuk:ukraine ; nuo:participatesIn nuk:invictus-games"),
    ("building-capabilities", "the Invictus Games: a sporting event for wounded, injured and sick military personnel",
     "nuk:invictus-games a nuo:Event ; nuo:beneficiary nuk:wounded-injured-and-sick-military-personnel"),
    # Military Career Transition
    ("building-capabilities", "the Military Career Transition Trust Fund assisted resettlement of military personnel",
     "nuk:military-career-transition-trust-fund nuo:objective nuk:objective-resettlement-of-military-personnel ; "
     "nuo:area nuk:area-military-career-transition"),
    ("building-capabilities", "the Military Career Transition Trust Fund is no longer active",
     "nuk:military-career-transition-trust-fund nuo:status nuk:status-no-longer-active"),
    ("building-capabilities", "it exemplifies the NATO Liaison Office in Kyiv working with ministries at the highest level",
     "nuk:military-career-transition-trust-fund nuo:provider nuk:nato-liaison-office ; "
     'nuo:exemplifies ?d . FILTER(CONTAINS(STR(?d), "highest level")) . '
     'nuk:nato-liaison-office nuo:location nuk:kyiv ; skos:altLabel "NATO Liaison Office in Kyiv"@en'),
    ("building-capabilities", "it shows projects being modified as requirements change",
     'nuk:military-career-transition-trust-fund nuo:exemplifies ?d . FILTER(CONTAINS(STR(?d), "requirements change"))'),
    # EOD and C-IED
    ("building-capabilities", "EOD = Explosive Ordnance Disposal, C-IED = Countering Improvised Explosive Devices",
     'nuk:area-explosive-ordnance-disposal skos:altLabel "EOD"@en ; skos:prefLabel "explosive ordnance disposal"@en . '
     'nuk:area-countering-improvised-explosive-devices skos:altLabel "C-IED"@en ; '
     'skos:prefLabel "countering improvised explosive devices"@en . '
     "nuk:eod-and-c-ied-trust-fund nuo:area nuk:area-explosive-ordnance-disposal, nuk:area-countering-improvised-explosive-devices"),
    ("building-capabilities", "the EOD and C-IED Trust Fund supported recommendations of the NATO EOD and C-IED Assistance Plan",
     "nuk:eod-and-c-ied-trust-fund nuo:supports nuk:nato-eod-and-c-ied-assistance-plan . "
     "nuk:nato-eod-and-c-ied-assistance-plan a nuo:ActionPlan ; nuo:beneficiary nuk:ukraine ; nuo:provider nuk:nato"),
    ("building-capabilities", "it selectively supported civil humanitarian clearance of explosive hazards, including IEDs",
     "nuk:eod-and-c-ied-trust-fund nuo:supports nuk:humanitarian-clearance-of-explosive-hazards . "
     "nuk:humanitarian-clearance-of-explosive-hazards nuo:area nuk:area-clearance-of-explosive-hazards, "
     "nuk:area-countering-improvised-explosive-devices"),
    ("building-capabilities", "it assists in laying foundations for EOD transformation and C-IED development",
     "nuk:eod-and-c-ied-trust-fund nuo:objective nuk:objective-eod-transformation-and-c-ied-development"),
    ("building-capabilities", "the EOD and C-IED Trust Fund's status is not stated",
     "nuk:eod-and-c-ied-trust-fund skos:editorialNote ?e . FILTER NOT EXISTS { nuk:eod-and-c-ied-trust-fund nuo:status ?s }"),
    # Cyber Defence
    ("building-capabilities", "the Cyber Defence Trust Fund achieved its objectives and was completed in 2017",
     'nuk:cyber-defence-trust-fund nuo:status nuk:status-completed ; nuo:completionDate "2017"^^xsd:gYear'),
    ("building-capabilities", "it aimed at strictly defensive, technical capabilities to counter cyber threats",
     "nuk:cyber-defence-trust-fund nuo:objective nuk:objective-defensive-cyber-capabilities ; nuo:area nuk:area-cyber-defence"),
    ("building-capabilities", "its assistance included an incident management centre for monitoring cyber incidents",
     "nuk:cyber-defence-trust-fund nuo:supports nuk:cyber-incident-management-centre . "
     "nuk:cyber-incident-management-centre a nuo:Centre"),
    ("building-capabilities", "its assistance included laboratories to investigate cyber security incidents",
     "nuk:cyber-defence-trust-fund nuo:supports nuk:cyber-incident-investigation-laboratories . "
     "nuk:cyber-incident-investigation-laboratories a nuo:Centre"),
    # Logistics and Standardization
    ("building-capabilities", "the Logistics and Standardization Trust Fund aimed to support reform of logistics and standardization",
     "nuk:logistics-and-standardization-trust-fund nuo:objective nuk:objective-logistics-and-standardization-reform ; "
     "nuo:area nuk:area-logistics, nuk:area-standardization"),
    ("building-capabilities", "for the armed forces and other formations, including the National Guard and the State Border "
                              "Security Service",
     "nuk:logistics-and-standardization-trust-fund nuo:beneficiary nuk:armed-forces-of-ukraine, "
     "nuk:national-guard-of-ukraine, nuk:border-guard-service-of-ukraine . "
     'nuk:border-guard-service-of-ukraine skos:altLabel "State Border Security Service"@en'),
    ("building-capabilities", "the Logistics and Standardization Trust Fund's status is not stated",
     "nuk:logistics-and-standardization-trust-fund skos:editorialNote ?e . "
     "FILTER NOT EXISTS { nuk:logistics-and-standardization-trust-fund nuo:status ?s }"),

    # --- Building capabilities: programmes, processes and initiatives -----------------------------
    ("building-capabilities", "Ukraine participates in the PfP Planning and Review Process, part of the PfP",
     "nuk:ukraine-in-planning-and-review-process a nuo:Participation ; nuo:participant nuk:ukraine ; "
     "nuo:participatesIn nuk:planning-and-review-process . nuk:planning-and-review-process nuo:partOf nuk:partnership-for-peace"),
    ("building-capabilities", "PARP helps set objectives for defence and security reform, transformation and capability development",
     "nuk:planning-and-review-process nuo:objective nuk:objective-reform-transformation-and-capability-development"),
    ("building-capabilities", "PARP improves the ability of Ukraine's forces to operate alongside Allied and partner forces",
     "nuk:planning-and-review-process nuo:objective nuk:objective-operating-alongside-allied-and-partner-forces"),
    ("building-capabilities", "PARP enhances Ukraine's ability to host Allied and partner forces for exercises and training",
     "nuk:planning-and-review-process nuo:objective nuk:objective-hosting-allied-and-partner-forces"),
    ("building-capabilities", "the Professional Development Programme for civilians was launched in October 2005",
     'nuk:professional-development-programme a nuo:Programme ; nuo:launchDate "2005-10"^^xsd:gYearMonth ; '
     "nuo:beneficiary nuk:civilians-in-ukrainian-defence-and-security-institutions"),
    ("building-capabilities", "its budget was doubled in 2014 to support transformation and reform processes",
     'nuk:professional-development-programme-budget-doubling-2014 a nuo:BudgetChange ; nuo:date "2014"^^xsd:gYear ; '
     "nuo:concerns nuk:professional-development-programme ; "
     "nuo:objective nuk:objective-transformation-and-reform-processes ; nuo:budgetFactor ?f . "
     "FILTER(?f = 2 && DATATYPE(?f) = xsd:integer)"),
    ("building-capabilities", "in 2017 the Programme launched the 'Champions 100' project",
     'nuk:champions-100 a nuo:Project ; rdfs:label "Champions 100"@en ; nuo:launchDate "2017"^^xsd:gYear ; '
     "nuo:partOf nuk:professional-development-programme"),
    ("building-capabilities", "Champions 100 supports a pool of civil servants responsible for Euro-Atlantic integration",
     "nuk:champions-100 nuo:beneficiary nuk:champions-100-civil-servants . nuk:champions-100-civil-servants a nuo:Group"),
    ("building-capabilities", "since 2007 Ukraine participates in NATO's Building Integrity (BI) Initiative",
     'nuk:ukraine-in-building-integrity a nuo:Participation ; nuo:participant nuk:ukraine ; '
     'nuo:participatesIn nuk:building-integrity ; nuo:startDate "2007"^^xsd:gYear . '
     'nuk:building-integrity a nuo:Initiative ; skos:altLabel "BI"@en ; nuo:provider nuk:nato'),
    ("building-capabilities", "BI strengthens integrity, accountability and transparency in the defence and security sector",
     "nuk:building-integrity nuo:objective nuk:objective-integrity-accountability-and-transparency"),
    ("building-capabilities", "the BI Self-Assessment and Peer Review Process is part of BI",
     "nuk:bi-self-assessment-and-peer-review a nuo:Process ; nuo:partOf nuk:building-integrity"),
    ("building-capabilities", "in October 2019 nine institutions completed the BI Self-Assessment and Peer Review",
     'nuk:bi-self-assessment-2019 a nuo:Assessment ; nuo:partOf nuk:bi-self-assessment-and-peer-review ; '
     'nuo:date "2019-10"^^xsd:gYearMonth ; nuo:agent nuk:bi-self-assessment-institutions ; nuo:participantCount ?p . '
     "nuk:bi-self-assessment-institutions a nuo:Group ; nuo:memberCount ?m . FILTER(?p = 9 && ?m = 9 "
     "&& DATATYPE(?p) = xsd:integer && DATATYPE(?m) = xsd:integer)"),
    ("building-capabilities", "the assessment recommended good governance and sustainable anti-corruption reform",
     "nuk:bi-self-assessment-2019 nuo:area nuk:area-good-governance, nuk:area-fight-against-corruption ; "
     'dcterms:description ?d . FILTER(CONTAINS(STR(?d), "needs") && CONTAINS(STR(?d), "recommendations"))'),
    ("building-capabilities", "on this basis a tailored programme of activities continues",
     "nuk:annual-bi-tailored-programme nuo:followsUpOn nuk:bi-self-assessment-2019 ; nuo:partOf nuk:building-integrity ; "
     "nuo:status nuk:status-ongoing"),
    ("building-capabilities", "the tailored programme provides two levels of capacity-building support",
     "nuk:annual-bi-tailored-programme nuo:hasPart nuk:bi-institutional-expertise, nuk:bi-education-and-training . "
     "{ SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { nuk:annual-bi-tailored-programme nuo:hasPart ?l } } FILTER(?n = 2)"),
    ("building-capabilities", "level one: expertise for good governance and management of defence resources",
     "nuk:bi-institutional-expertise nuo:area nuk:area-good-governance, nuk:area-management-of-defence-resources ; "
     'dcterms:description ?d . FILTER(CONTAINS(STR(?d), "financial") && CONTAINS(STR(?d), "human") '
     '&& CONTAINS(STR(?d), "material"))'),
    ("building-capabilities", "level two: education and training for individual capacities and a culture of integrity",
     "nuk:bi-education-and-training nuo:objective nuk:objective-individual-capacities-and-integrity-culture"),
    ("building-capabilities", "DEEP has helped improve and restructure military education and professional training",
     'nuk:defence-education-enhancement-programme a nuo:Programme ; skos:altLabel "DEEP"@en ; '
     "nuo:area nuk:area-military-education, nuk:area-professional-training"),
    ("building-capabilities", "DEEP focuses on eight defence higher education institutions and five NCO training centres",
     "nuk:defence-education-enhancement-programme nuo:focus nuk:ukrainian-defence-higher-education-institutions, "
     "nuk:ukrainian-nco-training-centres . nuk:ukrainian-defence-higher-education-institutions nuo:memberCount ?h . "
     "nuk:ukrainian-nco-training-centres nuo:memberCount ?c . FILTER(?h = 8 && ?c = 5 "
     "&& DATATYPE(?h) = xsd:integer && DATATYPE(?c) = xsd:integer)"),
    ("building-capabilities", "DEEP advises on academies' management, supports faculty and helps develop leadership courses",
     "nuk:defence-education-enhancement-programme nuo:hasPart nuk:deep-advisory-support . "
     'nuk:deep-advisory-support dcterms:description ?d . FILTER(CONTAINS(STR(?d), "academies") '
     '&& CONTAINS(STR(?d), "leadership") && CONTAINS(STR(?d), "decision-making"))'),
    ("building-capabilities", "NATO provides cyber defence capacity-building for inter-agency cooperation and coordination",
     "nuk:cyber-defence-capacity-building nuo:provider nuk:nato ; nuo:beneficiary nuk:ukraine ; "
     "nuo:objective nuk:objective-cyber-inter-agency-cooperation ; nuo:area nuk:area-cyber-defence"),
    ("building-capabilities", "it supports development of Ukraine's national cyber security strategy",
     "nuk:cyber-defence-capacity-building nuo:supports nuk:ukraine-national-cyber-security-strategy . "
     "nuk:ukraine-national-cyber-security-strategy a nuo:Strategy"),
    ("building-capabilities", "since 2004 the NATO-Ukraine JWG on Defence Technical Cooperation works on capability "
                              "development, procurement and technical standards",
     'nuk:joint-working-group-on-defence-technical-cooperation a nuo:WorkingGroup ; nuo:startDate "2004"^^xsd:gYear ; '
     "nuo:area nuk:area-capability-development, nuk:area-defence-equipment-procurement, nuk:area-technical-standards"),
    ("building-capabilities", "this includes standardization, codification, logistics and life cycle management",
     "nuk:joint-working-group-on-defence-technical-cooperation nuo:area nuk:area-standardization, nuk:area-codification, "
     "nuk:area-logistics, nuk:area-life-cycle-management"),
    ("building-capabilities", "the JWG cooperates with NATO's CNAD and the NATO Science and Technology Organization",
     "nuk:joint-working-group-on-defence-technical-cooperation nuo:cooperatesWith "
     "nuk:conference-of-national-armaments-directors, nuk:nato-science-and-technology-organization . "
     "nuk:conference-of-national-armaments-directors org:subOrganizationOf nuk:nato . "
     "nuk:nato-science-and-technology-organization org:subOrganizationOf nuk:nato"),
    ("building-capabilities", "the JWG is a forum for Ukraine's defence industry reform",
     "nuk:joint-working-group-on-defence-technical-cooperation nuo:area nuk:area-defence-industry-reform"),
    ("building-capabilities", "Ukraine joined the Air Situation Data Exchange programme in July 2006",
     "nuk:ukraine-in-air-situation-data-exchange a nuo:Participation ; nuo:participant nuk:ukraine ; "
     'nuo:participatesIn nuk:air-situation-data-exchange ; nuo:startDate "2006-07"^^xsd:gYearMonth'),
    ("building-capabilities", "ASDE reduces the risk of potential cross-border incidents",
     "nuk:air-situation-data-exchange nuo:objective nuk:objective-reducing-cross-border-incident-risk"),
    ("building-capabilities", "ASDE optimises responses to terrorist attacks using civil airplanes",
     "nuk:air-situation-data-exchange nuo:objective nuk:objective-responding-to-terrorist-use-of-civil-aircraft"),
    ("building-capabilities", "following the crisis, air data provided by NATO was extended to a larger area",
     "nuk:air-situation-data-coverage-extension nuo:partOf nuk:air-situation-data-exchange ; nuo:provider nuk:nato ; "
     "nuo:respondsTo nuk:russia-ukraine-conflict"),
    ("building-capabilities", "Ukraine takes part in activities under the Military Committee with Ukraine Work Plan",
     "nuk:ukraine-in-military-committee-work-plan a nuo:Participation ; nuo:participant nuk:ukraine ; "
     "nuo:participatesIn nuk:military-committee-with-ukraine-work-plan . "
     "nuk:military-committee-with-ukraine-work-plan a nuo:ActionPlan ; nuo:overseenBy nuk:military-committee"),
    ("building-capabilities", "the Work Plan improves interoperability and operational capabilities of Ukraine's armed forces",
     "nuk:military-committee-with-ukraine-work-plan "
     "nuo:objective nuk:objective-armed-forces-interoperability-and-operational-capabilities ; "
     "nuo:beneficiary nuk:armed-forces-of-ukraine"),
    ("building-capabilities", "the Work Plan also contributes substantially to security and defence reforms",
     "nuk:military-committee-with-ukraine-work-plan nuo:area nuk:area-defence-and-security-sector-reform"),
    ("building-capabilities", "Ukraine actively participates in the Operational Capabilities Concept Evaluation and Feedback Programme",
     "nuk:ukraine-in-operational-capabilities-concept-evaluation-and-feedback-programme a nuo:Participation ; "
     "nuo:participant nuk:ukraine ; "
     "nuo:participatesIn nuk:operational-capabilities-concept-evaluation-and-feedback-programme"),
    ("building-capabilities", "the programme supports further development of the armed forces",
     "nuk:operational-capabilities-concept-evaluation-and-feedback-programme nuo:objective nuk:objective-armed-forces-development"),
    ("building-capabilities", "the programme enables tailored force packages for NATO-led operations and missions",
     "nuk:operational-capabilities-concept-evaluation-and-feedback-programme nuo:objective nuk:objective-tailored-force-packages"),

    # --- Building capabilities: legal framework, EOP status, NRF ----------------------------------
    ("building-capabilities", "a legal framework of three agreements lets NATO and Ukraine develop operational cooperation",
     each(("nuk:pfp-status-of-forces-agreement", "nuk:host-nation-support-agreement", "nuk:strategic-airlift-agreement"),
          "{s} a nuo:Agreement ; nuo:inFramework nuk:legal-framework-for-operational-cooperation . "
          "nuk:legal-framework-for-operational-cooperation nuo:objective nuk:objective-operational-cooperation . "
          "FILTER NOT EXISTS {{ {s} nuo:party nuk:nato }}")),
    ("building-capabilities", "the PfP Status of Forces Agreement entered into force in May 2000",
     'nuk:pfp-status-of-forces-agreement nuo:entryIntoForceDate "2000-05"^^xsd:gYearMonth'),
    ("building-capabilities", "the Host Nation Support Agreement was ratified in March 2004",
     'nuk:host-nation-support-agreement nuo:ratificationDate "2004-03"^^xsd:gYearMonth'),
    ("building-capabilities", "the Strategic Airlift Agreement was ratified in October 2006",
     'nuk:strategic-airlift-agreement nuo:ratificationDate "2006-10"^^xsd:gYearMonth'),
    ("building-capabilities", "in June 2020 Ukraine became an Enhanced Opportunity Partner (EOP)",
     "nuk:ukraine-enhanced-opportunity-partner a nuo:StatusAssignment ; nuo:statusHolder nuk:ukraine ; "
     'nuo:partnerStatus nuk:enhanced-opportunity-partner ; nuo:startDate "2020-06"^^xsd:gYearMonth . '
     'nuk:enhanced-opportunity-partner a nuo:PartnerStatus ; skos:altLabel "EOP"@en'),
    ("building-capabilities", "EOP status is offered to Partnership Interoperability Initiative participants with "
                              "significant contributions",
     "nuk:enhanced-opportunity-partner nuo:offeredUnder nuk:partnership-interoperability-initiative ; "
     'dcterms:description ?d . FILTER(CONTAINS(STR(?d), "significant")) . '
     "nuk:partnership-interoperability-initiative a nuo:Initiative"),
    ("building-capabilities", "EOP status gives preferential access to NATO's interoperability toolbox",
     "nuk:enhanced-opportunity-partner nuo:grantsAccessTo nuk:interoperability-toolbox"),
    ("building-capabilities", "the toolbox includes exercises, training, exchange of information and situational awareness",
     "nuk:interoperability-toolbox nuo:area nuk:area-exercises, nuk:area-training, nuk:area-exchange-of-information, "
     "nuk:area-situational-awareness"),
    ("building-capabilities", "the other EOPs are Australia, Finland, Georgia, Jordan and Sweden (no dates given)",
     each(OTHER_EOPS, "nuk:{s}-enhanced-opportunity-partner a nuo:StatusAssignment ; nuo:statusHolder nuk:{s} ; "
                      "nuo:partnerStatus nuk:enhanced-opportunity-partner")
     + " . FILTER NOT EXISTS { VALUES ?a { " + " ".join(f"nuk:{s}-enhanced-opportunity-partner" for s in OTHER_EOPS)
     + " } ?a dcterms:date ?d }"),
    ("building-capabilities", "there are six EOPs in all: Ukraine and the five others",
     "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a nuo:partnerStatus nuk:enhanced-opportunity-partner ; "
     "nuo:statusHolder ?c } HAVING (COUNT(DISTINCT ?c) = 6)"),
    ("building-capabilities", "Ukraine builds capacity and interoperability through the NATO Response Force",
     "nuk:ukraine-in-nato-response-force a nuo:Participation ; nuo:participant nuk:ukraine ; "
     "nuo:participatesIn nuk:nato-response-force ; nuo:area nuk:area-interoperability"),

    # --- Wider cooperation ---------------------------------------------------------------------------
    ("wider-cooperation", "the NATO-Ukraine Platform on Countering Hybrid Warfare was set up at the Warsaw Summit, July 2016",
     "nuk:nato-ukraine-platform-on-countering-hybrid-warfare a nuo:Platform ; nuo:establishedAt nuk:warsaw-summit-2016 ; "
     'nuo:establishmentDate "2016-07"^^xsd:gYearMonth . nuk:warsaw-summit-2016 nuo:date "2016-07"^^xsd:gYearMonth ; '
     "nuo:location nuk:warsaw"),
    ("wider-cooperation", "the platform was set up against the background of Russia's aggressive actions",
     "nuk:nato-ukraine-platform-on-countering-hybrid-warfare nuo:respondsTo nuk:russia-ukraine-conflict"),
    ("wider-cooperation", "the platform helps identify hybrid threats",
     "nuk:nato-ukraine-platform-on-countering-hybrid-warfare nuo:objective nuk:objective-identifying-hybrid-threats ; "
     "nuo:area nuk:area-hybrid-threats"),
    ("wider-cooperation", "the platform builds capacity to identify vulnerabilities and strengthen resilience",
     "nuk:nato-ukraine-platform-on-countering-hybrid-warfare nuo:objective nuk:objective-vulnerabilities-and-resilience"),
    ("wider-cooperation", "research, training and expert consultation projects are ongoing",
     "nuk:hybrid-warfare-platform-projects nuo:partOf nuk:nato-ukraine-platform-on-countering-hybrid-warfare ; "
     "nuo:status nuk:status-ongoing ; nuo:activityKind nuk:kind-research, nuk:kind-training, nuk:kind-expert-consultation"),
    ("wider-cooperation", "the projects focus on lessons learned, countering disinformation and enhancing resilience",
     "nuk:hybrid-warfare-platform-projects nuo:area nuk:area-lessons-learned, nuk:area-countering-disinformation, "
     "nuk:area-resilience"),
    ("wider-cooperation", "since 2014 experts advise on contingency plans and crisis management (energy, civil protection)",
     'nuk:contingency-planning-advice nuo:startDate "2014"^^xsd:gYear ; nuo:respondsTo nuk:russia-ukraine-conflict ; '
     "nuo:area nuk:area-contingency-planning, nuk:area-crisis-management, nuk:area-critical-energy-infrastructure, "
     "nuk:area-civil-protection . nuk:russia-ukraine-conflict nuo:location nuk:crimea, nuk:eastern-ukraine"),
    ("wider-cooperation", "today cooperation focuses on civil preparedness and resilience against hybrid threats",
     "nuk:civil-preparedness-cooperation nuo:status nuk:status-ongoing ; "
     "nuo:area nuk:area-civil-preparedness, nuk:area-resilience, nuk:area-hybrid-threats"),
    ("wider-cooperation", "in 2019 a Resilience Advisory Support Team drew up recommendations on national resilience",
     'nuk:rast-recommendations-2019 a nuo:Assessment ; nuo:date "2019"^^xsd:gYear ; '
     "nuo:agent nuk:resilience-advisory-support-team ; nuo:addressedTo nuk:ukraine ; nuo:area nuk:area-resilience . "
     'nuk:resilience-advisory-support-team skos:altLabel "RAST"@en'),
    ("wider-cooperation", "a Joint Working Group on Civil Emergency Planning oversees this cooperation",
     "nuk:civil-preparedness-cooperation nuo:overseenBy nuk:joint-working-group-on-civil-emergency-planning . "
     "nuk:joint-working-group-on-civil-emergency-planning a nuo:WorkingGroup ; nuo:oversees nuk:civil-preparedness-cooperation"),
    ("wider-cooperation", "Ukraine regularly participates in EADRCC activities",
     "nuk:ukraine-in-euro-atlantic-disaster-response-activities a nuo:Participation ; nuo:participant nuk:ukraine ; "
     "nuo:participatesIn nuk:euro-atlantic-disaster-response-coordination-centre"),
    ("wider-cooperation", "Ukraine has itself hosted multiple disaster-response exercises",
     "nuk:disaster-response-exercises-in-ukraine nuo:provider nuk:ukraine ; nuo:location nuk:ukraine ; "
     "nuo:area nuk:area-disaster-response"),
    ("wider-cooperation", "Ukraine has been engaged in NATO's Science for Peace and Security Programme since 1991",
     "nuk:ukraine-in-science-for-peace-and-security a nuo:Participation ; nuo:participant nuk:ukraine ; "
     'nuo:participatesIn nuk:science-for-peace-and-security-programme ; nuo:startDate "1991"^^xsd:gYear . '
     'nuk:science-for-peace-and-security-programme skos:altLabel "SPS"@en ; nuo:provider nuk:nato'),
    ("wider-cooperation", "a JWG on Scientific and Environmental Cooperation helps identify SPS priority areas",
     "nuk:joint-working-group-on-scientific-and-environmental-cooperation a nuo:WorkingGroup ; "
     "nuo:supports nuk:science-for-peace-and-security-programme"),
    ("wider-cooperation", "since 2014, in response to the crisis, security-related civil science cooperation was strengthened",
     'nuk:sps-cooperation-strengthening-2014 nuo:date "2014"^^xsd:gYear ; nuo:respondsTo nuk:russia-ukraine-conflict ; '
     "nuo:concerns nuk:science-for-peace-and-security-programme ; "
     "nuo:area nuk:area-security-related-civil-science-and-technology"),
    ("wider-cooperation", "Ukraine has become the largest beneficiary of the SPS Programme",
     "nuk:science-for-peace-and-security-programme nuo:largestBeneficiary nuk:ukraine"),
    ("wider-cooperation", "leading SPS areas: advanced technology, counter-terrorism, CBRN defence, energy and environmental security",
     "nuk:ukraine-in-science-for-peace-and-security nuo:area nuk:area-advanced-technology, nuk:area-counter-terrorism, "
     'nuk:area-cbrn-defence, nuk:area-energy-and-environmental-security . nuk:area-cbrn-defence skos:altLabel "CBRN defence"@en'),
    ("wider-cooperation", "Ukraine participates in the DEXTER Programme, part of the SPS framework",
     "nuk:ukraine-in-dexter a nuo:Participation ; nuo:participant nuk:ukraine ; nuo:participatesIn nuk:dexter . "
     "nuk:dexter nuo:partOf nuk:science-for-peace-and-security-programme"),
    ("wider-cooperation", "DEXTER develops an integrated system to detect explosives and firearms in public spaces",
     "nuk:dexter nuo:objective nuk:objective-detecting-explosives-and-firearms"),
    ("wider-cooperation", "NATO supports Ukraine in implementing UNSCR 1325 on Women, Peace and Security",
     "nuk:women-peace-and-security-support nuo:provider nuk:nato ; nuo:beneficiary nuk:ukraine ; "
     "nuo:focus nuk:un-security-council-resolution-1325 ; nuo:area nuk:area-women-peace-and-security"),
    ("wider-cooperation", "Resolution 1325 is a UN Security Council resolution",
     "nuk:un-security-council-resolution-1325 a nuo:Resolution ; nuo:approvedBy nuk:united-nations-security-council . "
     "nuk:united-nations-security-council org:subOrganizationOf nuk:united-nations"),
    ("wider-cooperation", "the NATO Liaison Office leads NATO's advisory support for security and defence sector reform",
     "nuk:advisory-support-for-security-and-defence-reform nuo:ledBy nuk:nato-liaison-office ; "
     "nuo:beneficiary nuk:ukraine ; nuo:area nuk:area-defence-and-security-sector-reform"),
    ("wider-cooperation", "the NIDC in Kyiv supports national authorities and NGOs informing the public about NATO",
     "nuk:nato-information-and-documentation-centre nuo:location nuk:kyiv ; nuo:supports nuk:public-information-about-nato . "
     "nuk:public-information-about-nato nuo:provider nuk:ukraine, nuk:non-governmental-organisations-in-ukraine ; "
     "nuo:objective nuk:objective-explaining-nato-ukraine-relationship"),
    ("wider-cooperation", "NATO gives advisory and funding support in public diplomacy, media relations and strategic communications",
     "nuk:public-diplomacy-capacity-building nuo:provider nuk:nato ; nuo:beneficiary nuk:ukraine ; "
     "nuo:area nuk:area-public-diplomacy, nuk:area-media-relations, nuk:area-strategic-communications ; "
     'dcterms:description ?d . FILTER(CONTAINS(LCASE(STR(?d)), "advice") && CONTAINS(LCASE(STR(?d)), "funding"))'),

    # --- Support for NATO-led operations ------------------------------------------------------------
    ("support-for-operations", "Ukraine supported the peace-support operations in Bosnia and Herzegovina",
     "nuk:ukraine-in-bosnia-and-herzegovina-operations a nuo:Contribution ; nuo:contributor nuk:ukraine ; "
     "nuo:contributesTo nuk:peace-support-operations-in-bosnia-and-herzegovina . "
     "nuk:peace-support-operations-in-bosnia-and-herzegovina a nuo:PeaceSupportOperation ; "
     "nuo:location nuk:bosnia-and-herzegovina"),
    ("support-for-operations", "Ukraine continues to contribute to the Kosovo Force (KFOR)",
     "nuk:ukraine-in-kosovo-force a nuo:Contribution ; nuo:contributor nuk:ukraine ; nuo:contributesTo nuk:kosovo-force ; "
     'nuo:status nuk:status-ongoing . nuk:kosovo-force skos:altLabel "KFOR"@en ; nuo:location nuk:kosovo'),
    ("support-for-operations", "including with a heavy engineering unit with C-IED capabilities",
     "nuk:ukraine-in-kosovo-force nuo:contributionKind nuk:kind-heavy-engineering-unit ; "
     "nuo:area nuk:area-countering-improvised-explosive-devices"),
    ("support-for-operations", "ISAF, the International Security Assistance Force, in Afghanistan",
     'nuk:international-security-assistance-force a nuo:Operation ; skos:altLabel "ISAF"@en ; nuo:location nuk:afghanistan'),
    ("support-for-operations", "for ISAF Ukraine allowed over-flight clearance and the transit of supplies",
     "nuk:ukraine-in-isaf-over-flight-and-transit nuo:contributor nuk:ukraine ; "
     "nuo:contributesTo nuk:international-security-assistance-force ; "
     "nuo:contributionKind nuk:kind-over-flight-clearance, nuk:kind-transit-of-supplies"),
    ("support-for-operations", "for ISAF Ukraine contributed medical personnel to support the Provincial Reconstruction Teams",
     "nuk:ukraine-in-isaf-medical-personnel nuo:contributor nuk:ukraine ; "
     "nuo:contributesTo nuk:international-security-assistance-force ; nuo:contributionKind nuk:kind-medical-personnel ; "
     "nuo:supports|nuo:beneficiary nuk:provincial-reconstruction-teams . "
     "nuk:provincial-reconstruction-teams nuo:partOf nuk:international-security-assistance-force ; nuo:location nuk:afghanistan"),
    ("support-for-operations", "for ISAF Ukraine contributed instructors to the NATO Training Mission in Afghanistan",
     "nuk:ukraine-in-nato-training-mission-in-afghanistan nuo:contributor nuk:ukraine ; "
     "nuo:contributesTo nuk:nato-training-mission-in-afghanistan ; nuo:contributionKind nuk:kind-instructors . "
     "nuk:nato-training-mission-in-afghanistan a nuo:TrainingMission"),
    ("support-for-operations", "the instructors for the NATO Training Mission in Afghanistan were in support of ISAF",
     "{ nuk:nato-training-mission-in-afghanistan nuo:partOf nuk:international-security-assistance-force } UNION "
     "{ nuk:ukraine-in-nato-training-mission-in-afghanistan nuo:supports|nuo:contributesTo "
     "nuk:international-security-assistance-force }"),
    ("support-for-operations", "ISAF's mission ended in 2014",
     'nuk:international-security-assistance-force nuo:endDate "2014"^^xsd:gYear ; nuo:status nuk:status-terminated'),
    ("support-for-operations", "the follow-on Resolute Support Mission ran 2015-2021",
     "nuk:resolute-support-mission nuo:followOnTo nuk:international-security-assistance-force ; "
     'nuo:startDate "2015"^^xsd:gYear ; nuo:endDate "2021"^^xsd:gYear'),
    ("support-for-operations", "Resolute Support trained, advised and assisted Afghan security forces",
     "nuk:resolute-support-mission nuo:beneficiary nuk:afghan-security-forces ; "
     "nuo:objective nuk:objective-train-advise-assist-afghan-forces"),
    ("support-for-operations", "Ukraine supported the Resolute Support Mission",
     "nuk:ukraine-in-resolute-support-mission a nuo:Contribution ; nuo:contributor nuk:ukraine ; "
     "nuo:contributesTo nuk:resolute-support-mission"),
    ("support-for-operations", "from March 2005 Ukraine contributed officers to the NATO Training Mission in Iraq",
     "nuk:ukraine-in-nato-training-mission-in-iraq nuo:contributor nuk:ukraine ; "
     'nuo:contributesTo nuk:nato-training-mission-in-iraq ; nuo:startDate "2005-03"^^xsd:gYearMonth ; '
     "nuo:contributionKind nuk:kind-officers"),
    ("support-for-operations", "the NATO Training Mission in Iraq terminated in December 2011",
     'nuk:nato-training-mission-in-iraq a nuo:TrainingMission ; nuo:endDate "2011-12"^^xsd:gYearMonth ; '
     "nuo:status nuk:status-terminated ; nuo:location nuk:iraq"),
    ("support-for-operations", "Ukraine deployed ships six times between 2007 and 2010 in support of Active Endeavour",
     "nuk:ukraine-in-active-endeavour nuo:contributor nuk:ukraine ; nuo:contributesTo nuk:active-endeavour ; "
     'nuo:contributionKind nuk:kind-ships ; nuo:startDate "2007"^^xsd:gYear ; nuo:endDate "2010"^^xsd:gYear ; '
     "nuo:deploymentCount ?n . FILTER(?n = 6 && DATATYPE(?n) = xsd:integer)"),
    ("support-for-operations", "Active Endeavour: a counter-terrorist maritime surveillance operation in the Mediterranean",
     "nuk:active-endeavour a nuo:MaritimeOperation ; nuo:location nuk:mediterranean-sea ; "
     "nuo:area nuk:area-counter-terrorism, nuk:area-maritime-surveillance"),
    ("support-for-operations", "in 2013 Ukraine contributed to NATO's counter-piracy operation Ocean Shield",
     "nuk:ukraine-in-ocean-shield nuo:contributor nuk:ukraine ; nuo:contributesTo nuk:ocean-shield ; "
     'nuo:date "2013"^^xsd:gYear . nuk:ocean-shield a nuo:MaritimeOperation ; nuo:area nuk:area-counter-piracy'),
    ("support-for-operations", "maritime operation Sea Guardian was launched in 2016",
     'nuk:sea-guardian a nuo:MaritimeOperation ; nuo:launchDate "2016"^^xsd:gYear'),
    ("support-for-operations", "since 2016 Ukraine has provided information for maritime situational awareness around the Black Sea",
     "nuk:ukraine-in-sea-guardian nuo:contributor nuk:ukraine ; nuo:contributesTo nuk:sea-guardian ; "
     'nuo:contributionKind nuk:kind-information ; nuo:startDate "2016"^^xsd:gYear ; nuo:location nuk:black-sea ; '
     "nuo:area nuk:area-maritime-situational-awareness"),
    ("support-for-operations", "all these operations and missions are NATO-led",
     each(NATO_LED, "{s} a nuo:Operation ; nuo:ledBy nuk:nato")),
]


@pytest.mark.parametrize("section,fact,pattern", FACTS, ids=[f"{s}: {f}" for s, f, _ in FACTS])
def test_fact_is_in_the_graph(holds, section, fact, pattern):
    assert holds(pattern), f"[{section}] missing: {fact}"


def test_checklist_covers_every_key_areas_subsection():
    assert {s for s, _, _ in FACTS} == {"key-areas", "building-capabilities", "wider-cooperation", "support-for-operations"}
