"""Demo course: a curriculum toolkit for lecturers who teach cross-border e-commerce in Rwanda."""

COURSE = {
    "slug": "teaching-ecommerce-toolkit",
    "title": "Teaching e-commerce: a curriculum toolkit for university lecturers",
    "summary": (
        "Design, teach and assess a cross-border e-commerce module for Rwandan university "
        "students: Bloom-based outcomes, a 12-week syllabus, live cooperative projects, "
        "rubrics, ethical industry partnerships and Isoko in the classroom."
    ),
    "audiences": ["academics"],
    "topics": ["teaching", "curriculum"],
    "level": "advanced",
    "format": "self_paced",
    "estimated_hours": 10,
    "outcomes": [
        "By the end you can write measurable learning outcomes for an e-commerce module using "
        "Bloom's taxonomy verbs and align them with the eWTP programme.",
        "By the end you can plan a 12-week syllabus in which every activity and assessment "
        "serves a stated outcome.",
        "By the end you can run case discussions, live marketplace projects and dispute role "
        "plays with Rwandan businesses.",
        "By the end you can assess students authentically with a clear rubric while protecting "
        "academic integrity.",
        "By the end you can set up fair, ethical partnerships with exporters and cooperatives "
        "and use Isoko with your students.",
    ],
    "prerequisites": [],
    "issues_certificate": True,
    "qualifies_for_storefront": False,
    "enrolment_open": True,
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "slug": "design",
            "title": "Designing the course",
            "summary": (
                "Start from what graduates must be able to do, then build a 12-week module "
                "around it that fits your institution and the eWTP programme."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "learning-outcomes",
                    "title": "Learning outcomes with Bloom's taxonomy",
                    "summary": (
                        "Write outcomes that students can demonstrate, and map them to the "
                        "skills Rwanda's eWTP programme needs."
                    ),
                    "estimated_minutes": 15,
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>This toolkit is for lecturers at the University of Rwanda, "
                                "Rwanda Polytechnic colleges (many still known by their IPRC "
                                "names) and private universities who want to teach "
                                "<b>cross-border e-commerce</b>: how a Rwandan coffee roaster, "
                                "tea estate, handicraft cooperative or tour operator finds "
                                "foreign buyers online, lists, prices, gets paid, ships and "
                                "stays compliant.</p>"
                                "<p>Most e-commerce modules fail in the same way: they describe "
                                "the digital economy but never ask students to <i>do</i> "
                                "anything a business would pay for. The fix starts with the "
                                "learning outcomes.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {"text": "Write outcomes students can demonstrate", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A good outcome has three parts: an <b>observable verb</b>, "
                                "the <b>content</b> it acts on, and a <b>condition or "
                                "standard</b>. Compare:</p>"
                                "<ul>"
                                "<li>Weak: <i>Students will understand online marketplaces.</i>"
                                "</li>"
                                "<li>Strong: <i>Students will produce three marketplace "
                                "listings for a Rwandan product that meet the platform's "
                                "listing rules and include a justified export price.</i></li>"
                                "</ul>"
                                "<p>Avoid verbs you cannot see or mark: understand, know, "
                                "appreciate, be aware of. Aim for five to seven outcomes per "
                                "module, with most at the Apply level or above for an advanced "
                                "or final-year course.</p>"
                            ),
                        ),
                        (
                            "table",
                            {
                                "caption": (
                                    "Revised Bloom's taxonomy applied to cross-border e-commerce"
                                ),
                                "columns": ["Level", "Useful verbs", "Example outcome"],
                                "rows": [
                                    [
                                        "Remember",
                                        "list, name, identify",
                                        "Identify the Rwandan agencies involved in exporting "
                                        "a parcel of coffee (RDB, RRA, NAEB, RSB).",
                                    ],
                                    [
                                        "Understand",
                                        "explain, summarise, classify",
                                        "Explain how a foreign card payment reaches a seller's "
                                        "account in Kigali.",
                                    ],
                                    [
                                        "Apply",
                                        "calculate, prepare, use",
                                        "Calculate the landed cost of a handicraft order "
                                        "shipped to a buyer abroad.",
                                    ],
                                    [
                                        "Analyse",
                                        "compare, diagnose, break down",
                                        "Compare two marketplaces for a specialty tea brand "
                                        "on fees, audience and logistics.",
                                    ],
                                    [
                                        "Evaluate",
                                        "judge, justify, recommend",
                                        "Recommend, with evidence, whether a cooperative "
                                        "should ship by post or consolidate by air freight.",
                                    ],
                                    [
                                        "Create",
                                        "design, produce, plan",
                                        "Design a 90-day online export plan for a real "
                                        "Rwandan business.",
                                    ],
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": (
                                    "What the student does is actually more important in "
                                    "determining what is learned than what the teacher does."
                                ),
                                "attribution": (
                                    "Thomas J. Shuell (1986), as quoted by John Biggs in his "
                                    "work on constructive alignment"
                                ),
                            },
                        ),
                        ("heading", {"text": "Align with the eWTP programme", "level": "h2"}),
                        (
                            "paragraph",
                            (
                                "<p>The electronic World Trade Platform (eWTP) is a "
                                "private-sector-led initiative proposed by Alibaba; Rwanda "
                                "joined in 2018 as the first African country to do so. "
                                "Rwanda's eWTP work, led with the Rwanda Development Board "
                                "(RDB), aims to help small businesses sell coffee, tea, "
                                "handicrafts and tourism to foreign consumers, and to build "
                                "the digital-trade skills this requires.</p>"
                                "<p>Your module serves that aim when graduates can onboard a "
                                "seller, write a listing, price for export, take payment, ship "
                                "and meet the rules. Programme priorities change, so ask RDB "
                                "or your institution's industry liaison office for the current "
                                "focus before you fix your outcomes.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Map every outcome three ways",
                                "body": (
                                    "<p>Keep a small table with one row per outcome and three "
                                    "columns:</p>"
                                    "<ol>"
                                    "<li>the <b>programme need</b> it serves (for example "
                                    "listing, pricing, logistics, compliance);</li>"
                                    "<li>the <b>programme learning outcome</b> of your degree "
                                    "or diploma it contributes to;</li>"
                                    "<li>the <b>qualification level</b> it sits at, as your "
                                    "quality-assurance office and the Higher Education "
                                    "Council's rules require.</li>"
                                    "</ol>"
                                    "<p>This table is also what reviewers ask for when a new "
                                    "module goes through approval.</p>"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "An outcome needs an observable verb, content and a standard.",
                                    "Advanced modules should sit mostly at Apply, Analyse, "
                                    "Evaluate and Create.",
                                    "Tie each outcome to a skill Rwandan exporters actually "
                                    "need, and check current eWTP priorities with RDB.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "syllabus",
                    "title": "A 12-week syllabus outline",
                    "summary": (
                        "A week-by-week plan that moves students from marketplace basics to a "
                        "live export project, with assessment built in."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>The outline below assumes a 12-week semester with about "
                                "four contact hours a week. It moves from <b>foundations</b> "
                                "(weeks 1-4) to <b>operations</b> (weeks 5-8) to a <b>live "
                                "project</b> with a partner business (weeks 9-12). Stretch or "
                                "compress it to fit your calendar, but keep the order: "
                                "students cannot advise a cooperative on pricing before they "
                                "can build a landed cost.</p>"
                            ),
                        ),
                        (
                            "table",
                            {
                                "caption": "Illustrative 12-week outline",
                                "columns": ["Week", "Theme", "Active learning", "Assessment"],
                                "rows": [
                                    [
                                        "1",
                                        "Cross-border e-commerce and eWTP in Rwanda",
                                        "Map a coffee's journey from farm to foreign buyer",
                                        "Diagnostic quiz",
                                    ],
                                    [
                                        "2",
                                        "Marketplaces and business models",
                                        "Compare two platforms in teams",
                                        "Isoko lesson quiz",
                                    ],
                                    [
                                        "3",
                                        "Seller onboarding and registration",
                                        "Walk through RDB and RRA registration steps",
                                        "Short checklist task",
                                    ],
                                    [
                                        "4",
                                        "Product listings and photography",
                                        "Phone photo studio with real products",
                                        "Draft listing (formative)",
                                    ],
                                    [
                                        "5",
                                        "Pricing and landed cost",
                                        "Costing workshop with illustrative numbers",
                                        "Landed-cost exercise",
                                    ],
                                    [
                                        "6",
                                        "Payments and foreign exchange",
                                        "Trace card and mobile-money flows",
                                        "In-class case discussion",
                                    ],
                                    [
                                        "7",
                                        "Logistics, customs and ReSW",
                                        "Guest speaker: exporter or forwarder",
                                        "Compliance memo (20%)",
                                    ],
                                    [
                                        "8",
                                        "Customer service and disputes",
                                        "Buyer-seller dispute role plays",
                                        "Role-play observation (15%)",
                                    ],
                                    [
                                        "9",
                                        "Live project launch",
                                        "Teams meet partner cooperative",
                                        "Project plan signed by partner",
                                    ],
                                    [
                                        "10",
                                        "Live project: listings",
                                        "Product audit and listing drafts",
                                        "Peer review of drafts",
                                    ],
                                    [
                                        "11",
                                        "Live project: marketing and data",
                                        "Plan a small campaign; data protection check",
                                        "Listing portfolio (30%)",
                                    ],
                                    [
                                        "12",
                                        "Pitch, handover and reflection",
                                        "Present to partner panel",
                                        "Pitch (20%) and reflective log (15%)",
                                    ],
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Constructive alignment loop",
                                    "steps": [
                                        "Outcome with Bloom verb",
                                        "Learning activity",
                                        "Assessment task",
                                        "Feedback to student",
                                        "Revise next run",
                                    ],
                                },
                                "alt": (
                                    "A loop of five steps: outcome with a Bloom verb, learning "
                                    "activity, assessment task, feedback to the student, and "
                                    "revision of the module for its next run."
                                ),
                                "caption": (
                                    "Each week's activity and assessment should point back to "
                                    "the same outcome."
                                ),
                            },
                        ),
                        ("heading", {"text": "Budget the learning hours", "level": "h2"}),
                        (
                            "paragraph",
                            (
                                "<p>Rwandan higher education usually counts one credit as ten "
                                "notional learning hours; confirm the rule with your "
                                "quality-assurance office. Subtract contact hours from the "
                                "total and you know how much independent work you can fairly "
                                "ask for. Plan that time explicitly: short Isoko lessons to "
                                "read before class, listing drafts, partner meetings and the "
                                "reflective log.</p>"
                                "<p>Remember that many students study on a phone with paid "
                                "data. Prefer short text lessons and compressed images to long "
                                "videos, and tell students which tasks are best done on campus "
                                "Wi-Fi.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Always have a fallback for the live project",
                                "body": (
                                    "<p>Partner businesses have harvests, trade fairs and "
                                    "emergencies. If a cooperative withdraws in week 10, "
                                    "students must still be able to finish. Prepare a "
                                    "<b>simulated brief</b> (product photos, costs and a "
                                    "buyer profile) that meets the same outcomes.</p>"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Syllabus readiness check",
                                "items": [
                                    "Every outcome is assessed at least once.",
                                    "Every assessment maps to at least one outcome.",
                                    "Weights add up to 100% and match your regulations.",
                                    "Independent-study hours fit the credit value.",
                                    "Partner dates are confirmed, with a fallback brief.",
                                    "Readings and lessons work on a phone and low data.",
                                ],
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Module descriptor template (Markdown)",
                                "filename": "ecommerce-module-descriptor.md",
                                "content": (
                                    "# Module descriptor: Cross-border e-commerce\n"
                                    "\n"
                                    "- Institution / department:\n"
                                    "- Level and credits (check local credit rules):\n"
                                    "- Semester and weeks: 12\n"
                                    "- Contact hours per week:\n"
                                    "- Module leader:\n"
                                    "\n"
                                    "## Learning outcomes\n"
                                    "By the end of the module students will be able to:\n"
                                    "1. Explain ... (Understand)\n"
                                    "2. Calculate ... (Apply)\n"
                                    "3. Compare ... (Analyse)\n"
                                    "4. Recommend ... (Evaluate)\n"
                                    "5. Design ... (Create)\n"
                                    "\n"
                                    "## Alignment table\n"
                                    "| Outcome | Programme need | Activity | Assessment |\n"
                                    "| --- | --- | --- | --- |\n"
                                    "| 1 | | | |\n"
                                    "\n"
                                    "## Assessment\n"
                                    "| Task | Weight | Outcomes | Due week |\n"
                                    "| --- | --- | --- | --- |\n"
                                    "| Compliance memo | 20% | | 7 |\n"
                                    "| Dispute role play | 15% | | 8 |\n"
                                    "| Listing portfolio | 30% | | 11 |\n"
                                    "| Partner pitch | 20% | | 12 |\n"
                                    "| Reflective log | 15% | | 12 |\n"
                                    "\n"
                                    "## Industry partner and fallback brief\n"
                                    "- Partner:\n"
                                    "- Signed agreement on file: yes / no\n"
                                    "- Fallback brief ready: yes / no\n"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "design-quiz",
                    "title": "Quiz: designing the course",
                    "intro": (
                        "Check that you can write measurable outcomes, use Bloom's taxonomy and "
                        "plan a module's hours. You can retake it as often as you like."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 0,
                    "time_limit_minutes": None,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_each_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which learning outcome is best written?",
                                "options": [
                                    {
                                        "text": (
                                            "Students will understand the importance of "
                                            "e-commerce for Rwanda."
                                        ),
                                        "is_correct": False,
                                        "feedback": (
                                            "Understand is not observable, and there is no "
                                            "standard to mark against."
                                        ),
                                    },
                                    {
                                        "text": (
                                            "Students will calculate the landed cost of an "
                                            "export order, showing every cost line."
                                        ),
                                        "is_correct": True,
                                        "feedback": (
                                            "Yes: an observable verb, clear content and a "
                                            "standard you can mark."
                                        ),
                                    },
                                    {
                                        "text": "Students will be aware of online marketplaces.",
                                        "is_correct": False,
                                        "feedback": (
                                            "Being aware cannot be seen or assessed, so it is "
                                            "not a usable outcome."
                                        ),
                                    },
                                    {
                                        "text": "The lecturer will cover logistics and customs.",
                                        "is_correct": False,
                                        "feedback": (
                                            "This describes teaching, not what the student "
                                            "will be able to do."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "A learning outcome names something the student does, with "
                                    "an observable verb, content and a standard."
                                ),
                                "tags": "outcomes, bloom",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which verbs belong to the higher-order levels of the "
                                    "revised Bloom's taxonomy (Analyse, Evaluate, Create)? "
                                    "Select all that apply."
                                ),
                                "options": [
                                    {
                                        "text": "Compare",
                                        "is_correct": True,
                                        "feedback": "Compare is a typical Analyse verb.",
                                    },
                                    {
                                        "text": "Justify",
                                        "is_correct": True,
                                        "feedback": "Justify is a typical Evaluate verb.",
                                    },
                                    {
                                        "text": "Design",
                                        "is_correct": True,
                                        "feedback": "Design is a typical Create verb.",
                                    },
                                    {
                                        "text": "List",
                                        "is_correct": False,
                                        "feedback": "List is a Remember verb, the lowest level.",
                                    },
                                    {
                                        "text": "Define",
                                        "is_correct": False,
                                        "feedback": "Define asks for recall, so it is Remember.",
                                    },
                                ],
                                "explanation": (
                                    "Analyse, Evaluate and Create use verbs such as compare, "
                                    "justify and design; list and define test recall."
                                ),
                                "tags": "bloom",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": (
                                    "Put the levels of the revised Bloom's taxonomy in order, "
                                    "from lowest to highest."
                                ),
                                "items": [
                                    "Remember",
                                    "Understand",
                                    "Apply",
                                    "Analyse",
                                    "Evaluate",
                                    "Create",
                                ],
                                "explanation": (
                                    "The revised taxonomy (Anderson and Krathwohl, 2001) runs "
                                    "Remember, Understand, Apply, Analyse, Evaluate, Create."
                                ),
                                "tags": "bloom",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": (
                                    "'Appreciate the role of eWTP in Rwanda' is a measurable "
                                    "learning outcome."
                                ),
                                "correct_answer": "false",
                                "explanation": (
                                    "Appreciate cannot be observed or marked; rewrite it with "
                                    "a verb such as explain or evaluate and a clear standard."
                                ),
                                "tags": "outcomes",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": (
                                    "Your module is worth 10 credits and your institution "
                                    "counts 10 notional hours per credit. Students have 4 "
                                    "contact hours a week for 12 weeks. How many hours of "
                                    "independent study can you plan for?"
                                ),
                                "answer": 52.0,
                                "tolerance": 0.0,
                                "unit": "hours",
                                "explanation": (
                                    "10 credits x 10 hours = 100 notional hours; 4 x 12 = 48 "
                                    "contact hours; 100 - 48 = 52 hours of independent study."
                                ),
                                "tags": "syllabus, credits",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": (
                                    "What is the name of the principle that outcomes, "
                                    "learning activities and assessment tasks should all point "
                                    "to the same thing? (two words)"
                                ),
                                "accepted_answers": [
                                    "constructive alignment",
                                    "constructive-alignment",
                                    "constructively aligned",
                                ],
                                "explanation": (
                                    "Constructive alignment, described by John Biggs, links "
                                    "outcomes, activities and assessment."
                                ),
                                "tags": "alignment",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": (
                                    "You want your module to serve Rwanda's eWTP programme. "
                                    "What is the most credible first step?"
                                ),
                                "options": [
                                    {
                                        "text": (
                                            "Ask RDB or your industry liaison office what the "
                                            "programme currently needs, then map outcomes."
                                        ),
                                        "is_correct": True,
                                        "feedback": (
                                            "Right: priorities change, so start from the "
                                            "current need and map to it."
                                        ),
                                    },
                                    {
                                        "text": (
                                            "Copy a foreign university's e-commerce syllabus "
                                            "unchanged."
                                        ),
                                        "is_correct": False,
                                        "feedback": (
                                            "A foreign syllabus ignores Rwandan products, "
                                            "agencies and logistics."
                                        ),
                                    },
                                    {
                                        "text": (
                                            "Use figures on eWTP trade volumes from an old "
                                            "news article as course facts."
                                        ),
                                        "is_correct": False,
                                        "feedback": (
                                            "Old figures go out of date; check current values "
                                            "with the institution."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Alignment starts from the programme's current needs, which "
                                    "RDB and partners can confirm."
                                ),
                                "tags": "ewtp, alignment",
                            },
                        ),
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ module 2
        {
            "slug": "teach-assess",
            "title": "Active learning and assessment",
            "summary": (
                "Teach through Rwandan cases, live listing projects and dispute role plays, "
                "and assess the work authentically and fairly."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "active-learning",
                    "title": "Active-learning methods that work",
                    "summary": (
                        "Case teaching with Rwandan businesses, live marketplace projects with "
                        "a cooperative, and role plays of buyer-seller disputes."
                    ),
                    "estimated_minutes": 25,
                    "free_preview": False,
                    "body": [
                        (
                            "heading",
                            {"text": "Case teaching with Rwandan businesses", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A good teaching case is short (one or two pages), ends "
                                "with a <b>decision</b> someone must make, and gives just "
                                "enough numbers to argue with. Write your own from interviews "
                                "with local businesses, with their written permission, or use "
                                "a composite so no real firm's costs are exposed.</p>"
                                "<p>Run it in three parts: students prepare two or three "
                                "questions before class; in class, build the discussion on "
                                "the board (problem, options, evidence, decision); close by "
                                "asking each student to commit to a recommendation in one "
                                "sentence.</p>"
                            ),
                        ),
                        (
                            "case_study",
                            {
                                "title": "Ubumwe Weavers Cooperative, Huye (illustrative)",
                                "context": (
                                    "<p>Ubumwe is a fictional cooperative of about 40 "
                                    "weavers in Huye who make sisal and sweetgrass baskets. "
                                    "They sell to tourists and hotel shops in Kigali and are "
                                    "paid by MTN MoMo or cash.</p>"
                                    "<p>A buyer in Germany found their photos on a "
                                    "marketplace and asks for 30 baskets, delivered, priced "
                                    "in euros, within six weeks. The chair must decide:</p>"
                                    "<ul>"
                                    "<li>ship small parcels by post or courier, or "
                                    "consolidate one air-freight shipment;</li>"
                                    "<li>how to quote a delivered price without losing money "
                                    "on freight and fees;</li>"
                                    "<li>whether the members can make 30 baskets to the same "
                                    "standard as the photos.</li>"
                                    "</ul>"
                                    "<p>Students receive illustrative costs and must check "
                                    "current rules and fees with the relevant institutions, "
                                    "not guess them.</p>"
                                ),
                                "reflection_question": (
                                    "What should the chair reply to the buyer this week, and "
                                    "what evidence would you need before quoting a price?"
                                ),
                            },
                        ),
                        ("heading", {"text": "Live marketplace projects", "level": "h2"}),
                        (
                            "paragraph",
                            (
                                "<p>In a live project, student teams help a cooperative "
                                "prepare real product listings. The learning is powerful "
                                "because the standard is set by buyers, not by the lecturer. "
                                "Two rules keep it safe: <b>the cooperative owns every "
                                "account and password</b>, and <b>nothing is published "
                                "without its written approval</b>. Students draft in a shared "
                                "sheet; the cooperative's own staff publish.</p>"
                            ),
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Live listing project flow",
                                    "steps": [
                                        "Partner agreement signed",
                                        "Product audit and photos",
                                        "Draft listings in a sheet",
                                        "Cooperative approves",
                                        "Cooperative publishes",
                                        "Review and handover",
                                    ],
                                },
                                "alt": (
                                    "Six steps: partner agreement signed, product audit and "
                                    "photos, draft listings in a sheet, cooperative approves, "
                                    "cooperative publishes, review and handover."
                                ),
                                "caption": (
                                    "Students draft; the partner approves and publishes from "
                                    "its own account."
                                ),
                            },
                        ),
                        (
                            "heading",
                            {"text": "Role plays of buyer-seller disputes", "level": "h2"},
                        ),
                        (
                            "table",
                            {
                                "caption": "Three dispute role-play cards",
                                "columns": ["Scenario", "Buyer brief", "Seller brief", "Practises"],
                                "rows": [
                                    [
                                        "Basket colour differs from photo",
                                        "You feel misled and want a full refund.",
                                        "Dyes vary by batch; you want to keep the sale.",
                                        "Accurate listings, calm replies, partial refunds",
                                    ],
                                    [
                                        "Coffee parcel arrives late",
                                        "It was a gift; the date has passed.",
                                        "The carrier was delayed at transit.",
                                        "Tracking evidence, setting delivery expectations",
                                    ],
                                    [
                                        "Tea tin dented in transit",
                                        "You send a photo and ask for a replacement.",
                                        "Shipping a replacement costs more than the tin.",
                                        "Packaging, platform dispute rules, cost decisions",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "A 50-minute role-play session",
                                "body": (
                                    "<ol>"
                                    "<li>10 minutes: pairs read their secret briefs and the "
                                    "marketplace's published dispute policy.</li>"
                                    "<li>15 minutes: the buyer opens the dispute in writing; "
                                    "the seller replies as they would on the platform.</li>"
                                    "<li>10 minutes: swap roles with a new scenario.</li>"
                                    "<li>15 minutes: debrief. Which replies would a platform "
                                    "reviewer accept as evidence?</li>"
                                    "</ol>"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Cases end with a decision and are built with the "
                                    "business's permission or as composites.",
                                    "In live projects the partner owns accounts and approves "
                                    "everything before it is published.",
                                    "Dispute role plays teach evidence and tone, written as "
                                    "they would be on a real platform.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "assessment",
                    "title": "Authentic assessment, rubrics and integrity",
                    "summary": (
                        "Assess what e-commerce professionals actually produce, mark it with a "
                        "shared rubric and design out cheating."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p><b>Authentic assessment</b> asks students to produce the "
                                "kind of work a real employer or client would use: a listing, "
                                "a landed-cost sheet, a reply to an angry buyer, a compliance "
                                "memo. It is marked against explicit criteria that students "
                                "see from week one. The plan below fits the 12-week outline "
                                "from module 1.</p>"
                            ),
                        ),
                        (
                            "table",
                            {
                                "caption": "Illustrative assessment plan",
                                "columns": ["Task", "Weight", "Evidence", "Individual or team"],
                                "rows": [
                                    [
                                        "Compliance memo",
                                        "20%",
                                        "Two-page memo on export steps for one product",
                                        "Individual",
                                    ],
                                    [
                                        "Dispute role play",
                                        "15%",
                                        "Written replies and observer notes",
                                        "Individual",
                                    ],
                                    [
                                        "Listing portfolio",
                                        "30%",
                                        "Approved drafts, photos and pricing sheet",
                                        "Team, with peer rating",
                                    ],
                                    [
                                        "Partner pitch",
                                        "20%",
                                        "Ten-minute pitch and questions",
                                        "Team",
                                    ],
                                    [
                                        "Reflective log",
                                        "15%",
                                        "Weekly entries with dated evidence",
                                        "Individual",
                                    ],
                                ],
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Listing portfolio rubric (Markdown)",
                                "filename": "listing-portfolio-rubric.md",
                                "content": (
                                    "# Listing portfolio rubric (30% of module)\n"
                                    "\n"
                                    "Score each criterion 1-4, then apply the weight.\n"
                                    "\n"
                                    "| Criterion (weight) | 4 Excellent | 3 Good "
                                    "| 2 Developing | 1 Beginning |\n"
                                    "| --- | --- | --- | --- | --- |\n"
                                    "| Listing quality (30%) | Accurate, buyer-focused "
                                    "title and description; meets every platform rule "
                                    "| Accurate; minor gaps in rules or keywords "
                                    "| Some inaccuracies or missing attributes "
                                    "| Inaccurate or breaks platform rules |\n"
                                    "| Photos and product data (20%) | Clear photos on plain "
                                    "background, true colour, all sizes and weights given "
                                    "| Good photos; one data item missing "
                                    "| Photos unclear or colours misleading "
                                    "| Photos unusable; data missing |\n"
                                    "| Pricing and landed cost (25%) | Every cost line "
                                    "sourced; margin justified; assumptions stated "
                                    "| Costs complete; weak justification "
                                    "| Cost lines missing or unsourced "
                                    "| No workable price |\n"
                                    "| Partner collaboration (15%) | Partner approval on "
                                    "file; feedback acted on; professional tone "
                                    "| Approval on file; some feedback ignored "
                                    "| Late or partial approval "
                                    "| No partner approval |\n"
                                    "| Data and ethics (10%) | Photo consent recorded; no "
                                    "personal data exposed; sources credited "
                                    "| Minor omission, fixed when flagged "
                                    "| Consent unclear "
                                    "| Personal data exposed or work copied |\n"
                                    "\n"
                                    "Weighted mark = sum of (score / 4 x weight).\n"
                                    "Never award marks for actual sales: they depend on "
                                    "factors students do not control.\n"
                                ),
                            },
                        ),
                        ("heading", {"text": "Academic integrity in live projects", "level": "h2"}),
                        (
                            "paragraph",
                            (
                                "<p>Live work creates new integrity risks: listings copied "
                                "from competitors, stock photos passed off as the partner's "
                                "products, invented partner approval, free-riding in teams, "
                                "and text generated by AI tools without checking or "
                                "disclosure. Banning AI outright is hard to enforce; it is "
                                "better to state what use is allowed, require disclosure, and "
                                "assess the <i>process</i> as well as the product.</p>"
                            ),
                        ),
                        (
                            "checklist",
                            {
                                "title": "Design integrity in, not on",
                                "items": [
                                    "Publish an AI-use statement: allowed uses and how to "
                                    "disclose them.",
                                    "Require dated drafts and the partner's written approval.",
                                    "Ask for original photos with the phone's file details.",
                                    "Use peer ratings to adjust individual team marks.",
                                    "Hold a short viva: each student explains one decision.",
                                    "Run written work through your institution's "
                                    "similarity-checking tool where one is available.",
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Do not grade on sales",
                                "body": (
                                    "<p>A listing can be excellent and still sell nothing in "
                                    "a semester because of season, exchange rates or platform "
                                    "algorithms. Grade the quality of the work and the "
                                    "reasoning, and share any sales data with students only "
                                    "as feedback.</p>"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Authentic tasks mirror what exporters really produce.",
                                    "Give students the rubric in week one and mark against it.",
                                    "Assess process evidence and hold short vivas to protect "
                                    "integrity.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "teach-assess-quiz",
                    "title": "Quiz: active learning and assessment",
                    "intro": (
                        "Six questions drawn from a pool of seven on cases, live projects, role "
                        "plays and rubrics. You have 20 minutes and three attempts."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": 20,
                    "questions_per_attempt": 6,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_passing",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": (
                                    "In a live marketplace project, who should hold the "
                                    "seller account and its password?"
                                ),
                                "options": [
                                    {
                                        "text": "The partner cooperative",
                                        "is_correct": True,
                                        "feedback": (
                                            "Yes: the business owns its account and publishes "
                                            "approved listings itself."
                                        ),
                                    },
                                    {
                                        "text": "The student team leader",
                                        "is_correct": False,
                                        "feedback": (
                                            "Students leave at semester end, and the account "
                                            "would be out of the owner's control."
                                        ),
                                    },
                                    {
                                        "text": "The lecturer",
                                        "is_correct": False,
                                        "feedback": (
                                            "A lecturer holding a business's credentials "
                                            "creates conflicts and security risks."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "The partner owns all accounts; students draft and the "
                                    "partner approves and publishes."
                                ),
                                "tags": "projects, ethics",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which are features of a good teaching case? Select all "
                                    "that apply."
                                ),
                                "options": [
                                    {
                                        "text": "It ends with a decision someone must make.",
                                        "is_correct": True,
                                        "feedback": "A decision gives the discussion a purpose.",
                                    },
                                    {
                                        "text": "It is built with permission or as a composite.",
                                        "is_correct": True,
                                        "feedback": (
                                            "This protects the business's confidential data."
                                        ),
                                    },
                                    {
                                        "text": "It gives just enough numbers to argue with.",
                                        "is_correct": True,
                                        "feedback": "Numbers let students test their options.",
                                    },
                                    {
                                        "text": "It tells students the right answer at the end.",
                                        "is_correct": False,
                                        "feedback": (
                                            "A case with the answer given leaves nothing to "
                                            "analyse or decide."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Good cases are short, decision-focused, ethically sourced "
                                    "and contain usable evidence."
                                ),
                                "tags": "cases",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": (
                                    "Awarding part of the listing-portfolio mark for the "
                                    "number of products sold is good authentic assessment."
                                ),
                                "correct_answer": "false",
                                "explanation": (
                                    "Sales depend on season, exchange rates and algorithms "
                                    "outside students' control; grade the work and reasoning."
                                ),
                                "tags": "assessment",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": (
                                    "A team scores 3/4 on listing quality (weight 30%), 4/4 "
                                    "on photos (20%), 2/4 on pricing (25%), 3/4 on "
                                    "collaboration (15%) and 4/4 on data and ethics (10%). "
                                    "What is its weighted mark?"
                                ),
                                "answer": 76.25,
                                "tolerance": 0.5,
                                "unit": "%",
                                "explanation": (
                                    "Multiply each score out of 4 by its weight: 0.75 x 30 + "
                                    "1 x 20 + 0.5 x 25 + 0.75 x 15 + 1 x 10 = 22.5 + 20 + "
                                    "12.5 + 11.25 + 10 = 76.25%."
                                ),
                                "tags": "rubrics",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": (
                                    "Put the steps of a live listing project in the right order."
                                ),
                                "items": [
                                    "Partner agreement signed",
                                    "Product audit and photos",
                                    "Draft listings in a shared sheet",
                                    "Cooperative approves the drafts",
                                    "Cooperative publishes from its account",
                                    "Review and handover",
                                ],
                                "explanation": (
                                    "Agreement first, then audit, drafting, approval and "
                                    "publication by the partner, and finally a handover."
                                ),
                                "tags": "projects",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": (
                                    "What is the marking tool called that lists criteria and "
                                    "describes performance at each level (one word)?"
                                ),
                                "accepted_answers": ["rubric", "rubrics", "marking rubric"],
                                "explanation": (
                                    "A rubric sets out criteria and level descriptors so "
                                    "marking is consistent and transparent."
                                ),
                                "tags": "rubrics",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which measures help protect academic integrity in a team "
                                    "listing project? Select all that apply."
                                ),
                                "options": [
                                    {
                                        "text": "Dated drafts and the partner's written approval",
                                        "is_correct": True,
                                        "feedback": "Process evidence is hard to fake.",
                                    },
                                    {
                                        "text": "A short viva on one decision per student",
                                        "is_correct": True,
                                        "feedback": (
                                            "Explaining a decision shows who understood the work."
                                        ),
                                    },
                                    {
                                        "text": "A clear AI-use and disclosure statement",
                                        "is_correct": True,
                                        "feedback": (
                                            "Students know what is allowed and must say how "
                                            "they used tools."
                                        ),
                                    },
                                    {
                                        "text": "Accepting stock photos to save time",
                                        "is_correct": False,
                                        "feedback": (
                                            "Stock photos misrepresent the partner's products "
                                            "and invite copying."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Design integrity in through process evidence, vivas and "
                                    "clear rules on AI use."
                                ),
                                "tags": "integrity",
                            },
                        ),
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ module 3
        {
            "slug": "industry-isoko",
            "title": "Working with industry and Isoko",
            "summary": (
                "Bring exporters, agencies and cooperatives into your teaching ethically, and "
                "use Isoko to support students before, during and after class."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "industry",
                    "title": "Guest speakers, internships and project ethics",
                    "summary": (
                        "Get real value from industry contacts and protect the businesses and "
                        "students involved."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Guest speakers who teach", "level": "h2"}),
                        (
                            "paragraph",
                            (
                                "<p>A guest talk is only as good as its brief. Send the "
                                "speaker the week's outcome and one question to answer, for "
                                'example: <i>"Walk us through your last export order, from '
                                "the buyer's first message to payment.\"</i> Ask students to "
                                "prepare questions in advance, and record the talk only with "
                                "the speaker's permission.</p>"
                                "<p>Useful voices include a coffee or tea exporter registered "
                                "with NAEB, a freight forwarder or courier, an officer who can "
                                "explain customs and the Rwanda Electronic Single Window "
                                "(ReSW), a cooperative leader, and a seller already active on "
                                "an online marketplace.</p>"
                            ),
                        ),
                        ("heading", {"text": "Internships with exporters", "level": "h2"}),
                        (
                            "table",
                            {
                                "caption": "Internship and placement options",
                                "columns": ["Partner", "Students can", "Agree first"],
                                "rows": [
                                    [
                                        "Coffee or tea exporter",
                                        "Update product sheets, track samples, answer buyers",
                                        "Supervisor, confidentiality of prices",
                                    ],
                                    [
                                        "Handicraft cooperative",
                                        "Photograph stock, draft listings, train members",
                                        "Photo consent, who publishes",
                                    ],
                                    [
                                        "Freight forwarder or courier",
                                        "Prepare shipping quotes and document checklists",
                                        "Access to client data, supervision",
                                    ],
                                    [
                                        "Tour operator or hotel",
                                        "Build online packages in line with Visit Rwanda",
                                        "Booking system access, brand rules",
                                    ],
                                    [
                                        "Public agency or business association",
                                        "Research SME needs, support training events",
                                        "Scope, reporting line, publication rights",
                                    ],
                                ],
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Ethics of student projects with real businesses",
                                "level": "h2",
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": (
                                    "The students took beautiful photos. Then the semester "
                                    "ended and nobody could change the prices. Next time, "
                                    "teach our secretary too."
                                ),
                                "attribution": (
                                    "Chair of a weaving cooperative, Southern Province "
                                    "(illustrative composite)"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before any student works with a real business",
                                "items": [
                                    "A short written agreement sets scope, dates and contacts.",
                                    "The business can withdraw without harming students' grades.",
                                    "Students never hold the business's passwords or money.",
                                    "Personal data, including photos of members, is handled "
                                    "under Law No 058/2021 on personal data and privacy, with "
                                    "recorded consent.",
                                    "Cost and buyer data stay confidential.",
                                    "Artisans are credited; designs are not reused elsewhere.",
                                    "Students make no promises of sales or orders.",
                                    "Student work does not replace a paid job.",
                                    "The project ends with a handover the partner can run.",
                                ],
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Partner project agreement checklist",
                                "filename": "partner-project-agreement.md",
                                "content": (
                                    "# Student project agreement (summary)\n"
                                    "\n"
                                    "Institution: ____  Module: ____  Semester: ____\n"
                                    "Partner business: ____  Contact person: ____\n"
                                    "\n"
                                    "## Scope\n"
                                    "- Products covered:\n"
                                    "- Deliverables (e.g. 5 draft listings, photo set, "
                                    "pricing sheet):\n"
                                    "- Dates: start ____ / final handover ____\n"
                                    "\n"
                                    "## Roles\n"
                                    "- [ ] Partner owns all accounts and publishes content\n"
                                    "- [ ] Students draft; partner approves in writing\n"
                                    "- [ ] Lecturer supervises and is the escalation contact\n"
                                    "\n"
                                    "## Data and consent\n"
                                    "- [ ] Photo and personal-data consent forms collected\n"
                                    "- [ ] Confidential data listed and stored securely\n"
                                    "- [ ] Handling follows Law No 058/2021\n"
                                    "\n"
                                    "## Fairness\n"
                                    "- [ ] No promise of sales or income\n"
                                    "- [ ] Partner may withdraw; students get a fallback "
                                    "brief\n"
                                    "- [ ] Handover session for partner staff planned\n"
                                    "\n"
                                    "Signed (partner): ____  Signed (lecturer): ____\n"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Brief every guest speaker with an outcome and a question.",
                                    "Agree supervision and confidentiality before placements.",
                                    "Put the partner's interests first: consent, control of "
                                    "accounts, no promises, and a real handover.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "using-isoko",
                    "title": "Using Isoko with your students",
                    "summary": (
                        "Use Isoko's short lessons, graded quizzes and certificates to support a "
                        "flipped, phone-friendly module."
                    ),
                    "estimated_minutes": 15,
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Isoko is the free digital-trade academy of Rwanda's eWTP "
                                "partnership. Its entrepreneur courses on listings, payments, "
                                "logistics and export paperwork are written for phones and "
                                "slow connections, which makes them good pre-class reading. "
                                "Students create their own account with an e-mail address; "
                                "the interface is available in English, French, Kinyarwanda, "
                                "Swahili and Chinese.</p>"
                            ),
                        ),
                        ("heading", {"text": "Four ways to use Isoko in a module", "level": "h2"}),
                        (
                            "table",
                            {
                                "caption": "Isoko in your teaching",
                                "columns": ["Use", "How", "Fits week"],
                                "rows": [
                                    [
                                        "Flipped preparation",
                                        "Assign one short lesson before each workshop",
                                        "2-8",
                                    ],
                                    [
                                        "Formative checks",
                                        "Students take the lesson's quiz; discuss common "
                                        "errors in class",
                                        "2-8",
                                    ],
                                    [
                                        "Evidence for CVs",
                                        "Students earn verifiable certificates for completed "
                                        "courses",
                                        "Any",
                                    ],
                                    [
                                        "Partner training",
                                        "Cooperative staff take the same courses to sustain "
                                        "the project",
                                        "11-12",
                                    ],
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "A flipped week with Isoko",
                                    "steps": [
                                        "Student reads Isoko lesson",
                                        "Takes the lesson quiz",
                                        "Workshop applies the idea",
                                        "Reflective log entry",
                                    ],
                                },
                                "alt": (
                                    "Four steps: the student reads an Isoko lesson, takes the "
                                    "lesson quiz, applies the idea in a workshop, and writes a "
                                    "reflective log entry."
                                ),
                                "caption": (
                                    "Class time goes to applying ideas, not repeating them."
                                ),
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Use the quiz results as teaching data. Start the "
                                "workshop by asking which question the class found hardest, "
                                "and spend ten minutes on it. Lecturers who want to add "
                                "their own Rwandan cases to Isoko can ask the Isoko team "
                                "about a trainer account; new lessons are checked by "
                                "reviewers before they are published.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Plan for data costs",
                                "body": (
                                    "<p>Assign Isoko lessons a few days ahead so students can "
                                    "open them on campus Wi-Fi. Keep to one or two short "
                                    "lessons a week, and let students who lack a phone use a "
                                    "lab session.</p>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Certificates and storefronts are personal",
                                "body": (
                                    "<ul>"
                                    "<li>An Isoko certificate shows a learner completed a "
                                    "course; it does not replace your own assessment.</li>"
                                    "<li>Storefront applications belong to the business "
                                    "itself. Students must never apply on a cooperative's "
                                    "behalf; help its staff do it instead.</li>"
                                    "</ul>"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "First-week set-up",
                                "items": [
                                    "Take the entrepreneur courses yourself before assigning them.",
                                    "List which Isoko lessons match which syllabus weeks.",
                                    "Ask students to register and choose their audience in week 1.",
                                    "Ask your Isoko administrator whether a cohort can be "
                                    "set up for your class.",
                                    "Explain that Isoko quizzes are practice, not module marks.",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Use Isoko lessons as phone-friendly pre-class reading.",
                                    "Use its quizzes for formative checks and its "
                                    "certificates as CV evidence.",
                                    "Partners' own staff, not students, apply for storefronts.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "industry-isoko-quiz",
                    "title": "Quiz: industry partnerships and Isoko",
                    "intro": (
                        "Seven questions on guest speakers, internships, project ethics and "
                        "Isoko. Full feedback appears after your last attempt."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": None,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_last_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": (
                                    "What makes a guest talk by an exporter most useful for "
                                    "learning?"
                                ),
                                "options": [
                                    {
                                        "text": (
                                            "A brief with the week's outcome and one concrete "
                                            "question to answer"
                                        ),
                                        "is_correct": True,
                                        "feedback": (
                                            "A focused brief ties the talk to what students "
                                            "must learn."
                                        ),
                                    },
                                    {
                                        "text": "Letting the speaker present their company",
                                        "is_correct": False,
                                        "feedback": (
                                            "A company presentation rarely teaches the week's "
                                            "outcome."
                                        ),
                                    },
                                    {
                                        "text": "Recording the talk without asking",
                                        "is_correct": False,
                                        "feedback": (
                                            "Recording needs the speaker's permission first."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Brief speakers with the outcome and a question, and "
                                    "prepare students' questions in advance."
                                ),
                                "tags": "industry",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which belong in an agreement with a partner cooperative? "
                                    "Select all that apply."
                                ),
                                "options": [
                                    {
                                        "text": "Scope, dates and contact people",
                                        "is_correct": True,
                                        "feedback": "Everyone needs to know what and when.",
                                    },
                                    {
                                        "text": "Photo and personal-data consent",
                                        "is_correct": True,
                                        "feedback": (
                                            "Consent is needed for photos of members and "
                                            "their data."
                                        ),
                                    },
                                    {
                                        "text": "A handover plan for the partner's staff",
                                        "is_correct": True,
                                        "feedback": (
                                            "A handover keeps the work useful after the semester."
                                        ),
                                    },
                                    {
                                        "text": "A guaranteed number of sales",
                                        "is_correct": False,
                                        "feedback": (
                                            "Students must never promise sales or income."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Agreements cover scope, roles, consent, confidentiality, "
                                    "withdrawal and handover, never promised sales."
                                ),
                                "tags": "ethics, partners",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": (
                                    "Students may apply for a storefront through Isoko on "
                                    "behalf of the cooperative they worked with."
                                ),
                                "correct_answer": "false",
                                "explanation": (
                                    "A storefront application belongs to the business itself; "
                                    "students help its staff apply."
                                ),
                                "tags": "isoko, ethics",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": (
                                    "Which Rwandan law governs how students handle personal "
                                    "data, such as photos of cooperative members? Give its "
                                    "number."
                                ),
                                "accepted_answers": [
                                    "058/2021",
                                    "58/2021",
                                    "Law No 058/2021",
                                    "Law 058/2021",
                                ],
                                "explanation": (
                                    "Law No 058/2021 on the protection of personal data and "
                                    "privacy applies to personal data handled in projects."
                                ),
                                "tags": "data, ethics",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": (
                                    "Your class of 60 students works in teams of 4. Each team "
                                    "drafts 5 listings for the partner cooperative. How many "
                                    "draft listings must the cooperative review?"
                                ),
                                "answer": 75.0,
                                "tolerance": 0.0,
                                "unit": "listings",
                                "explanation": (
                                    "60 / 4 = 15 teams; 15 x 5 = 75 drafts. Check that the "
                                    "partner has time to review that many, or reduce the load."
                                ),
                                "tags": "projects",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps of a flipped week with Isoko in order.",
                                "items": [
                                    "Student reads the Isoko lesson",
                                    "Student takes the lesson quiz",
                                    "Class workshop applies the idea",
                                    "Student writes a reflective log entry",
                                ],
                                "explanation": (
                                    "Preparation and a quick check come before class, so class "
                                    "time goes to application, followed by reflection."
                                ),
                                "tags": "isoko, flipped",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": (
                                    "How should a student's Isoko certificate count in your module?"
                                ),
                                "options": [
                                    {
                                        "text": (
                                            "As evidence of preparation, not as a replacement "
                                            "for your assessment"
                                        ),
                                        "is_correct": True,
                                        "feedback": (
                                            "Right: it shows completion; your tasks assess the "
                                            "module outcomes."
                                        ),
                                    },
                                    {
                                        "text": "As the student's final module mark",
                                        "is_correct": False,
                                        "feedback": (
                                            "A certificate does not assess your specific "
                                            "module outcomes."
                                        ),
                                    },
                                    {
                                        "text": "Not at all; students should not use Isoko",
                                        "is_correct": False,
                                        "feedback": (
                                            "Isoko is useful preparation and gives verifiable "
                                            "CV evidence."
                                        ),
                                    },
                                ],
                                "explanation": (
                                    "Isoko certificates are personal evidence of completed "
                                    "courses; your rubric assesses the module."
                                ),
                                "tags": "isoko, assessment",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
