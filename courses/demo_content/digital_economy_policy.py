"""Digital-economy policy: a cohort course on eWTP, pilot zones, data and consumer protection."""

COURSE = {
    "slug": "digital-economy-policy",
    "title": "Digital-economy policy: eWTP, pilot zones and consumer trust",
    "summary": (
        "A cohort course for officials: how the eWTP model works, what cross-border e-commerce "
        "pilot zones combine, how Rwanda's data protection law applies to online trade, how to "
        "protect consumers online and how to measure results."
    ),
    "audiences": ["policymakers"],
    "topics": ["policy", "data-protection", "consumer-protection"],
    "level": "intermediate",
    "format": "cohort",
    "estimated_hours": 12,
    "outcomes": [
        "By the end you can explain the eWTP model and Rwanda's partnership since 2018, and "
        "what government must do for it to deliver.",
        "By the end you can describe how a cross-border e-commerce pilot zone joins customs, "
        "logistics, payments and data, and judge which lessons from China transfer to Rwanda.",
        "By the end you can apply the principles of Rwanda's 2021 personal data protection law "
        "to e-commerce, including registration with NCSA and cross-border transfers.",
        "By the end you can set out the core of online consumer protection: disclosure, "
        "returns, dispute resolution, fraud prevention and fair competition.",
        "By the end you can build an indicator framework with baselines, sources and "
        "disaggregation for a digital-trade programme.",
    ],
    "prerequisites": [],
    "issues_certificate": True,
    "qualifies_for_storefront": False,
    "enrolment_open": True,
    "modules": [
        {
            "slug": "ewtp-pilot-zones",
            "title": "The eWTP model and pilot zones",
            "summary": (
                "What the electronic World Trade Platform is, what Rwanda's 2018 partnership "
                "covers, and how pilot zones test e-commerce trade rules."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "ewtp-model",
                    "title": "The eWTP model and Rwanda's partnership",
                    "summary": (
                        "A private-sector-led platform for public-private dialogue: eHubs, "
                        "digital trade facilitation and the roles government keeps."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": True,
                    "body": [
                        (
                            "heading",
                            {
                                "text": "A private-sector-led platform for dialogue",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>The <b>electronic World Trade Platform (eWTP)</b> was proposed "
                            "by Alibaba in 2016 and put forward through the business forum of "
                            "the G20. It is <b>not a treaty or a trade agreement</b>, and it "
                            "creates no binding rules. It is a private-sector-led, "
                            "multi-stakeholder initiative: companies, governments and "
                            "international organisations work together to lower the barriers "
                            "small businesses, young people and women face when they sell "
                            "across borders online.</p><p>The method is practical: test new "
                            "ways of doing cross-border e-commerce in partner countries, "
                            "learn from the results, and feed them into <b>public-private "
                            "dialogue</b> on how trade rules should adapt. The main vehicle is "
                            "the <b>eHub</b>, a national cooperation point that brings together "
                            "marketplace access, logistics, payments, trade facilitation and "
                            "training.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "eWTP building blocks and the role of government",
                                "columns": ["Building block", "In practice", "Government role"],
                                "rows": [
                                    [
                                        "eHub",
                                        "A national point linking marketplaces, logistics, "
                                        "payments and trade services",
                                        "Host it, name a lead agency, coordinate ministries",
                                    ],
                                    [
                                        "Digital trade facilitation",
                                        "Electronic declarations, risk-based clearance of "
                                        "small parcels, single window",
                                        "Customs (RRA) and the ReSW adapt procedures",
                                    ],
                                    [
                                        "Market access",
                                        "SMEs selling coffee, tea and crafts on cross-border "
                                        "marketplaces",
                                        "Export promotion (RDB, NAEB), standards (RSB)",
                                    ],
                                    [
                                        "Tourism promotion",
                                        "Destination marketing on travel platforms",
                                        "RDB tourism and the Visit Rwanda brand",
                                    ],
                                    [
                                        "Capacity building",
                                        "Training for entrepreneurs and officials",
                                        "Select participants, scale what works",
                                    ],
                                ],
                            },
                        ),
                        ("heading", {"text": "Rwanda's partnership since 2018", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>In October 2018 Rwanda became the first African country to "
                            "join the eWTP, at a launch in Kigali. The agreements, led on the "
                            "Rwandan side by RDB, covered four areas: helping Rwandan SMEs sell "
                            "products such as coffee and handicrafts to Chinese consumers "
                            "through Alibaba's marketplaces; promoting Rwanda as a tourist "
                            "destination on Alibaba's travel platform; electronic payments; "
                            "and training for entrepreneurs and officials. The partnership "
                            "was later renewed. For current commitments and results, ask RDB "
                            "rather than relying on press figures.</p>",
                        ),
                        (
                            "quote",
                            {
                                "quote": "Rwandan producers will be able to sell directly to a "
                                "much larger set of customers than before, while bypassing "
                                "costly intermediaries.",
                                "attribution": "President Paul Kagame at the eWTP launch in "
                                "Kigali, October 2018, as reported in the press",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "A partnership is not a policy",
                                "body": "<p>An eWTP agreement opens doors, but exporters still "
                                "depend on national systems: customs procedures, standards and "
                                "certificates, payment rules, data protection and consumer "
                                "law. Two further cautions for officials:</p><ul><li><b>Stay "
                                "platform-neutral.</b> Public programmes should help SMEs sell "
                                "on any suitable marketplace, not lock them into one.</li>"
                                "<li><b>Own the data.</b> Agree in advance what data partners "
                                "will share so government can measure results.</li></ul>",
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Cohort discussion: advising a neighbour",
                                "context": "<p>A delegation from another EAC partner state "
                                "visits Kigali. Its trade ministry wants to set up an eHub and "
                                "asks what Rwanda learned. Its customs authority still "
                                "processes small parcels on paper, and its central bank has "
                                "not yet licensed cross-border payment services for "
                                "merchants.</p><p>The delegation asks for a one-page plan for "
                                "the first year.</p>",
                                "reflection_question": "Which three agencies would you bring "
                                "to the first meeting, and what single decision would you ask "
                                "each of them to take in the first six months?",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "eWTP is a private-sector-led platform for public-private "
                                    "dialogue, not a treaty.",
                                    "eHubs bring together market access, logistics, payments, "
                                    "trade facilitation and training.",
                                    "Rwanda joined in 2018, the first African country to do so, "
                                    "with RDB as lead agency.",
                                    "Government remains responsible for customs, standards, "
                                    "payments, data and consumer rules.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "pilot-zones",
                    "title": "Cross-border e-commerce pilot zones",
                    "summary": (
                        "What a pilot zone combines, what China's comprehensive pilot zones "
                        "tried, and which lessons fit Rwanda's scale."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "What a pilot zone is", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A <b>cross-border e-commerce pilot zone</b> is a defined area - "
                            "a city, a special economic zone or a programme with named "
                            "participants - where government tests new rules for online trade "
                            "before applying them nationally. It joins four flows that normal "
                            "procedures treat separately:</p><ul><li><b>Customs</b> - "
                            "simplified, risk-based clearance for many small parcels.</li>"
                            "<li><b>Logistics</b> - consolidation, bonded warehouses, tracking."
                            "</li><li><b>Payments</b> - settlement of foreign-currency sales "
                            "and proof of export receipts.</li><li><b>Data</b> - one platform "
                            "where order, payment and shipping data meet, for clearance, "
                            "statistics and tax.</li></ul>",
                        ),
                        (
                            "heading",
                            {
                                "text": "Lessons from China's comprehensive pilot zones",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>China's State Council approved the first comprehensive "
                            "cross-border e-commerce pilot zone in Hangzhou in 2015, then "
                            "extended the model to many more cities in successive batches. "
                            "Hangzhou's design is often summarised as '<b>six systems and two "
                            "platforms</b>': systems for information sharing, financial "
                            "services, smart logistics, e-commerce credit, statistical "
                            "monitoring and risk control, plus an online single-window "
                            "platform and offline industrial parks. Customs created dedicated "
                            "procedures for e-commerce, checking the order, payment and "
                            "logistics records against each other instead of inspecting every "
                            "parcel.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Examples of China's dedicated customs procedures "
                                "for e-commerce (general description - check current rules "
                                "with Chinese customs before relying on detail)",
                                "columns": ["Procedure code", "Model", "What it enables"],
                                "rows": [
                                    [
                                        "9610",
                                        "Direct B2C parcels",
                                        "Clearance of many small retail parcels on electronic data",
                                    ],
                                    [
                                        "1210",
                                        "Bonded e-commerce",
                                        "Goods stored in a bonded warehouse, cleared when "
                                        "each consumer order arrives",
                                    ],
                                    [
                                        "9710",
                                        "B2B direct export",
                                        "Business sales made on a platform, shipped to a "
                                        "foreign buyer",
                                    ],
                                    [
                                        "9810",
                                        "Export to overseas warehouse",
                                        "Goods sent in bulk to a warehouse near buyers abroad",
                                    ],
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "How a pilot zone joins the flows",
                                    "steps": [
                                        "Order data from platform",
                                        "Payment data from PSP",
                                        "Logistics data from carrier",
                                        "Single window matches data",
                                        "Risk-based clearance",
                                        "Statistics and VAT refunds",
                                    ],
                                },
                                "alt": "Order, payment and logistics data flow into a single "
                                "window, which supports risk-based clearance, statistics and "
                                "tax refunds.",
                                "caption": "The core idea: trusted data from three sources "
                                "replaces paper checks on each parcel.",
                            },
                        ),
                        (
                            "paragraph",
                            "<p><b>What transfers to Rwanda.</b> The general lessons are "
                            "useful: start narrow with named participants, let data from "
                            "platforms, payment providers and carriers replace paper, measure "
                            "from day one, and scale only what works. Rwanda already has "
                            "building blocks in RRA's electronic customs systems and the "
                            "Rwanda Electronic Single Window (ReSW).</p><p><b>What does not "
                            "transfer directly.</b> China's zones serve huge manufacturing "
                            "volumes. Rwanda's exporters ship smaller volumes of coffee, tea, "
                            "crafts and processed foods, often by air, and need help with "
                            "certificates from NAEB and RSB as much as with clearance speed. "
                            "A Rwandan pilot should be sized for that reality, and designed "
                            "with EAC, COMESA and AfCFTA commitments in mind.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Questions to scope a Rwandan pilot",
                                "items": [
                                    "Which products and destination markets come first?",
                                    "Which agencies sign the data-sharing agreement?",
                                    "Which data fields do platforms, payment providers and "
                                    "carriers send, and in what format?",
                                    "What is the low-value parcel procedure, and who approves "
                                    "changes to it?",
                                    "How are e-commerce exports counted in trade statistics?",
                                    "What is the baseline, and when is the first review?",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "A pilot zone tests joined-up rules for customs, logistics, "
                                    "payments and data before national roll-out.",
                                    "China began in Hangzhou in 2015 with 'six systems and two "
                                    "platforms' and dedicated customs procedures.",
                                    "Matching order, payment and logistics data replaces paper "
                                    "checks on each parcel.",
                                    "Size a Rwandan pilot for Rwanda's products, volumes and "
                                    "regional commitments.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "quiz-ewtp-zones",
                    "title": "Check: eWTP and pilot zones",
                    "intro": (
                        "Seven questions on the eWTP model, Rwanda's partnership and pilot "
                        "zones. Answers are shown once you pass."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 0,
                    "time_limit_minutes": None,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_passing",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which description of the eWTP is accurate?",
                                "options": [
                                    {
                                        "text": "A private-sector-led, multi-stakeholder "
                                        "platform for public-private dialogue",
                                        "is_correct": True,
                                        "feedback": "Correct - it works through pilots and "
                                        "dialogue, not binding rules.",
                                    },
                                    {
                                        "text": "A WTO agreement with binding commitments",
                                        "is_correct": False,
                                        "feedback": "eWTP is not a WTO agreement and creates "
                                        "no binding obligations.",
                                    },
                                    {
                                        "text": "A regional customs union",
                                        "is_correct": False,
                                        "feedback": "Customs unions, like the EAC's, are set "
                                        "up by treaty between states.",
                                    },
                                    {
                                        "text": "A government-owned marketplace",
                                        "is_correct": False,
                                        "feedback": "eWTP is an initiative, not a marketplace "
                                        "owned by any government.",
                                    },
                                ],
                                "explanation": "eWTP was proposed by the private sector in "
                                "2016 as a platform for dialogue and practical pilots.",
                                "tags": "ewtp",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "Rwanda was the first African country to join "
                                "the eWTP, in 2018.",
                                "correct_answer": "true",
                                "explanation": "Rwanda's eWTP partnership was launched in "
                                "Kigali in October 2018, the first in Africa.",
                                "tags": "ewtp",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What is the name for the national cooperation "
                                "point through which the eWTP brings together market access, "
                                "logistics, payments and training?",
                                "accepted_answers": ["eHub", "e-hub", "e hub", "electronic hub"],
                                "explanation": "eHubs are the eWTP's national vehicles for "
                                "joined-up services to SMEs.",
                                "tags": "ewtp",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which of these are among the 'six systems' of "
                                "China's Hangzhou pilot zone model?",
                                "options": [
                                    {
                                        "text": "Information sharing",
                                        "is_correct": True,
                                        "feedback": "Yes - agencies share data through one "
                                        "platform.",
                                    },
                                    {
                                        "text": "Statistical monitoring",
                                        "is_correct": True,
                                        "feedback": "Yes - counting e-commerce trade was a "
                                        "core aim.",
                                    },
                                    {
                                        "text": "Risk control",
                                        "is_correct": True,
                                        "feedback": "Yes - risk control lets most parcels "
                                        "pass without inspection.",
                                    },
                                    {
                                        "text": "Fixed import quotas per platform",
                                        "is_correct": False,
                                        "feedback": "Quotas were not part of the model, which "
                                        "focused on facilitation.",
                                    },
                                ],
                                "explanation": "The six systems are information sharing, "
                                "financial services, smart logistics, e-commerce credit, "
                                "statistical monitoring and risk control.",
                                "tags": "pilot-zones",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "In which year did China approve its first "
                                "comprehensive cross-border e-commerce pilot zone, in "
                                "Hangzhou?",
                                "answer": 2015.0,
                                "tolerance": 0.0,
                                "unit": "year",
                                "explanation": "Hangzhou's zone was approved in 2015 and the "
                                "model was then extended to other cities in batches.",
                                "tags": "pilot-zones",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the flow of a pilot-zone parcel clearance in order.",
                                "items": [
                                    "Platform, payment provider and carrier send their data",
                                    "The single window matches the three records",
                                    "Risk engine clears or selects the parcel for inspection",
                                    "Parcel ships and is counted in trade statistics",
                                ],
                                "explanation": "Data arrives first, is matched, drives a risk "
                                "decision, and the cleared trade is then recorded.",
                                "tags": "pilot-zones",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Which lesson from China's pilot zones transfers "
                                "best to Rwanda?",
                                "options": [
                                    {
                                        "text": "Start narrow, use matched electronic data "
                                        "and measure from day one",
                                        "is_correct": True,
                                        "feedback": "Yes - this method works at any scale.",
                                    },
                                    {
                                        "text": "Build large industrial parks before any "
                                        "sellers are ready",
                                        "is_correct": False,
                                        "feedback": "Rwanda's volumes call for a pilot sized "
                                        "to its exporters, not big parks first.",
                                    },
                                    {
                                        "text": "Copy China's procedure codes unchanged",
                                        "is_correct": False,
                                        "feedback": "Procedures must fit Rwandan law, RRA "
                                        "systems and EAC commitments.",
                                    },
                                ],
                                "explanation": "The method transfers; the scale and legal "
                                "detail must be Rwandan.",
                                "tags": "pilot-zones",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "data-protection",
            "title": "Data protection in cross-border e-commerce",
            "summary": (
                "Rwanda's 2021 law on personal data and privacy: principles, roles, "
                "registration with NCSA and the conditions for sending data abroad."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "rwanda-data-law",
                    "title": "Rwanda's personal data protection law",
                    "summary": (
                        "The principles of Law No 058/2021, who is a controller or processor, "
                        "registration with NCSA and what an e-commerce business must do."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "The law in brief", "level": "h2"}),
                        (
                            "paragraph",
                            "<p><b>Law No 058/2021 of 13/10/2021 relating to the protection of "
                            "personal data and privacy</b> is Rwanda's main data protection "
                            "law. Its supervisory authority is the <b>National Cyber Security "
                            "Authority (NCSA)</b>. The law applies to organisations that are "
                            "established in Rwanda and also to those abroad that process the "
                            "personal data of people in Rwanda - which matters for foreign "
                            "marketplaces and payment providers serving Rwandan users.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Data protection principles applied to e-commerce",
                                "columns": ["Principle", "What it means for an online seller"],
                                "rows": [
                                    [
                                        "Lawfulness, fairness, transparency",
                                        "A clear privacy notice at checkout; a lawful basis "
                                        "such as consent or contract",
                                    ],
                                    [
                                        "Purpose limitation",
                                        "A delivery address is used to deliver, not sold for "
                                        "marketing",
                                    ],
                                    [
                                        "Data minimisation",
                                        "Ask only for what the order needs; no ID copy for a "
                                        "bag of coffee",
                                    ],
                                    [
                                        "Accuracy",
                                        "Let customers correct their details easily",
                                    ],
                                    [
                                        "Storage limitation",
                                        "Delete data when its purpose and legal retention "
                                        "period end",
                                    ],
                                    [
                                        "Security and confidentiality",
                                        "Strong passwords, access control, encrypted backups",
                                    ],
                                    [
                                        "Accountability",
                                        "Records of processing that show compliance on request",
                                    ],
                                ],
                            },
                        ),
                        (
                            "heading",
                            {"text": "Controllers, processors and registration", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>A <b>data controller</b> decides why and how personal data is "
                            "processed; a <b>data processor</b> processes it on the "
                            "controller's behalf. Both must <b>register with NCSA</b> and "
                            "receive a registration certificate. The application describes the "
                            "data and the people concerned, the purposes, the recipients, any "
                            "countries the data will go to, and the risks and protective "
                            "measures. The law also:</p><ul><li>requires many organisations to "
                            "appoint a <b>data protection officer</b>;</li><li>requires "
                            "controllers and processors abroad that process data of people in "
                            "Rwanda to name a <b>representative in Rwanda</b>;</li><li>gives "
                            "data subjects rights, including access, correction, erasure and "
                            "objection;</li><li>requires <b>breach notification</b> to NCSA "
                            "within a short fixed period, and to affected people when the risk "
                            "is high.</li></ul><p>Check the exact time limits, forms and any "
                            "fees with NCSA's current guidance.</p>",
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Who is who in one online order",
                                    "steps": [
                                        "Buyer: data subject",
                                        "Seller: controller",
                                        "Marketplace: controller",
                                        "Courier: processor",
                                        "NCSA: supervises",
                                    ],
                                },
                                "alt": "The roles in an online order: the buyer is the data "
                                "subject, seller and marketplace are controllers, the courier "
                                "is a processor and NCSA supervises.",
                                "caption": "Typical roles only - the real role depends on the "
                                "facts and the contracts.",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Make compliance cheap for small firms",
                                "body": "<p>Most e-commerce SMEs hold modest data: names, "
                                "phone numbers, addresses and order history. Agencies can "
                                "help them comply quickly with a model privacy notice, a "
                                "one-page record of processing and a plain-language "
                                "registration guide - produced with NCSA and channelled "
                                "through RDB and business associations.</p>",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Minimum compliance for an e-commerce SME",
                                "items": [
                                    "Registered with NCSA as a controller (and processor, if "
                                    "it processes for others).",
                                    "Privacy notice shown at checkout and on the store page.",
                                    "Record of what data is held, why, where and for how long.",
                                    "Written contracts with couriers, payment and cloud providers.",
                                    "A named person to answer data requests and report breaches.",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Law No 058/2021 applies inside Rwanda and to foreign "
                                    "firms processing data of people in Rwanda.",
                                    "NCSA is the supervisory authority; controllers and "
                                    "processors register with it.",
                                    "The principles translate into concrete checkout, storage "
                                    "and security practices.",
                                    "Practical templates make compliance affordable for SMEs.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "cross-border-data",
                    "title": "Cross-border data transfers in online trade",
                    "summary": (
                        "Why every export order moves personal data abroad, what the law asks "
                        "before transfers, and the policy choices for interoperability."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Every export order moves data", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>When a buyer in Hangzhou orders Rwandan coffee, personal data "
                            "crosses borders several times: the buyer's name and address go to "
                            "the seller and the courier; payment details go to the payment "
                            "provider; the marketplace may store everything on servers abroad; "
                            "and customs in the destination country receives a declaration. "
                            "In the other direction, Rwandan consumers' data leaves Rwanda "
                            "whenever they buy from a foreign site. Data rules are therefore "
                            "trade rules.</p>",
                        ),
                        ("heading", {"text": "What Rwanda's law asks", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>The law allows personal data to be shared or transferred "
                            "outside Rwanda only on listed grounds. These include "
                            "<b>authorisation from NCSA</b> after proof of appropriate "
                            "safeguards, the <b>data subject's consent</b>, and "
                            "<b>necessity</b> - for example to perform a contract with the "
                            "data subject, such as delivering the order they placed. Transfers "
                            "should be covered by a written contract that protects the data. "
                            "The law also treats <b>storing</b> personal data outside Rwanda "
                            "as something that needs NCSA's authorisation through the "
                            "registration process. Officials advising firms should point them "
                            "to NCSA's current guidance rather than summarise it from memory."
                            "</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Common e-commerce transfers and questions to ask",
                                "columns": [
                                    "Transfer",
                                    "Basis to consider",
                                    "Question for policymakers",
                                ],
                                "rows": [
                                    [
                                        "Buyer's address to a courier abroad",
                                        "Necessary to perform the buyer's contract",
                                        "Is guidance clear that routine delivery is covered?",
                                    ],
                                    [
                                        "Customer data on a foreign marketplace's cloud",
                                        "NCSA authorisation and contract safeguards",
                                        "Can SMEs rely on the platform's authorisation?",
                                    ],
                                    [
                                        "Marketing analytics by a foreign agency",
                                        "Consent or authorisation with safeguards",
                                        "Is consent truly free and specific?",
                                    ],
                                    [
                                        "Customs data shared with a partner country",
                                        "Performance of international instruments",
                                        "Does the agreement include data protection clauses?",
                                    ],
                                ],
                            },
                        ),
                        ("heading", {"text": "Policy choices for interoperability", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Rwanda's main partners have their own regimes: China's "
                            "Personal Information Protection Law, the EU's GDPR, and laws "
                            "across the EAC. Rwanda has ratified the African Union's Malabo "
                            "Convention on cyber security and personal data protection, and "
                            "AfCFTA members have negotiated a protocol on digital trade. "
                            "Options for making transfers both safe and predictable "
                            "include:</p><ul><li>standard contract clauses approved by NCSA;"
                            "</li><li>cooperation arrangements between supervisory authorities;"
                            "</li><li>sector guidance for e-commerce, logistics and payments;"
                            "</li><li>a regulatory sandbox for new cross-border services.</li>"
                            "</ul>",
                        ),
                        (
                            "document",
                            {
                                "title": "Data-flow mapping template (CSV)",
                                "filename": "data-flow-map-template.csv",
                                "content": (
                                    "flow,data_items,data_subjects,from,to,country,purpose,"
                                    "legal_basis,safeguards,retention\n"
                                    "Order to courier,name; address; phone,buyers,seller,"
                                    "courier,destination country,delivery,contract necessity,"
                                    "courier contract,until delivery plus claims period\n"
                                    "Store on marketplace,name; address; order history,buyers,"
                                    "seller,marketplace,platform hosting country,sales,"
                                    "NCSA authorisation,platform terms and certificate,"
                                    "per platform policy\n"
                                    "Newsletter,e-mail; language,subscribers,seller,"
                                    "e-mail service,service hosting country,marketing,consent,"
                                    "processor contract,until unsubscribe\n"
                                ),
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Cohort discussion: a cooperative's customer list",
                                "context": "<p>An illustrative coffee cooperative in Huye sells "
                                "roasted coffee through a cross-border marketplace and through "
                                "its own website. It keeps buyers' names, e-mails and addresses "
                                "in a free online spreadsheet hosted abroad and shares them "
                                "with a courier in the destination country.</p><p>The "
                                "cooperative has not registered with NCSA; its manager "
                                "believes the law is 'only for banks and telecoms'.</p>",
                                "reflection_question": "If you advised NCSA and RDB, what "
                                "guidance and support would you offer so that small exporters "
                                "like this one comply without stopping their sales?",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Cross-border e-commerce always moves personal data; data "
                                    "rules are trade rules.",
                                    "Transfers need a lawful ground such as NCSA "
                                    "authorisation, consent or contract necessity.",
                                    "Storing personal data outside Rwanda is linked to NCSA "
                                    "authorisation - check current guidance.",
                                    "Interoperability tools reduce costs for SMEs without "
                                    "lowering protection.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "quiz-data-protection",
                    "title": "Check: data protection",
                    "intro": (
                        "Six questions on Rwanda's personal data protection law and "
                        "cross-border transfers. Feedback appears after each attempt; you "
                        "have three attempts and 20 minutes."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": 20,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_each_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which body is the supervisory authority under "
                                "Rwanda's 2021 personal data protection law?",
                                "options": [
                                    {
                                        "text": "National Cyber Security Authority (NCSA)",
                                        "is_correct": True,
                                        "feedback": "Correct - controllers and processors "
                                        "register with NCSA.",
                                    },
                                    {
                                        "text": "Rwanda Utilities Regulatory Authority (RURA)",
                                        "is_correct": False,
                                        "feedback": "RURA regulates utilities and telecoms, "
                                        "but is not the data protection supervisor.",
                                    },
                                    {
                                        "text": "Rwanda Development Board (RDB)",
                                        "is_correct": False,
                                        "feedback": "RDB registers businesses but does not "
                                        "supervise data protection.",
                                    },
                                    {
                                        "text": "Rwanda Revenue Authority (RRA)",
                                        "is_correct": False,
                                        "feedback": "RRA handles tax and customs data, not "
                                        "data protection supervision.",
                                    },
                                ],
                                "explanation": "Law No 058/2021 names NCSA as the supervisory "
                                "authority.",
                                "tags": "data-protection",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "A foreign marketplace with no office in Rwanda "
                                "falls outside Rwanda's data protection law, even when it "
                                "processes the data of shoppers in Rwanda.",
                                "correct_answer": "false",
                                "explanation": "The law also covers controllers and "
                                "processors abroad that process the personal data of people "
                                "in Rwanda.",
                                "tags": "data-protection",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What does the law call the person or "
                                "organisation that decides why and how personal data is "
                                "processed?",
                                "accepted_answers": [
                                    "data controller",
                                    "controller",
                                    "the data controller",
                                ],
                                "explanation": "The controller decides purposes and means; "
                                "the processor acts on its behalf.",
                                "tags": "data-protection",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which are grounds under Rwanda's law for "
                                "transferring personal data outside Rwanda?",
                                "options": [
                                    {
                                        "text": "Authorisation from NCSA after proof of "
                                        "appropriate safeguards",
                                        "is_correct": True,
                                        "feedback": "Yes - this is one of the listed grounds.",
                                    },
                                    {
                                        "text": "The data subject's consent",
                                        "is_correct": True,
                                        "feedback": "Yes - valid consent is a ground for transfer.",
                                    },
                                    {
                                        "text": "Necessity to perform a contract with the "
                                        "data subject",
                                        "is_correct": True,
                                        "feedback": "Yes - for example delivering the order "
                                        "the buyer placed.",
                                    },
                                    {
                                        "text": "The receiving company is larger than the sender",
                                        "is_correct": False,
                                        "feedback": "Company size is not a legal ground for "
                                        "transfer.",
                                    },
                                ],
                                "explanation": "Transfers need a listed ground such as NCSA "
                                "authorisation, consent or contract necessity.",
                                "tags": "data-transfers",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "A seller discovers its customer list was "
                                "exposed online. Put its response in order.",
                                "items": [
                                    "Contain the breach and secure the system",
                                    "Assess what data and which people are affected",
                                    "Notify NCSA within the legal time limit",
                                    "Inform affected people if the risk to them is high",
                                    "Review and fix the cause",
                                ],
                                "explanation": "Stop the harm, understand it, notify NCSA "
                                "promptly, tell people at high risk, then prevent a repeat.",
                                "tags": "data-protection",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Which practice best shows data minimisation at "
                                "an online coffee shop?",
                                "options": [
                                    {
                                        "text": "Asking only for name, delivery address and "
                                        "contact number",
                                        "is_correct": True,
                                        "feedback": "Right - that is what the order needs.",
                                    },
                                    {
                                        "text": "Requiring a copy of the buyer's ID card",
                                        "is_correct": False,
                                        "feedback": "An ID copy is not needed to sell coffee.",
                                    },
                                    {
                                        "text": "Keeping every buyer's data forever in case "
                                        "it is useful",
                                        "is_correct": False,
                                        "feedback": "That breaks storage limitation too.",
                                    },
                                ],
                                "explanation": "Collect only the data the purpose needs.",
                                "tags": "data-protection",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "consumer-trust-results",
            "title": "Consumer trust and measuring results",
            "summary": (
                "Protecting consumers in online trade, and an indicator framework to show "
                "whether a digital-trade programme works."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "consumer-protection-online",
                    "title": "Consumer protection online",
                    "summary": (
                        "Disclosure, returns, dispute resolution, fraud and competition in "
                        "online markets, and who does what in Rwanda."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Why trust is a trade issue", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>An online buyer cannot inspect the goods, often cannot see the "
                            "seller, and may be in another country. If buyers in Europe or "
                            "China are not confident that a Rwandan seller will deliver, they "
                            "will not buy; if Rwandan consumers are cheated by foreign sites, "
                            "they will stop shopping online. Consumer protection is therefore "
                            "part of export strategy, not only a domestic matter.</p><p>In "
                            "Rwanda, the <b>Rwanda Inspectorate, Competition and Consumer "
                            "Protection Authority (RICA)</b> handles consumer complaints and "
                            "competition, under policy set by MINICOM. Others have a part: "
                            "the National Bank of Rwanda for payment services, RURA for "
                            "telecoms, NCSA for data, RSB for standards. Rwanda has been "
                            "updating its competition and consumer protection policy and "
                            "rules for e-commerce - check the current texts with MINICOM and "
                            "RICA.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Five pillars of online consumer protection",
                                "columns": ["Pillar", "What good looks like", "Policy tools"],
                                "rows": [
                                    [
                                        "Disclosure",
                                        "Seller identity, total price, delivery time and "
                                        "terms shown before payment",
                                        "Mandatory information rules; marketplace checks",
                                    ],
                                    [
                                        "Returns and refunds",
                                        "A clear way to return faulty or undelivered goods",
                                        "Minimum rights; clear rules for perishables and "
                                        "custom goods",
                                    ],
                                    [
                                        "Dispute resolution",
                                        "Complaints answered quickly, cheaply and online",
                                        "Marketplace first, then RICA; cross-border cooperation",
                                    ],
                                    [
                                        "Fraud",
                                        "Scam sellers and fake payment requests stopped early",
                                        "Seller verification; payment-provider alerts; police "
                                        "cooperation",
                                    ],
                                    [
                                        "Competition",
                                        "Sellers can use several platforms; fair ranking",
                                        "Scrutiny of exclusivity and self-preferencing",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "A complaint route that works across borders",
                                "body": "<ol><li>The buyer uses the marketplace's own "
                                "dispute process, which can hold or reverse payment.</li>"
                                "<li>If unresolved, a domestic buyer complains to RICA; a "
                                "foreign buyer complains to their own national authority."
                                "</li><li>Authorities cooperate through regional networks "
                                "and bilateral arrangements.</li></ol><p>The weak link is "
                                "usually step 3, which is why cooperation arrangements matter."
                                "</p>",
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Cohort discussion: the phone that never came",
                                "context": "<p>An illustrative Kigali shopper sees a social "
                                "media advert for a cheap smartphone from a seller abroad. "
                                "She pays by mobile money to a private number. Nothing "
                                "arrives and the seller's page disappears. In the same month, "
                                "a Rwandan basket maker receives a complaint from a buyer in "
                                "France whose order was damaged in transit.</p>",
                                "reflection_question": "For each case, which agency leads, "
                                "what can the payment or marketplace channel do, and what "
                                "single rule or campaign would have prevented the harm?",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Minimum disclosure before an online purchase",
                                "items": [
                                    "Seller's legal name, registration number and contact details.",
                                    "Total price, with taxes, delivery charges and currency.",
                                    "Expected delivery time and who carries the goods.",
                                    "Return, refund and warranty terms.",
                                    "How to complain, and the response time.",
                                    "How personal data will be used.",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Consumer trust drives both exports and domestic e-commerce.",
                                    "RICA leads on consumer complaints and competition; BNR, "
                                    "RURA, NCSA and RSB play linked roles.",
                                    "Disclosure, returns, dispute resolution, fraud and "
                                    "competition are the five pillars.",
                                    "Cross-border complaints need cooperation between authorities.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "measuring-results",
                    "title": "Measuring results",
                    "summary": (
                        "A results chain, indicators with baselines and sources, and the traps "
                        "of counting activities instead of outcomes."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "From activities to outcomes", "level": "h2"}),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Results chain for a digital-trade programme",
                                    "steps": [
                                        "Inputs: funds and staff",
                                        "Activities: training",
                                        "Outputs: sellers listed",
                                        "Outcomes: export sales",
                                        "Impact: jobs and incomes",
                                    ],
                                },
                                "alt": "A results chain running from inputs through "
                                "activities, outputs and outcomes to impact.",
                                "caption": "Report all five levels, but judge success on "
                                "outcomes and impact.",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>It is easy to report that 500 people were trained. It is harder, "
                            "and more useful, to report how many of them are still selling "
                            "abroad a year later. Choose a <b>small set of indicators</b>, set "
                            "a <b>baseline</b> before the programme starts, and "
                            "<b>disaggregate</b> by sex, age, province and sector so you can "
                            "see who benefits.</p><p>Data comes from several places: "
                            "marketplaces (agree data sharing in the partnership), RRA customs "
                            "and the ReSW, payment providers, NCSA registrations, RICA "
                            "complaints and surveys by the National Institute of Statistics "
                            "of Rwanda (NISR).</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Example indicators (set your own targets from a "
                                "measured baseline)",
                                "columns": ["Indicator", "Definition", "Source", "Frequency"],
                                "rows": [
                                    [
                                        "Active cross-border sellers",
                                        "Sellers with at least one foreign order in 90 days",
                                        "Marketplaces",
                                        "Quarterly",
                                    ],
                                    [
                                        "E-commerce export value",
                                        "Value of cleared e-commerce export shipments",
                                        "RRA customs, ReSW",
                                        "Quarterly",
                                    ],
                                    [
                                        "Clearance time for small parcels",
                                        "Median hours from declaration to release",
                                        "RRA customs",
                                        "Monthly",
                                    ],
                                    [
                                        "Complaint resolution rate",
                                        "Share of online complaints resolved within the "
                                        "target time",
                                        "RICA, marketplaces",
                                        "Quarterly",
                                    ],
                                    [
                                        "Women-led active sellers",
                                        "Share of active sellers led by women",
                                        "Programme records",
                                        "Yearly",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Three measurement traps",
                                "body": "<ul><li><b>Vanity numbers:</b> page views and "
                                "sign-ups are not sales.</li><li><b>Gross value confusion:</b> "
                                "marketplace sales value is not the money Rwandan firms "
                                "receive after fees, returns and logistics.</li><li><b>Claiming "
                                "everything:</b> sales may rise for other reasons; compare "
                                "with similar firms that did not take part.</li></ul>",
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Indicator framework template (CSV)",
                                "filename": "indicator-framework-template.csv",
                                "content": (
                                    "indicator,level,definition,unit,baseline,target,source,"
                                    "frequency,disaggregation,owner\n"
                                    "Officials trained,output,Officials completing the "
                                    "cohort,people,,,programme records,per cohort,"
                                    "sex; institution,programme team\n"
                                    "Active cross-border sellers,outcome,Sellers with 1+ "
                                    "foreign order in 90 days,firms,,,marketplaces,quarterly,"
                                    "sex; province; sector,RDB\n"
                                    "Small-parcel clearance time,outcome,Median hours "
                                    "declaration to release,hours,,,RRA customs,monthly,"
                                    "channel,RRA\n"
                                    "Complaint resolution rate,outcome,Online complaints "
                                    "resolved in target time,percent,,,RICA,quarterly,"
                                    "domestic; cross-border,RICA\n"
                                ),
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Cohort discussion: a mid-term review",
                                "context": "<p>An illustrative digital-trade programme reports "
                                "at mid-term: 800 entrepreneurs trained, 400 stores opened, "
                                "but only 120 stores with a foreign order in the last 90 days. "
                                "No baseline was set for export value, and marketplace data "
                                "arrives irregularly.</p>",
                                "reflection_question": "What would you change in the "
                                "programme and in its indicator framework before the final "
                                "evaluation, and which partner must agree to each change?",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Judge success on outcomes such as active sellers and "
                                    "export value, not on training counts.",
                                    "Set baselines first and disaggregate by sex, age, "
                                    "province and sector.",
                                    "Agree data sharing with marketplaces and agencies at the "
                                    "start.",
                                    "Avoid vanity numbers and do not claim every change as "
                                    "programme impact.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "quiz-trust-results",
                    "title": "Check: consumer trust and results",
                    "intro": (
                        "Seven questions on online consumer protection and measuring results. "
                        "Each attempt draws six, and full feedback is shown after your last "
                        "attempt."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": 25,
                    "questions_per_attempt": 6,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_last_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which Rwandan authority handles consumer "
                                "complaints and competition cases?",
                                "options": [
                                    {
                                        "text": "RICA",
                                        "is_correct": True,
                                        "feedback": "Correct - the Rwanda Inspectorate, "
                                        "Competition and Consumer Protection Authority.",
                                    },
                                    {
                                        "text": "NCSA",
                                        "is_correct": False,
                                        "feedback": "NCSA supervises data protection and "
                                        "cyber security.",
                                    },
                                    {
                                        "text": "RSB",
                                        "is_correct": False,
                                        "feedback": "RSB develops standards; it does not "
                                        "handle consumer complaints.",
                                    },
                                    {
                                        "text": "NAEB",
                                        "is_correct": False,
                                        "feedback": "NAEB promotes agricultural exports.",
                                    },
                                ],
                                "explanation": "RICA handles consumer complaints and "
                                "competition, under MINICOM's policy.",
                                "tags": "consumer-protection",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which information should a buyer see before "
                                "paying online?",
                                "options": [
                                    {
                                        "text": "The seller's identity and contact details",
                                        "is_correct": True,
                                        "feedback": "Yes - buyers must know who they deal with.",
                                    },
                                    {
                                        "text": "The total price, including delivery",
                                        "is_correct": True,
                                        "feedback": "Yes - hidden charges destroy trust.",
                                    },
                                    {
                                        "text": "Return and refund terms",
                                        "is_correct": True,
                                        "feedback": "Yes - terms must be known before purchase.",
                                    },
                                    {
                                        "text": "The seller's profit margin",
                                        "is_correct": False,
                                        "feedback": "Margins are commercial information, not "
                                        "a disclosure duty.",
                                    },
                                ],
                                "explanation": "Disclosure covers who sells, what it costs in "
                                "total and the terms that apply.",
                                "tags": "consumer-protection",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "The total value of sales on a marketplace equals "
                                "the income Rwandan sellers receive.",
                                "correct_answer": "false",
                                "explanation": "Fees, returns and logistics costs come out of "
                                "sales value; measure what sellers actually receive.",
                                "tags": "indicators",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "A programme trained 800 entrepreneurs; 120 of them "
                                "had a foreign order in the last 90 days. What percentage of "
                                "trained entrepreneurs are active cross-border sellers?",
                                "answer": 15.0,
                                "tolerance": 0.5,
                                "unit": "%",
                                "explanation": "120 / 800 = 0.15, or 15%. This outcome "
                                "indicator says more than the training count alone.",
                                "tags": "indicators",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the levels of a results chain in order.",
                                "items": [
                                    "Inputs",
                                    "Activities",
                                    "Outputs",
                                    "Outcomes",
                                    "Impact",
                                ],
                                "explanation": "Resources fund activities, which produce "
                                "outputs, which lead to outcomes and, over time, impact.",
                                "tags": "indicators",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What is the value of an indicator measured before "
                                "a programme starts, used to judge later change?",
                                "accepted_answers": [
                                    "baseline",
                                    "a baseline",
                                    "baseline value",
                                ],
                                "explanation": "Without a baseline you cannot show how much "
                                "changed.",
                                "tags": "indicators",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "A marketplace contract forbids sellers to list on "
                                "any other platform. Which pillar of online consumer and "
                                "market protection does this raise?",
                                "options": [
                                    {
                                        "text": "Competition",
                                        "is_correct": True,
                                        "feedback": "Right - exclusivity can lock sellers in "
                                        "and deserves scrutiny.",
                                    },
                                    {
                                        "text": "Disclosure",
                                        "is_correct": False,
                                        "feedback": "Disclosure is about what buyers are told "
                                        "before paying.",
                                    },
                                    {
                                        "text": "Returns and refunds",
                                        "is_correct": False,
                                        "feedback": "Returns concern the buyer's remedies, not "
                                        "platform contracts.",
                                    },
                                ],
                                "explanation": "Exclusivity clauses are a competition concern "
                                "that RICA may examine.",
                                "tags": "competition",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
