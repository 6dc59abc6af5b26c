"""eWTP seller readiness: onboarding, KYC, listings, SKUs and translations for Rwandan coffee."""

COURSE = {
    "slug": "ewtp-seller-readiness-coffee",
    "title": "eWTP seller readiness: selling Rwandan coffee across borders",
    "summary": (
        "Get verified on a cross-border marketplace, understand NAEB's role and the language "
        "of specialty coffee, build clear listings with a consistent SKU scheme, and adapt "
        "them for Chinese and French-speaking buyers."
    ),
    "audiences": ["entrepreneurs"],
    "topics": ["coffee", "marketplaces", "listings"],
    "level": "beginner",
    "format": "self_paced",
    "estimated_hours": 6,
    "outcomes": [
        "By the end you can list the documents a cross-border marketplace asks for and say "
        "where to obtain each one in Rwanda.",
        "By the end you can explain NAEB's role in coffee exports and know when to contact it.",
        "By the end you can describe a coffee accurately using specialty vocabulary: variety, "
        "process, cupping score and tasting notes.",
        "By the end you can design a consistent SKU scheme and fill in a coffee listing template.",
        "By the end you can prepare French and Chinese listings that avoid common "
        "machine-translation mistakes.",
    ],
    "prerequisites": [],
    "issues_certificate": True,
    "qualifies_for_storefront": True,
    "enrolment_open": True,
    "modules": [
        {
            "slug": "get-verified",
            "title": "Get verified: onboarding, KYC and coffee export basics",
            "summary": (
                "The documents marketplaces ask for, where to get them in Rwanda, NAEB's role "
                "and the specialty coffee words buyers expect."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "onboarding-kyc",
                    "title": "Marketplace onboarding and KYC: getting verified to sell",
                    "summary": (
                        "What seller verification is, the four documents behind it and how to "
                        "avoid the mismatches that delay approval."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            "<p>Before a cross-border marketplace lets you list a single bag of "
                            "coffee, it must know who you are, that your business legally "
                            "exists and where to send your money. This check is called "
                            "<b>KYC</b> (know your customer) or seller verification. Platforms "
                            "must do it to fight fraud, money laundering and counterfeits, and "
                            "they take it seriously: a mismatch between two documents is one "
                            "of the most common reasons an application is delayed.</p>"
                            "<p>The good news: almost everything a marketplace asks for, you "
                            "obtain once, at home, from institutions you already know.</p>",
                        ),
                        ("heading", {"text": "The four building blocks", "level": "h2"}),
                        (
                            "table",
                            {
                                "caption": "What you need and where it comes from",
                                "columns": [
                                    "Requirement",
                                    "Where you get it in Rwanda",
                                    "What the marketplace checks",
                                ],
                                "rows": [
                                    [
                                        "Business registration",
                                        "Rwanda Development Board (RDB), online. Cooperatives "
                                        "are registered by the Rwanda Cooperative Agency "
                                        "(RCA) instead.",
                                        "Legal name, registration number and date, type of "
                                        "business, and that it is active.",
                                    ],
                                    [
                                        "Tax identification number (TIN)",
                                        "Rwanda Revenue Authority (RRA). For companies "
                                        "registered with RDB it is normally issued during "
                                        "registration; confirm it on your certificate.",
                                        "That the TIN belongs to the same legal name; some "
                                        "platforms also ask about VAT status.",
                                    ],
                                    [
                                        "Payout account",
                                        "A business account at a licensed bank such as Bank "
                                        "of Kigali, ideally able to receive foreign currency. "
                                        "MTN MoMo or Airtel Money for local payments.",
                                        "That the account holder is exactly the registered "
                                        "business, not a person.",
                                    ],
                                    [
                                        "Identity and address",
                                        "National ID or passport for each director and main "
                                        "owner; a utility bill, lease or bank statement for "
                                        "the business address.",
                                        "Valid, clear, uncropped images; address documents "
                                        "issued recently, within the period the platform sets.",
                                    ],
                                ],
                            },
                        ),
                        (
                            "heading",
                            {"text": "What cross-border marketplaces usually ask", "level": "h3"},
                        ),
                        (
                            "paragraph",
                            "<ul><li><b>Business details</b>: legal name, registration number, "
                            "registered address, and a phone and email someone checks daily."
                            "</li><li><b>Beneficial owners</b>: the people who own or control "
                            "the business above a threshold the platform sets, with their IDs."
                            "</li><li><b>Representative check</b>: some platforms run a short "
                            "video call or ask for a photo of you holding your ID.</li>"
                            "<li><b>Bank proof</b>: a bank letter or recent statement showing "
                            "the account name and number.</li><li><b>Category approval</b>: "
                            "coffee is a food, so expect questions about food safety, labelling "
                            "and export permissions before listings go live.</li><li><b>Brand "
                            "proof</b> (optional but useful): a trademark registered with RDB "
                            "helps you claim your brand page and remove copycats.</li></ul>"
                            "<p>Most platforms pay out only to a bank account in the business "
                            "name, often in US dollars. Ask your bank how foreign-currency "
                            "receipts are handled, and keep mobile money for local costs such "
                            "as paying farmers, couriers and packaging suppliers.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Names must match, letter for letter",
                                "body": (
                                    "<p>If your RDB certificate says <i>Kivu Ubwiza Coffee "
                                    "Ltd</i>, your payout account must not be called <i>Ubwiza "
                                    "Coffee</i> or carry the founder's personal name. Reviewers "
                                    'compare documents line by line; a missing "Ltd", a '
                                    "different spelling or a personal account usually means "
                                    "rejection or a request for more documents.</p><p>Fix "
                                    "mismatches at the source, with your bank or RDB, before "
                                    "you apply.</p>"
                                ),
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Onboarding path for a Rwandan seller",
                                    "steps": [
                                        "Register with RDB",
                                        "Confirm TIN with RRA",
                                        "Open business account",
                                        "Scan ID and address proof",
                                        "Submit platform KYC",
                                        "Answer reviewer queries",
                                    ],
                                },
                                "alt": (
                                    "Six steps in a row: register with RDB, confirm TIN with "
                                    "RRA, open a business account, scan ID and address proof, "
                                    "submit platform KYC, answer reviewer queries."
                                ),
                                "caption": (
                                    "Do the first four steps at home; the platform only "
                                    "checks what you prepared."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before you press Submit",
                                "items": [
                                    "Registration certificate saved as a clear PDF",
                                    "TIN written exactly as in RRA records",
                                    "Bank letter or statement in the business name",
                                    "Valid ID or passport for every director and owner listed",
                                    "Proof of address dated within the period the platform "
                                    "asks for",
                                    "A business email and phone number someone checks daily",
                                    "NAEB registration details ready if you will export "
                                    "coffee yourself",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "KYC proves who you are, that your business exists and "
                                    "where your money goes.",
                                    "RDB (or RCA for cooperatives), RRA and your bank supply "
                                    "nearly every document.",
                                    "The payout account must be in the exact registered "
                                    "business name.",
                                    "Check each platform's current list; requirements differ "
                                    "and change.",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "naeb-coffee-grading",
                    "title": "NAEB and the language of specialty coffee",
                    "summary": (
                        "How NAEB supports and regulates coffee exports, and the grading words "
                        "buyers look for: process, variety, cupping score and tasting notes."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": False,
                    "body": [
                        (
                            "heading",
                            {"text": "Why NAEB matters to an online coffee seller", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>The National Agricultural Export Development Board (NAEB) is "
                            "the government agency that develops and regulates exports of "
                            "coffee, tea, horticulture and other agricultural products. For "
                            "coffee, its work touches almost every bag that leaves Rwanda:</p>"
                            "<ul><li><b>Registration</b> of coffee processors and exporters."
                            "</li><li><b>Quality control</b>: export lots are sampled and "
                            "checked, and NAEB issues the quality and origin documents that "
                            "buyers and customs ask for.</li><li><b>Farm-gate pricing</b>: each "
                            "season NAEB publishes a reference price for coffee cherries, which "
                            "protects farmers and shapes your costs.</li><li><b>Promotion</b>: "
                            "trade fairs, competitions and programmes such as eWTP that help "
                            "Rwandan coffee reach new buyers.</li></ul>"
                            "<p>Even if you sell only a few hundred bags a year online, your "
                            "coffee is still an export. Before your first shipment, ask NAEB "
                            "which registration and documents apply to your case (roasted "
                            "coffee in small parcels, green coffee for a roaster abroad, or "
                            "stock sent to a warehouse in the buyer's country) and how the "
                            "steps run through the Rwanda Electronic Single Window (ReSW).</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "File certificates by lot",
                                "body": (
                                    "<p>Marketplaces and importers increasingly ask you to "
                                    "prove origin and quality. Keep one folder per lot with "
                                    "the NAEB documents, the cupping sheet and the supplier "
                                    "invoice, named with the SKU and lot number. Answering a "
                                    "buyer's question then takes minutes, not days.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Specialty coffee vocabulary, simply explained",
                                "level": "h2",
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Words buyers expect on a Rwandan coffee listing",
                                "columns": ["Term", "What it means", "How to use it"],
                                "rows": [
                                    [
                                        "Arabica, Bourbon",
                                        "Arabica is the coffee species; Bourbon (mostly Red "
                                        "Bourbon) is the variety grown on most Rwandan farms.",
                                        '"100% Arabica, Red Bourbon"',
                                    ],
                                    [
                                        "Washing station",
                                        "Where cherries are pulped, fermented, washed and "
                                        "dried; in Rwanda often called a CWS.",
                                        "Name the station: buyers value exact origin.",
                                    ],
                                    [
                                        "Fully washed",
                                        "Fruit removed, beans fermented and washed, then "
                                        "dried on raised beds; a clean, bright cup.",
                                        '"Process: fully washed"',
                                    ],
                                    [
                                        "Natural",
                                        "Whole cherries dried with the fruit on; a fruitier, "
                                        "heavier cup.",
                                        '"Process: natural", never as a health claim',
                                    ],
                                    [
                                        "Honey",
                                        "Skin removed but some sticky fruit (mucilage) left "
                                        "on the bean while it dries.",
                                        '"Process: honey"',
                                    ],
                                    [
                                        "Cupping score",
                                        "Points out of 100 from trained tasters using a "
                                        "standard protocol; 80 or more is called specialty.",
                                        'Only with a score sheet: "Cupping score 86"',
                                    ],
                                    [
                                        "Tasting notes",
                                        "Flavours tasters find in the cup, not added flavourings.",
                                        '"Notes: red berries, black tea, honey"',
                                    ],
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": (
                                    "A cupping score is a promise. If you print 86 on the bag, "
                                    "the coffee inside must taste like an 86, and you must be "
                                    "able to show the score sheet."
                                ),
                                "attribution": (
                                    "Quality manager at a washing station in Western "
                                    "Province (illustrative)"
                                ),
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Kivu Ubwiza Coffee prepares its first online lot "
                                "(illustrative)",
                                "context": (
                                    "<p>Kivu Ubwiza Coffee Ltd is a fictional small roaster "
                                    "in Rusizi District that buys fully washed coffee from two "
                                    "washing stations near Lake Kivu. Its founder, Aline, "
                                    "wants to sell 250 g bags through a cross-border "
                                    'marketplace.</p><p>Her first draft said: <i>"Best '
                                    'Rwandan coffee, natural and organic, score 90+."</i> '
                                    "When she checked, the lot was fully washed, not natural; "
                                    "there was no organic certificate; and the only cupping "
                                    "score she had was 85.5, from the exporter's lab.</p>"
                                    '<p>She rewrote it: <i>"Rwanda, Lake Kivu. Red Bourbon, '
                                    "fully washed. Cupping score 85.5 (exporter's cupping, "
                                    "2024 harvest). Notes: blackcurrant, black tea, brown "
                                    'sugar."</i> She also asked NAEB which documents she '
                                    "needed to ship roasted coffee in small parcels.</p>"
                                ),
                                "reflection_question": (
                                    "Which claims in your own product description could you "
                                    "prove with a document today, and which should you remove "
                                    "or reword?"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Selling online is still exporting: check with NAEB "
                                    "before the first shipment.",
                                    "Process words (washed, natural, honey) describe how the "
                                    "coffee was made, not its health value.",
                                    "Specialty means a cupping score of 80 or more; print a "
                                    "score only if you can show the sheet.",
                                    "Exact origin, variety and honest tasting notes sell "
                                    "better than superlatives.",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "get-verified-quiz",
                    "title": "Check: onboarding, KYC and coffee basics",
                    "intro": (
                        "Seven questions on seller verification, NAEB and specialty coffee "
                        "vocabulary. You need 70% to pass and have three attempts."
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
                                "prompt": (
                                    'Your RDB certificate reads "Kivu Ubwiza Coffee Ltd". '
                                    "Which payout account is most likely to pass verification?"
                                ),
                                "options": [
                                    {
                                        "text": 'A business bank account named "Kivu Ubwiza '
                                        'Coffee Ltd"',
                                        "is_correct": True,
                                        "feedback": "Correct: the account holder matches the "
                                        "registered name exactly.",
                                    },
                                    {
                                        "text": "The founder's personal mobile-money wallet",
                                        "is_correct": False,
                                        "feedback": "A personal wallet does not match the "
                                        "business name, and many platforms do not pay out "
                                        "to wallets.",
                                    },
                                    {
                                        "text": 'A bank account named "Ubwiza Coffee"',
                                        "is_correct": False,
                                        "feedback": "Close is not enough: the missing words "
                                        "make the names differ and trigger a review.",
                                    },
                                    {
                                        "text": "A relative's bank account abroad",
                                        "is_correct": False,
                                        "feedback": "Paying out to a third party is a fraud "
                                        "signal and will be refused.",
                                    },
                                ],
                                "explanation": (
                                    "Marketplaces pay out only to an account held by the "
                                    "verified business, so the holder name must match the "
                                    "registration certificate letter for letter."
                                ),
                                "tags": "kyc, payouts",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which of these does a cross-border marketplace commonly "
                                    "ask for during seller verification? Select all that apply."
                                ),
                                "options": [
                                    {
                                        "text": "Your business registration certificate",
                                        "is_correct": True,
                                        "feedback": "Yes: it proves the business legally exists.",
                                    },
                                    {
                                        "text": "ID for directors and beneficial owners",
                                        "is_correct": True,
                                        "feedback": "Yes: platforms must know who owns and "
                                        "controls the seller.",
                                    },
                                    {
                                        "text": "Recent proof of the business address",
                                        "is_correct": True,
                                        "feedback": "Yes: a recent utility bill, lease or "
                                        "bank statement is typical.",
                                    },
                                    {
                                        "text": "The passwords of your social media accounts",
                                        "is_correct": False,
                                        "feedback": "No legitimate platform asks for "
                                        "passwords; treat such a request as a scam.",
                                    },
                                    {
                                        "text": "A cupping score sheet for every lot",
                                        "is_correct": False,
                                        "feedback": "Score sheets support listing claims, but "
                                        "they are not part of identity checks.",
                                    },
                                ],
                                "explanation": (
                                    "KYC covers the business (registration), the people behind "
                                    "it (IDs) and where it is (address), plus a payout account "
                                    "in its name."
                                ),
                                "tags": "kyc",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": (
                                    "Because you sell only small parcels to consumers, your "
                                    "roasted coffee is not an export and NAEB never needs to "
                                    "be consulted."
                                ),
                                "correct_answer": "false",
                                "explanation": (
                                    "Coffee that leaves Rwanda is an export whatever the "
                                    "parcel size; ask NAEB which registration and documents "
                                    "apply before the first shipment."
                                ),
                                "tags": "naeb, export",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": (
                                    "On the standard 100-point cupping scale, what is the "
                                    "minimum score usually needed to call a coffee specialty?"
                                ),
                                "answer": 80.0,
                                "tolerance": 0.0,
                                "unit": "points",
                                "explanation": (
                                    "Coffees scoring 80 points or more on the specialty "
                                    "cupping protocol are called specialty; many fine Rwandan "
                                    "lots score in the mid-80s."
                                ),
                                "tags": "grading",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": (
                                    "In one word: what is the process called in which coffee "
                                    "cherries are dried whole, with the fruit still on the "
                                    "bean?"
                                ),
                                "accepted_answers": [
                                    "natural",
                                    "natural process",
                                    "dry process",
                                    "dry",
                                ],
                                "explanation": (
                                    "Natural (or dry) process coffee is dried inside the whole "
                                    "cherry; washed coffee has the fruit removed before drying."
                                ),
                                "tags": "grading",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put these onboarding steps in the right order.",
                                "items": [
                                    "Register the business with RDB",
                                    "Confirm the TIN with RRA",
                                    "Open a bank account in the business name",
                                    "Submit KYC documents on the marketplace",
                                    "Answer reviewer queries and list products",
                                ],
                                "explanation": (
                                    "Each step depends on the one before: the bank needs your "
                                    "registration and TIN, and the marketplace needs all three."
                                ),
                                "tags": "kyc",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": 'On a Rwandan coffee listing, what does "fully '
                                'washed" describe?',
                                "options": [
                                    {
                                        "text": "How the cherries were processed before drying",
                                        "is_correct": True,
                                        "feedback": "Correct: the fruit was removed and the "
                                        "beans fermented and washed.",
                                    },
                                    {
                                        "text": "How clean the packaging is",
                                        "is_correct": False,
                                        "feedback": "It is a processing term, not a hygiene "
                                        "claim about the bag.",
                                    },
                                    {
                                        "text": "The roast level",
                                        "is_correct": False,
                                        "feedback": "Roast level is light, medium or dark; "
                                        "washing happens long before roasting.",
                                    },
                                    {
                                        "text": "That the caffeine has been removed",
                                        "is_correct": False,
                                        "feedback": "Decaffeination is a separate process and "
                                        "must be stated explicitly.",
                                    },
                                ],
                                "explanation": (
                                    "Fully washed is the main process at Rwandan washing "
                                    "stations and gives a clean, bright cup."
                                ),
                                "tags": "grading",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "list-and-translate",
            "title": "List and translate: listings, SKUs and foreign-language buyers",
            "summary": (
                "Write listings buyers trust, code every variant with a clear SKU and adapt "
                "listings for Chinese and French-speaking markets."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "listings-skus",
                    "title": "Product listings and a SKU scheme for specialty coffee",
                    "summary": (
                        "What a strong coffee listing contains and how to build SKUs from "
                        "origin, process, roast, form and weight."
                    ),
                    "estimated_minutes": 22,
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            "<p>A listing is both your shop window and your promise to the "
                            "buyer. A <b>SKU</b> (stock keeping unit) is the short code for each "
                            "exact variant you sell. The marketplace, your stock sheet, your "
                            "accountant and your shipping paperwork all rely on it, so a clear "
                            "scheme from day one saves painful clean-ups later.</p>",
                        ),
                        (
                            "heading",
                            {"text": "What a strong coffee listing contains", "level": "h2"},
                        ),
                        (
                            "checklist",
                            {
                                "title": "Listing essentials",
                                "items": [
                                    "Title: brand + origin + process + roast + form + weight, "
                                    'e.g. "Kivu Ubwiza Rwanda Lake Kivu Fully Washed Light '
                                    'Roast Whole Bean 250 g"',
                                    "Origin: country, region or district, washing station",
                                    "Variety, process and altitude",
                                    "Roast level and form (whole bean or grind size)",
                                    "Net weight in grams",
                                    "Roast date or best-before date, and storage advice",
                                    "Tasting notes and a simple brewing suggestion",
                                    "At least four sharp photos: front, back label, beans, cup",
                                    "Ingredients (100% Arabica coffee) and the name and "
                                    "address of the packer",
                                ],
                            },
                        ),
                        ("heading", {"text": "Designing your SKU scheme", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Build every SKU from the same five segments, always in the "
                            "same order, separated by hyphens. Follow a few rules:</p><ul>"
                            "<li>Use capital letters, digits and hyphens only: spaces, accents "
                            "and slashes break spreadsheets and bulk uploads.</li><li>Give "
                            "each segment a fixed length so codes sort neatly.</li><li>One SKU "
                            "per variant the buyer can choose: a different size or grind is a "
                            "different SKU.</li><li>Keep price, year and language out of the "
                            "SKU; they change.</li><li>Never reuse a retired SKU for another "
                            "product: old orders and reviews still point to it.</li><li>Use "
                            "the same SKU on every marketplace and in every language.</li></ul>",
                        ),
                        (
                            "table",
                            {
                                "caption": "A five-part SKU scheme for specialty coffee",
                                "columns": ["Segment", "Codes", "Example"],
                                "rows": [
                                    [
                                        "Origin or washing station",
                                        "3 letters per station or region you buy from",
                                        "UBW (Ubwiza station, fictional)",
                                    ],
                                    ["Process", "W washed, N natural, H honey", "W"],
                                    ["Roast", "G green, L light, M medium, D dark", "L"],
                                    [
                                        "Form",
                                        "B whole bean, F filter grind, E espresso grind",
                                        "B",
                                    ],
                                    ["Net weight", "Grams, always 4 digits", "0250"],
                                    ["Full SKU", "Segments joined by hyphens", "UBW-W-L-B-0250"],
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Reading the SKU UBW-W-L-B-0250",
                                    "steps": [
                                        "UBW: washing station",
                                        "W: process (washed)",
                                        "L: roast (light)",
                                        "B: form (whole bean)",
                                        "0250: weight in grams",
                                    ],
                                },
                                "alt": (
                                    "The SKU UBW-W-L-B-0250 split into five parts: UBW "
                                    "washing station, W washed process, L light roast, B "
                                    "whole bean, 0250 grams."
                                ),
                                "caption": "Anyone in your team can read the product from "
                                "the code.",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "One coffee, six SKUs",
                                "body": (
                                    "<p>Kivu Ubwiza (illustrative) sells its washed light "
                                    "roast in 250 g and 500 g bags, as whole bean, filter or "
                                    "espresso grind: 2 x 3 = 6 SKUs, from UBW-W-L-B-0250 to "
                                    "UBW-W-L-E-0500. Each has its own stock count and price."
                                    "</p><p>The harvest year and lot number are <b>not</b> in "
                                    "the SKU. Print them on the bag and keep them in your "
                                    "batch records, so the SKU stays the same next season "
                                    "while each lot stays traceable.</p>"
                                ),
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Coffee listing template (CSV)",
                                "filename": "coffee_listing_template.csv",
                                "content": (
                                    "sku,title,station,district,variety,process,roast,form,"
                                    "net_weight_g,cupping_score,harvest,tasting_notes\n"
                                    "UBW-W-L-B-0250,Kivu Ubwiza Rwanda Fully Washed Light "
                                    "Roast Whole Bean 250 g,Ubwiza,Rusizi,Red Bourbon,washed,"
                                    "light,whole bean,250,85.5,2024,"
                                    '"blackcurrant, black tea, brown sugar"\n'
                                    "UBW-W-L-F-0250,Kivu Ubwiza Rwanda Fully Washed Light "
                                    "Roast Filter Grind 250 g,Ubwiza,Rusizi,Red Bourbon,washed,"
                                    "light,filter grind,250,85.5,2024,"
                                    '"blackcurrant, black tea, brown sugar"\n'
                                    "UBW-W-M-B-0500,Kivu Ubwiza Rwanda Fully Washed Medium "
                                    "Roast Whole Bean 500 g,Ubwiza,Rusizi,Red Bourbon,washed,"
                                    "medium,whole bean,500,85.5,2024,"
                                    '"plum, cocoa, honey"\n'
                                    "KVH-N-L-B-0250,Kivu Ubwiza Rwanda Natural Light Roast "
                                    "Whole Bean 250 g,Kivu Hills,Rusizi,Red Bourbon,natural,"
                                    "light,whole bean,250,86,2024,"
                                    '"strawberry, hibiscus, dark chocolate"\n'
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "A strong title names brand, origin, process, roast, "
                                    "form and weight.",
                                    "Build SKUs from fixed segments: station, process, roast, "
                                    "form, weight.",
                                    "Every variant a buyer can choose needs its own SKU.",
                                    "Track harvest and lot in batch records, not in the SKU.",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "translating-listings",
                    "title": "Writing listings for Chinese and French-speaking buyers",
                    "summary": (
                        "What to translate, what to keep, how to write units, and how to "
                        "avoid the machine-translation mistakes that cost sales."
                    ),
                    "estimated_minutes": 22,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Who you are writing for", "level": "h2"}),
                        (
                            "paragraph",
                            "<p><b>Chinese-speaking buyers</b> are mostly in mainland China, "
                            "reached through platforms in Alibaba's ecosystem, which Rwanda "
                            "connected to when it joined eWTP in 2018. Write in Simplified "
                            "Chinese; Taiwan and Hong Kong read Traditional characters.</p>"
                            "<p><b>French-speaking buyers</b> live in France, Belgium, "
                            "Switzerland and Canada, and across francophone Africa, including "
                            "neighbours such as the DRC and Burundi.</p><p>Buyers search in "
                            "their own language, and a clumsy listing looks unsafe. Good "
                            "translation is part of the product, not decoration.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Translate, keep or convert?",
                                "columns": ["Element", "What to do", "Example"],
                                "rows": [
                                    [
                                        "Title, description, tasting notes",
                                        "Translate, using your glossary",
                                        'black tea: FR "thé noir", ZH "红茶"',
                                    ],
                                    [
                                        "Brand and washing station names",
                                        "Keep as written; agree one Chinese transliteration "
                                        "if you add one",
                                        "Kivu Ubwiza; Rwanda = 卢旺达",
                                    ],
                                    [
                                        "SKU, lot number, harvest year",
                                        "Keep exactly",
                                        "UBW-W-L-B-0250",
                                    ],
                                    [
                                        "Weights",
                                        "Keep metric; write the unit the local way",
                                        'FR "250 g"; ZH "250克"',
                                    ],
                                    [
                                        "Decimals and dates",
                                        "Convert to the local format",
                                        'FR "0,5 kg", "15/03/2025"; ZH "2025年3月15日"',
                                    ],
                                    [
                                        "Certifications and claims",
                                        "Translate only what a certificate proves",
                                        'No "bio" or "有机" (organic) without certification',
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Machine-translation traps in coffee",
                                "body": (
                                    "<ul><li><b>Bourbon</b> can come out as 波本 (the whisky) "
                                    "instead of 波旁 (the coffee variety).</li><li><b>Natural"
                                    '</b> may become 天然 ("pure, natural") instead of 日晒 '
                                    "(sun-dried process), or French <i>naturel</i>, which "
                                    "reads like a health claim: write <i>procédé : nature</i>."
                                    "</li><li><b>Roast</b> may become <i>rôti</i>, as in "
                                    "roast meat; roasted coffee is <i>torréfié</i>.</li><li>"
                                    "<b>Cupping</b> may become <i>ventouses</i>, a medical "
                                    "therapy; use <i>dégustation</i> or <i>score SCA</i>."
                                    "</li><li><b>Black tea</b> as a tasting note is 红茶 "
                                    '(literally "red tea"); 黑茶 is a different, dark '
                                    "fermented tea.</li></ul>"
                                ),
                            },
                        ),
                        ("heading", {"text": "A safe translation workflow", "level": "h3"}),
                        (
                            "paragraph",
                            "<ol><li>Write a clear English master listing: short sentences, "
                            "no idioms, no jokes.</li><li>Build a glossary of terms to "
                            "translate and terms to keep, and reuse it for every product."
                            "</li><li>Translate, with a professional translator or with "
                            "machine translation as a first draft.</li><li>Have a native "
                            "speaker who knows coffee review it; Rwanda has many French "
                            "speakers and graduates of Chinese-language programmes.</li><li>"
                            "Publish, then open the listing on a phone in the target language "
                            "and search for it as a buyer would.</li></ol>",
                        ),
                        (
                            "case_study",
                            {
                                "title": "Kivu Ubwiza's first Chinese listing (illustrative)",
                                "context": (
                                    "<p>Aline pasted her English listing into a free "
                                    "translation tool. The Chinese title called her coffee "
                                    '天然 ("pure natural") and the variety 波本, the whisky. '
                                    "A Rwandan graduate of a Chinese-language programme, "
                                    "paid for two hours of review, spotted both errors and "
                                    'noticed that "black tea" had become 黑茶.</p><p>They '
                                    "built a one-page glossary together. Aline now translates "
                                    "every new listing with the glossary open, and the "
                                    "reviewer checks only the new terms, which takes minutes."
                                    "</p>"
                                ),
                                "reflection_question": (
                                    "Which five words in your own listings would do the most "
                                    "damage if they were mistranslated, and who could check "
                                    "them for you?"
                                ),
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Coffee listing glossary (English, French, Chinese)",
                                "filename": "coffee_glossary_en_fr_zh.md",
                                "content": (
                                    "# Coffee listing glossary\n\n"
                                    "Check new terms with a native speaker before use.\n\n"
                                    "| English | French | Chinese (Simplified) |\n"
                                    "|---|---|---|\n"
                                    "| specialty coffee | café de spécialité | 精品咖啡 |\n"
                                    "| whole bean | grains entiers | 咖啡豆 |\n"
                                    "| ground coffee | café moulu | 咖啡粉 |\n"
                                    "| fully washed | entièrement lavé | 水洗 |\n"
                                    "| natural process | procédé nature | 日晒 |\n"
                                    "| honey process | procédé honey (miel) | 蜜处理 |\n"
                                    "| light roast | torréfaction claire | 浅烘焙 |\n"
                                    "| medium roast | torréfaction moyenne | 中度烘焙 |\n"
                                    "| Bourbon (variety) | Bourbon | 波旁 |\n"
                                    "| cupping score | score de dégustation (SCA) | 杯测分数 |\n"
                                    "| tasting notes | notes de dégustation | 风味 |\n"
                                    "| black tea (note) | thé noir | 红茶 |\n"
                                    "| net weight | poids net | 净含量 |\n"
                                    "| Rwanda | Rwanda | 卢旺达 |\n"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Translate descriptions; keep brand names, SKUs and lot "
                                    "numbers exactly.",
                                    "Keep metric units and write numbers and dates the local way.",
                                    "Never translate a claim you cannot prove with a certificate.",
                                    "Machine translation is a draft: a native speaker who "
                                    "knows coffee must review it.",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "list-and-translate-quiz",
                    "title": "Check: listings, SKUs and translations",
                    "intro": (
                        "Seven questions on listings, SKU design and translating for Chinese "
                        "and French-speaking buyers. You need 75% to pass; retry as often as "
                        "you like."
                    ),
                    "pass_mark": 75,
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
                                "prompt": (
                                    "Using the scheme STATION-PROCESS-ROAST-FORM-WEIGHT, "
                                    "what is the SKU for a washed, medium-roast, filter-grind "
                                    "500 g bag from the Ubwiza station?"
                                ),
                                "options": [
                                    {
                                        "text": "UBW-W-M-F-0500",
                                        "is_correct": True,
                                        "feedback": "Correct: every segment is in order and "
                                        "the weight has four digits.",
                                    },
                                    {
                                        "text": "UBW-W-M-F-500g",
                                        "is_correct": False,
                                        "feedback": "The letter g and the three-digit weight "
                                        "break the fixed-length rule.",
                                    },
                                    {
                                        "text": "Ubwiza washed medium filter 500",
                                        "is_correct": False,
                                        "feedback": "Spaces and full words make this a "
                                        "description, not a code.",
                                    },
                                    {
                                        "text": "UBW-M-W-F-0500",
                                        "is_correct": False,
                                        "feedback": "Roast and process are swapped, so the "
                                        "code would be misread.",
                                    },
                                ],
                                "explanation": (
                                    "A SKU scheme only works if every code follows the same "
                                    "segment order and length: UBW, W, M, F, 0500."
                                ),
                                "tags": "skus",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "Which elements should stay exactly the same in the "
                                    "English, French and Chinese versions of a listing? "
                                    "Select all that apply."
                                ),
                                "options": [
                                    {
                                        "text": "The SKU",
                                        "is_correct": True,
                                        "feedback": "Yes: it is the same product in every "
                                        "language.",
                                    },
                                    {
                                        "text": "The lot number",
                                        "is_correct": True,
                                        "feedback": "Yes: traceability depends on an "
                                        "unchanged lot number.",
                                    },
                                    {
                                        "text": "The brand name",
                                        "is_correct": True,
                                        "feedback": "Yes: keep the brand as written, adding "
                                        "one agreed transliteration if needed.",
                                    },
                                    {
                                        "text": "The tasting notes",
                                        "is_correct": False,
                                        "feedback": "Tasting notes must be translated, "
                                        "carefully, so buyers understand them.",
                                    },
                                ],
                                "explanation": (
                                    "Identifiers (SKU, lot, brand) stay fixed; descriptive "
                                    "text is translated with a glossary."
                                ),
                                "tags": "translation",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": (
                                    'You may add the French word "bio" (organic) to a '
                                    "listing if the farmers use little fertiliser, even "
                                    "without an organic certificate."
                                ),
                                "correct_answer": "false",
                                "explanation": (
                                    '"Bio" and 有机 are regulated organic claims; use them '
                                    "only with a valid organic certificate."
                                ),
                                "tags": "translation, claims",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": (
                                    "A roaster sells one coffee in 250 g, 500 g and 1 kg bags, "
                                    "each as whole bean or filter grind, in light and medium "
                                    "roast. How many SKUs does this need?"
                                ),
                                "answer": 12.0,
                                "tolerance": 0.0,
                                "unit": "SKUs",
                                "explanation": (
                                    "3 weights x 2 forms x 2 roasts = 12 variants, and every "
                                    "variant a buyer can choose needs its own SKU."
                                ),
                                "tags": "skus",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": (
                                    "Which French word should a coffee label use for "
                                    '"roasted", instead of "rôti"?'
                                ),
                                "accepted_answers": [
                                    "torréfié",
                                    "torrefie",
                                    "torréfiée",
                                    "torrefiee",
                                ],
                                "explanation": (
                                    'Roasted coffee is "café torréfié"; "rôti" is used '
                                    "for roast meat and looks like a machine-translation slip."
                                ),
                                "tags": "translation",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps of a safe translation workflow in order.",
                                "items": [
                                    "Write a clear English master listing",
                                    "Build a glossary of terms to translate and keep",
                                    "Produce a first translation",
                                    "Have a native speaker who knows coffee review it",
                                    "Publish and check it on a phone as a buyer would",
                                ],
                                "explanation": (
                                    "A clear source text and a glossary make the translation "
                                    "better; review and a final check catch what is left."
                                ),
                                "tags": "translation",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": (
                                    "A machine translation produced these Chinese terms. "
                                    "Which are errors on a coffee listing? Select all that "
                                    "apply."
                                ),
                                "options": [
                                    {
                                        "text": "波本 for the Bourbon variety",
                                        "is_correct": True,
                                        "feedback": "Error: 波本 is the whisky; the coffee "
                                        "variety is 波旁.",
                                    },
                                    {
                                        "text": "天然 for the natural process",
                                        "is_correct": True,
                                        "feedback": "Error: 天然 means pure or natural; the "
                                        "process is 日晒.",
                                    },
                                    {
                                        "text": "水洗 for washed",
                                        "is_correct": False,
                                        "feedback": "This is correct: 水洗 is the usual term "
                                        "for washed coffee.",
                                    },
                                    {
                                        "text": "卢旺达 for Rwanda",
                                        "is_correct": False,
                                        "feedback": "This is correct: 卢旺达 is the standard "
                                        "Chinese name for Rwanda.",
                                    },
                                ],
                                "explanation": (
                                    "Coffee has its own vocabulary; check every process and "
                                    "variety term against your glossary."
                                ),
                                "tags": "translation",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
    "translations": {
        "fr": {
            "title": (
                "Préparation des vendeurs eWTP : vendre le café rwandais au-delà des frontières"
            ),
            "summary": (
                "Faites vérifier votre entreprise sur une place de marché transfrontalière, "
                "comprenez le rôle du NAEB et le vocabulaire du café de spécialité, créez des "
                "fiches produit claires avec des SKU cohérents et adaptez-les aux acheteurs "
                "sinophones et francophones."
            ),
            "audiences": ["entrepreneurs"],
            "topics": ["coffee", "marketplaces", "listings"],
            "level": "beginner",
            "format": "self_paced",
            "estimated_hours": 6,
            "outcomes": [
                "À la fin, vous savez énumérer les documents demandés par une place de marché "
                "transfrontalière et où obtenir chacun d'eux au Rwanda.",
                "À la fin, vous savez expliquer le rôle du NAEB dans l'exportation du café et "
                "quand le contacter.",
                "À la fin, vous savez décrire un café avec précision grâce au vocabulaire de "
                "spécialité : variété, procédé, score de dégustation et notes aromatiques.",
                "À la fin, vous savez concevoir un système de SKU cohérent et remplir un "
                "modèle de fiche produit pour le café.",
                "À la fin, vous savez préparer des fiches en français et en chinois qui "
                "évitent les erreurs courantes de la traduction automatique.",
            ],
            "modules": [
                {
                    "slug": "get-verified",
                    "title": "Se faire vérifier : inscription, KYC et bases de l'export de café",
                    "summary": (
                        "Les documents exigés par les places de marché, où les obtenir au "
                        "Rwanda, le rôle du NAEB et les mots du café de spécialité que les "
                        "acheteurs attendent."
                    ),
                    "children": [
                        {
                            "kind": "lesson",
                            "slug": "onboarding-kyc",
                            "title": (
                                "Inscription et KYC sur une place de marché : "
                                "se faire vérifier pour vendre"
                            ),
                            "summary": (
                                "Ce qu'est la vérification des vendeurs, les quatre "
                                "documents qui la fondent et comment éviter les "
                                "incohérences qui retardent l'approbation."
                            ),
                            "estimated_minutes": 20,
                            "free_preview": True,
                            "body": [
                                (
                                    "paragraph",
                                    "<p>Avant qu'une place de marché transfrontalière vous "
                                    "laisse publier un seul sachet de café, elle doit savoir "
                                    "qui vous êtes, que votre entreprise existe légalement et "
                                    "où verser votre argent. Ce contrôle s'appelle le "
                                    "<b>KYC</b> (<i>know your customer</i>, connaissance du "
                                    "client) ou vérification du vendeur. Les plateformes "
                                    "sont tenues de le faire pour lutter contre la fraude, "
                                    "le blanchiment d'argent et la contrefaçon, et elles le "
                                    "prennent au sérieux : une incohérence entre deux "
                                    "documents est l'une des causes les plus fréquentes de "
                                    "retard.</p><p>Bonne nouvelle : presque tout ce que "
                                    "demande une place de marché s'obtient une seule fois, "
                                    "au Rwanda, auprès d'institutions que vous connaissez "
                                    "déjà.</p>",
                                ),
                                (
                                    "heading",
                                    {"text": "Les quatre éléments de base", "level": "h2"},
                                ),
                                (
                                    "table",
                                    {
                                        "caption": "Ce qu'il vous faut et d'où cela vient",
                                        "columns": [
                                            "Exigence",
                                            "Où l'obtenir au Rwanda",
                                            "Ce que vérifie la place de marché",
                                        ],
                                        "rows": [
                                            [
                                                "Immatriculation de l'entreprise",
                                                "Rwanda Development Board (RDB), en "
                                                "ligne. Les coopératives sont enregistrées "
                                                "par la Rwanda Cooperative Agency (RCA).",
                                                "Raison sociale, numéro et date "
                                                "d'immatriculation, forme juridique, et "
                                                "que l'entreprise est active.",
                                            ],
                                            [
                                                "Numéro d'identification fiscale (TIN)",
                                                "Rwanda Revenue Authority (RRA). Pour "
                                                "les sociétés enregistrées au RDB, il est "
                                                "normalement attribué lors de "
                                                "l'immatriculation ; vérifiez-le sur "
                                                "votre certificat.",
                                                "Que le TIN correspond à la même raison "
                                                "sociale ; certaines plateformes "
                                                "demandent aussi le statut TVA.",
                                            ],
                                            [
                                                "Compte de versement",
                                                "Un compte professionnel dans une banque "
                                                "agréée comme la Bank of Kigali, si "
                                                "possible apte à recevoir des devises. "
                                                "MTN MoMo ou Airtel Money pour les "
                                                "paiements locaux.",
                                                "Que le titulaire est exactement "
                                                "l'entreprise enregistrée, et non une "
                                                "personne.",
                                            ],
                                            [
                                                "Identité et adresse",
                                                "Carte d'identité nationale ou passeport "
                                                "de chaque dirigeant et propriétaire "
                                                "principal ; facture, bail ou relevé "
                                                "bancaire pour l'adresse de l'entreprise.",
                                                "Images valides, nettes, non recadrées ; "
                                                "justificatifs d'adresse récents, dans le "
                                                "délai fixé par la plateforme.",
                                            ],
                                        ],
                                    },
                                ),
                                (
                                    "heading",
                                    {
                                        "text": "Ce que demandent en général les places de marché",
                                        "level": "h3",
                                    },
                                ),
                                (
                                    "paragraph",
                                    "<ul><li><b>Données de l'entreprise</b> : raison "
                                    "sociale, numéro d'immatriculation, adresse du siège, "
                                    "et un téléphone et un e-mail consultés chaque jour."
                                    "</li><li><b>Bénéficiaires effectifs</b> : les "
                                    "personnes qui possèdent ou contrôlent l'entreprise "
                                    "au-delà d'un seuil fixé par la plateforme, avec leurs "
                                    "pièces d'identité.</li><li><b>Vérification du "
                                    "représentant</b> : certaines plateformes organisent "
                                    "un court appel vidéo ou demandent une photo de vous "
                                    "tenant votre pièce d'identité.</li><li><b>Preuve "
                                    "bancaire</b> : une attestation ou un relevé récent "
                                    "indiquant l'intitulé et le numéro du compte.</li><li>"
                                    "<b>Autorisation de catégorie</b> : le café est un "
                                    "aliment ; attendez-vous à des questions sur la "
                                    "sécurité sanitaire, l'étiquetage et les autorisations "
                                    "d'exportation avant la mise en ligne.</li><li><b>"
                                    "Preuve de marque</b> (facultative mais utile) : une "
                                    "marque déposée au RDB vous aide à revendiquer votre "
                                    "page de marque et à faire retirer les copies.</li>"
                                    "</ul><p>La plupart des plateformes ne versent les "
                                    "fonds que sur un compte bancaire au nom de "
                                    "l'entreprise, souvent en dollars américains. "
                                    "Demandez à votre banque comment sont traitées les "
                                    "recettes en devises, et gardez le mobile money pour "
                                    "les dépenses locales : paiement des producteurs, des "
                                    "coursiers et des fournisseurs d'emballages.</p>",
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": "Les noms doivent correspondre, lettre "
                                        "pour lettre",
                                        "body": (
                                            "<p>Si votre certificat RDB indique <i>Kivu "
                                            "Ubwiza Coffee Ltd</i>, votre compte de "
                                            "versement ne doit pas s'appeler <i>Ubwiza "
                                            "Coffee</i> ni porter le nom personnel de la "
                                            "fondatrice. Les vérificateurs comparent les "
                                            "documents ligne par ligne ; un « Ltd » "
                                            "manquant, une orthographe différente ou un "
                                            "compte personnel entraîne généralement un "
                                            "refus ou une demande de pièces "
                                            "supplémentaires.</p><p>Corrigez les "
                                            "incohérences à la source, auprès de votre "
                                            "banque ou du RDB, avant de postuler.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "diagram": {
                                            "title": "Parcours d'inscription d'un vendeur rwandais",
                                            "steps": [
                                                "S'inscrire auprès du RDB",
                                                "Confirmer le TIN (RRA)",
                                                "Ouvrir un compte pro",
                                                "Scanner identité et adresse",
                                                "Soumettre le KYC",
                                                "Répondre au vérificateur",
                                            ],
                                        },
                                        "alt": (
                                            "Six étapes à la suite : s'inscrire auprès "
                                            "du RDB, confirmer le TIN auprès de la RRA, "
                                            "ouvrir un compte professionnel, scanner la "
                                            "pièce d'identité et les justificatifs "
                                            "d'adresse, soumettre le KYC sur la "
                                            "plateforme, répondre aux questions du "
                                            "vérificateur."
                                        ),
                                        "caption": (
                                            "Les quatre premières étapes se font au "
                                            "Rwanda ; la plateforme ne vérifie que ce que "
                                            "vous avez préparé."
                                        ),
                                    },
                                ),
                                (
                                    "checklist",
                                    {
                                        "title": "Avant de cliquer sur « Soumettre »",
                                        "items": [
                                            "Certificat d'immatriculation enregistré en "
                                            "PDF lisible",
                                            "TIN écrit exactement comme dans les "
                                            "registres de la RRA",
                                            "Attestation ou relevé bancaire au nom de l'entreprise",
                                            "Pièce d'identité ou passeport valide pour "
                                            "chaque dirigeant et propriétaire déclaré",
                                            "Justificatif d'adresse daté dans le délai "
                                            "demandé par la plateforme",
                                            "Un e-mail et un téléphone professionnels "
                                            "consultés chaque jour",
                                            "Données d'enregistrement NAEB prêtes si vous "
                                            "exportez vous-même le café",
                                        ],
                                    },
                                ),
                                (
                                    "key_takeaways",
                                    {
                                        "items": [
                                            "Le KYC prouve qui vous êtes, que votre "
                                            "entreprise existe et où va votre argent.",
                                            "Le RDB (ou la RCA pour les coopératives), "
                                            "la RRA et votre banque fournissent presque "
                                            "tous les documents.",
                                            "Le compte de versement doit porter "
                                            "exactement la raison sociale enregistrée.",
                                            "Consultez la liste à jour de chaque "
                                            "plateforme : les exigences varient et "
                                            "évoluent.",
                                        ],
                                    },
                                ),
                            ],
                        },
                        {
                            "kind": "lesson",
                            "slug": "naeb-coffee-grading",
                            "title": "Le NAEB et le langage du café de spécialité",
                            "summary": (
                                "Comment le NAEB soutient et réglemente l'exportation du "
                                "café, et les mots de classement que cherchent les "
                                "acheteurs : procédé, variété, score de dégustation et "
                                "notes aromatiques."
                            ),
                            "estimated_minutes": 18,
                            "free_preview": False,
                            "body": [
                                (
                                    "heading",
                                    {
                                        "text": "Pourquoi le NAEB compte pour un vendeur "
                                        "de café en ligne",
                                        "level": "h2",
                                    },
                                ),
                                (
                                    "paragraph",
                                    "<p>Le National Agricultural Export Development Board "
                                    "(NAEB) est l'agence publique qui développe et "
                                    "réglemente les exportations de café, de thé, de "
                                    "produits horticoles et d'autres produits agricoles. "
                                    "Pour le café, son action concerne presque chaque "
                                    "sachet qui quitte le Rwanda :</p><ul><li><b>"
                                    "Enregistrement</b> des transformateurs et des "
                                    "exportateurs de café.</li><li><b>Contrôle de la "
                                    "qualité</b> : les lots destinés à l'export sont "
                                    "échantillonnés et contrôlés, et le NAEB délivre les "
                                    "documents de qualité et d'origine que demandent les "
                                    "acheteurs et les douanes.</li><li><b>Prix bord "
                                    "champ</b> : à chaque campagne, le NAEB publie un prix "
                                    "de référence pour les cerises de café, qui protège "
                                    "les producteurs et influe sur vos coûts.</li><li><b>"
                                    "Promotion</b> : salons, concours et programmes comme "
                                    "l'eWTP qui aident le café rwandais à trouver de "
                                    "nouveaux acheteurs.</li></ul><p>Même si vous ne "
                                    "vendez que quelques centaines de sachets par an en "
                                    "ligne, votre café reste une exportation. Avant votre "
                                    "premier envoi, demandez au NAEB quels "
                                    "enregistrements et documents s'appliquent à votre "
                                    "cas (café torréfié en petits colis, café vert pour "
                                    "un torréfacteur étranger ou stock envoyé dans un "
                                    "entrepôt du pays de l'acheteur) et comment les "
                                    "démarches passent par le guichet unique électronique "
                                    "du Rwanda (ReSW).</p>",
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "tip",
                                        "title": "Classez les certificats par lot",
                                        "body": (
                                            "<p>Les places de marché et les importateurs "
                                            "demandent de plus en plus de prouver "
                                            "l'origine et la qualité. Gardez un dossier "
                                            "par lot avec les documents du NAEB, la fiche "
                                            "de dégustation et la facture du fournisseur, "
                                            "nommé avec le SKU et le numéro de lot. "
                                            "Répondre à un acheteur prend alors quelques "
                                            "minutes, pas des jours.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "heading",
                                    {
                                        "text": "Le vocabulaire du café de spécialité, simplement",
                                        "level": "h2",
                                    },
                                ),
                                (
                                    "table",
                                    {
                                        "caption": "Les mots que les acheteurs attendent "
                                        "sur une fiche de café rwandais",
                                        "columns": [
                                            "Terme",
                                            "Ce qu'il signifie",
                                            "Comment l'utiliser",
                                        ],
                                        "rows": [
                                            [
                                                "Arabica, Bourbon",
                                                "L'arabica est l'espèce de caféier ; le "
                                                "Bourbon (surtout le Bourbon rouge) est "
                                                "la variété cultivée dans la plupart des "
                                                "exploitations rwandaises.",
                                                "« 100 % arabica, Bourbon rouge »",
                                            ],
                                            [
                                                "Station de lavage",
                                                "Lieu où les cerises sont dépulpées, "
                                                "fermentées, lavées et séchées ; au "
                                                "Rwanda, on parle souvent de CWS.",
                                                "Nommez la station : les acheteurs "
                                                "apprécient une origine précise.",
                                            ],
                                            [
                                                "Entièrement lavé",
                                                "Pulpe retirée, grains fermentés et "
                                                "lavés, puis séchés sur des claies "
                                                "surélevées ; une tasse nette et vive.",
                                                "« Procédé : entièrement lavé »",
                                            ],
                                            [
                                                "Nature",
                                                "Cerises entières séchées avec le fruit ; "
                                                "une tasse plus fruitée et plus ronde.",
                                                "« Procédé : nature », jamais comme argument santé",
                                            ],
                                            [
                                                "Honey",
                                                "Peau retirée, mais une partie du fruit "
                                                "collant (mucilage) reste sur le grain "
                                                "pendant le séchage.",
                                                "« Procédé : honey »",
                                            ],
                                            [
                                                "Score de dégustation",
                                                "Points sur 100 attribués par des "
                                                "dégustateurs formés selon un protocole "
                                                "standard ; à partir de 80, on parle de "
                                                "café de spécialité.",
                                                "Seulement avec une fiche : « Score de "
                                                "dégustation 86 »",
                                            ],
                                            [
                                                "Notes aromatiques",
                                                "Arômes que les dégustateurs perçoivent "
                                                "dans la tasse, pas des arômes ajoutés.",
                                                "« Notes : fruits rouges, thé noir, miel »",
                                            ],
                                        ],
                                    },
                                ),
                                (
                                    "quote",
                                    {
                                        "quote": (
                                            "Un score de dégustation est une promesse. "
                                            "Si vous imprimez 86 sur le sachet, le café "
                                            "qu'il contient doit valoir un 86, et vous "
                                            "devez pouvoir montrer la fiche de "
                                            "dégustation."
                                        ),
                                        "attribution": (
                                            "Responsable qualité d'une station de lavage "
                                            "de la Province de l'Ouest (exemple fictif)"
                                        ),
                                    },
                                ),
                                (
                                    "case_study",
                                    {
                                        "title": "Kivu Ubwiza Coffee prépare son premier "
                                        "lot en ligne (exemple fictif)",
                                        "context": (
                                            "<p>Kivu Ubwiza Coffee Ltd est un petit "
                                            "torréfacteur fictif du district de Rusizi "
                                            "qui achète du café entièrement lavé à deux "
                                            "stations de lavage proches du lac Kivu. Sa "
                                            "fondatrice, Aline, veut vendre des sachets "
                                            "de 250 g sur une place de marché "
                                            "transfrontalière.</p><p>Son premier jet "
                                            "disait : <i>« Le meilleur café rwandais, "
                                            "naturel et bio, score 90+. »</i> En "
                                            "vérifiant, elle a constaté que le lot était "
                                            "entièrement lavé, pas nature ; qu'il n'avait "
                                            "aucun certificat bio ; et que le seul score "
                                            "dont elle disposait était 85,5, obtenu au "
                                            "laboratoire de l'exportateur.</p><p>Elle a "
                                            "réécrit : <i>« Rwanda, lac Kivu. Bourbon "
                                            "rouge, entièrement lavé. Score de "
                                            "dégustation 85,5 (dégustation de "
                                            "l'exportateur, récolte 2024). Notes : "
                                            "cassis, thé noir, sucre roux. »</i> Elle a "
                                            "aussi demandé au NAEB quels documents il "
                                            "lui fallait pour expédier du café torréfié "
                                            "en petits colis.</p>"
                                        ),
                                        "reflection_question": (
                                            "Quelles affirmations de votre propre "
                                            "description produit pourriez-vous prouver "
                                            "aujourd'hui par un document, et lesquelles "
                                            "devriez-vous retirer ou reformuler ?"
                                        ),
                                    },
                                ),
                                (
                                    "key_takeaways",
                                    {
                                        "items": [
                                            "Vendre en ligne, c'est exporter : "
                                            "renseignez-vous auprès du NAEB avant le "
                                            "premier envoi.",
                                            "Les mots de procédé (lavé, nature, honey) "
                                            "décrivent la fabrication du café, pas ses "
                                            "vertus pour la santé.",
                                            "Spécialité signifie un score de dégustation "
                                            "d'au moins 80 ; n'imprimez un score que si "
                                            "vous pouvez montrer la fiche.",
                                            "Une origine précise, la variété et des "
                                            "notes honnêtes vendent mieux que les "
                                            "superlatifs.",
                                        ],
                                    },
                                ),
                            ],
                        },
                        {
                            "kind": "quiz",
                            "slug": "get-verified-quiz",
                            "title": "Vérification : inscription, KYC et bases du café",
                            "intro": (
                                "Sept questions sur la vérification des vendeurs, le NAEB "
                                "et le vocabulaire du café de spécialité. Il faut 70 % "
                                "pour réussir ; vous avez trois tentatives."
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
                                        "prompt": (
                                            "Votre certificat RDB indique « Kivu Ubwiza "
                                            "Coffee Ltd ». Quel compte de versement a le "
                                            "plus de chances de passer la vérification ?"
                                        ),
                                        "options": [
                                            {
                                                "text": "Un compte bancaire professionnel "
                                                "intitulé « Kivu Ubwiza Coffee Ltd »",
                                                "is_correct": True,
                                                "feedback": "Exact : le titulaire "
                                                "correspond mot pour mot à la raison "
                                                "sociale enregistrée.",
                                            },
                                            {
                                                "text": "Le portefeuille mobile money "
                                                "personnel de la fondatrice",
                                                "is_correct": False,
                                                "feedback": "Un portefeuille personnel ne "
                                                "correspond pas à l'entreprise, et beaucoup "
                                                "de plateformes ne versent pas sur un "
                                                "portefeuille mobile.",
                                            },
                                            {
                                                "text": "Un compte bancaire intitulé "
                                                "« Ubwiza Coffee »",
                                                "is_correct": False,
                                                "feedback": "Presque ne suffit pas : les "
                                                "mots manquants rendent les noms "
                                                "différents et déclenchent un examen.",
                                            },
                                            {
                                                "text": "Le compte bancaire d'un parent à "
                                                "l'étranger",
                                                "is_correct": False,
                                                "feedback": "Verser les fonds à un tiers "
                                                "est un signal de fraude et sera refusé.",
                                            },
                                        ],
                                        "explanation": (
                                            "Les places de marché ne versent les fonds "
                                            "que sur un compte détenu par l'entreprise "
                                            "vérifiée : l'intitulé doit correspondre au "
                                            "certificat d'immatriculation lettre pour "
                                            "lettre."
                                        ),
                                        "tags": "kyc, payouts",
                                    },
                                ),
                                (
                                    "multiple_choice",
                                    {
                                        "prompt": (
                                            "Parmi ces éléments, lesquels une place de "
                                            "marché transfrontalière demande-t-elle "
                                            "couramment lors de la vérification du "
                                            "vendeur ? Plusieurs réponses possibles."
                                        ),
                                        "options": [
                                            {
                                                "text": "Le certificat d'immatriculation "
                                                "de l'entreprise",
                                                "is_correct": True,
                                                "feedback": "Oui : il prouve que "
                                                "l'entreprise existe légalement.",
                                            },
                                            {
                                                "text": "La pièce d'identité des "
                                                "dirigeants et bénéficiaires effectifs",
                                                "is_correct": True,
                                                "feedback": "Oui : la plateforme doit "
                                                "savoir qui possède et contrôle le vendeur.",
                                            },
                                            {
                                                "text": "Un justificatif récent de "
                                                "l'adresse de l'entreprise",
                                                "is_correct": True,
                                                "feedback": "Oui : une facture, un bail ou "
                                                "un relevé bancaire récent est habituel.",
                                            },
                                            {
                                                "text": "Les mots de passe de vos comptes "
                                                "sur les réseaux sociaux",
                                                "is_correct": False,
                                                "feedback": "Aucune plateforme sérieuse ne "
                                                "demande de mots de passe ; une telle "
                                                "demande est une arnaque.",
                                            },
                                            {
                                                "text": "Une fiche de dégustation pour chaque lot",
                                                "is_correct": False,
                                                "feedback": "Les fiches appuient les "
                                                "arguments des annonces, mais ne font pas "
                                                "partie de la vérification d'identité.",
                                            },
                                        ],
                                        "explanation": (
                                            "Le KYC porte sur l'entreprise "
                                            "(immatriculation), les personnes derrière "
                                            "elle (pièces d'identité) et son adresse, "
                                            "plus un compte de versement à son nom."
                                        ),
                                        "tags": "kyc",
                                    },
                                ),
                                (
                                    "true_false",
                                    {
                                        "prompt": (
                                            "Comme vous ne vendez que de petits colis à "
                                            "des particuliers, votre café torréfié n'est "
                                            "pas une exportation et il n'est jamais "
                                            "nécessaire de consulter le NAEB."
                                        ),
                                        "correct_answer": "false",
                                        "explanation": (
                                            "Le café qui quitte le Rwanda est une "
                                            "exportation, quelle que soit la taille du "
                                            "colis ; demandez au NAEB quels "
                                            "enregistrements et documents s'appliquent "
                                            "avant le premier envoi."
                                        ),
                                        "tags": "naeb, export",
                                    },
                                ),
                                (
                                    "numeric",
                                    {
                                        "prompt": (
                                            "Sur l'échelle de dégustation standard de 100 "
                                            "points, quel est le score minimal "
                                            "généralement requis pour parler de café de "
                                            "spécialité ?"
                                        ),
                                        "answer": 80.0,
                                        "tolerance": 0.0,
                                        "unit": "points",
                                        "explanation": (
                                            "Les cafés qui obtiennent au moins 80 points "
                                            "selon le protocole de dégustation de "
                                            "spécialité sont dits de spécialité ; de "
                                            "nombreux beaux lots rwandais obtiennent "
                                            "aux alentours de 85 points."
                                        ),
                                        "tags": "grading",
                                    },
                                ),
                                (
                                    "short_text",
                                    {
                                        "prompt": (
                                            "En un mot : comment s'appelle le procédé "
                                            "dans lequel les cerises de café sont séchées "
                                            "entières, avec le fruit encore autour du "
                                            "grain ?"
                                        ),
                                        "accepted_answers": [
                                            "nature",
                                            "naturel",
                                            "voie sèche",
                                            "natural",
                                        ],
                                        "explanation": (
                                            "Le café nature (ou par voie sèche) sèche "
                                            "dans la cerise entière ; le café lavé est "
                                            "débarrassé du fruit avant le séchage."
                                        ),
                                        "tags": "grading",
                                    },
                                ),
                                (
                                    "ordering",
                                    {
                                        "prompt": "Remettez ces étapes d'inscription dans "
                                        "le bon ordre.",
                                        "items": [
                                            "Immatriculer l'entreprise auprès du RDB",
                                            "Confirmer le TIN auprès de la RRA",
                                            "Ouvrir un compte bancaire au nom de l'entreprise",
                                            "Soumettre les documents KYC sur la place de marché",
                                            "Répondre au vérificateur et publier les produits",
                                        ],
                                        "explanation": (
                                            "Chaque étape dépend de la précédente : la "
                                            "banque a besoin de l'immatriculation et du "
                                            "TIN, et la place de marché des trois."
                                        ),
                                        "tags": "kyc",
                                    },
                                ),
                                (
                                    "single_choice",
                                    {
                                        "prompt": "Sur une fiche de café rwandais, que "
                                        "décrit « entièrement lavé » (fully washed) ?",
                                        "options": [
                                            {
                                                "text": "La façon dont les cerises ont "
                                                "été traitées avant le séchage",
                                                "is_correct": True,
                                                "feedback": "Exact : le fruit a été retiré "
                                                "et les grains fermentés puis lavés.",
                                            },
                                            {
                                                "text": "La propreté de l'emballage",
                                                "is_correct": False,
                                                "feedback": "C'est un terme de procédé, "
                                                "pas une promesse d'hygiène sur le sachet.",
                                            },
                                            {
                                                "text": "Le degré de torréfaction",
                                                "is_correct": False,
                                                "feedback": "La torréfaction est claire, "
                                                "moyenne ou foncée ; le lavage a lieu bien "
                                                "avant.",
                                            },
                                            {
                                                "text": "Que la caféine a été retirée",
                                                "is_correct": False,
                                                "feedback": "La décaféination est un "
                                                "procédé distinct, à mentionner "
                                                "explicitement.",
                                            },
                                        ],
                                        "explanation": (
                                            "Le procédé entièrement lavé est le plus courant "
                                            "dans les stations de lavage rwandaises ; il donne "
                                            "une tasse nette et vive."
                                        ),
                                        "tags": "grading",
                                    },
                                ),
                            ],
                        },
                    ],
                },
                {
                    "slug": "list-and-translate",
                    "title": ("Publier et traduire : fiches produit, SKU et acheteurs étrangers"),
                    "summary": (
                        "Rédigez des fiches qui inspirent confiance, codez chaque variante "
                        "avec un SKU clair et adaptez vos fiches aux marchés sinophones et "
                        "francophones."
                    ),
                    "children": [
                        {
                            "kind": "lesson",
                            "slug": "listings-skus",
                            "title": "Fiches produit et système de SKU pour le café de spécialité",
                            "summary": (
                                "Ce que contient une bonne fiche de café et comment "
                                "construire des SKU à partir de l'origine, du procédé, de la "
                                "torréfaction, de la forme et du poids."
                            ),
                            "estimated_minutes": 22,
                            "free_preview": False,
                            "body": [
                                (
                                    "paragraph",
                                    "<p>Une fiche produit est à la fois votre vitrine et "
                                    "votre promesse à l'acheteur. Un <b>SKU</b> (<i>stock "
                                    "keeping unit</i>, unité de gestion de stock) est le "
                                    "code court de chaque variante exacte que vous vendez. "
                                    "La place de marché, votre fichier de stock, votre "
                                    "comptable et vos documents d'expédition s'appuient "
                                    "tous dessus : un système clair dès le premier jour "
                                    "évite de pénibles corrections plus tard.</p>",
                                ),
                                (
                                    "heading",
                                    {
                                        "text": "Ce que contient une bonne fiche de café",
                                        "level": "h2",
                                    },
                                ),
                                (
                                    "checklist",
                                    {
                                        "title": "L'essentiel d'une fiche produit",
                                        "items": [
                                            "Titre : marque + origine + procédé + "
                                            "torréfaction + forme + poids, par ex. « Kivu "
                                            "Ubwiza Rwanda Lac Kivu Entièrement lavé "
                                            "Torréfaction claire En grains 250 g »",
                                            "Origine : pays, région ou district, station de lavage",
                                            "Variété, procédé et altitude",
                                            "Degré de torréfaction et forme (en grains ou mouture)",
                                            "Poids net en grammes",
                                            "Date de torréfaction ou date de durabilité "
                                            "minimale, et conseils de conservation",
                                            "Notes aromatiques et une suggestion simple "
                                            "de préparation",
                                            "Au moins quatre photos nettes : face, "
                                            "étiquette arrière, grains, tasse",
                                            "Ingrédients (100 % café arabica) et nom et "
                                            "adresse du conditionneur",
                                        ],
                                    },
                                ),
                                (
                                    "heading",
                                    {"text": "Concevoir votre système de SKU", "level": "h2"},
                                ),
                                (
                                    "paragraph",
                                    "<p>Construisez chaque SKU à partir des mêmes cinq "
                                    "segments, toujours dans le même ordre, séparés par "
                                    "des tirets. Suivez quelques règles :</p><ul><li>"
                                    "Utilisez uniquement des majuscules, des chiffres et "
                                    "des tirets : les espaces, accents et barres obliques "
                                    "perturbent les tableurs et les imports en masse."
                                    "</li><li>Donnez à chaque segment une longueur fixe "
                                    "pour que les codes se trient proprement.</li><li>Un "
                                    "SKU par variante que l'acheteur peut choisir : une "
                                    "autre taille ou une autre mouture est un autre SKU."
                                    "</li><li>Laissez le prix, l'année et la langue hors "
                                    "du SKU : ils changent.</li><li>Ne réutilisez jamais "
                                    "un SKU retiré pour un autre produit : d'anciennes "
                                    "commandes et d'anciens avis y renvoient encore."
                                    "</li><li>Gardez le même SKU sur toutes les places de "
                                    "marché et dans toutes les langues ; c'est pourquoi "
                                    "les codes restent tirés de l'anglais.</li></ul>",
                                ),
                                (
                                    "table",
                                    {
                                        "caption": "Un système de SKU en cinq segments "
                                        "pour le café de spécialité",
                                        "columns": ["Segment", "Codes", "Exemple"],
                                        "rows": [
                                            [
                                                "Origine ou station de lavage",
                                                "3 lettres par station ou région "
                                                "d'approvisionnement",
                                                "UBW (station Ubwiza, fictive)",
                                            ],
                                            [
                                                "Procédé",
                                                "W lavé (washed), N nature, H honey",
                                                "W",
                                            ],
                                            [
                                                "Torréfaction",
                                                "G vert (green), L claire (light), M "
                                                "moyenne, D foncée (dark)",
                                                "L",
                                            ],
                                            [
                                                "Forme",
                                                "B en grains (bean), F mouture filtre, E "
                                                "mouture espresso",
                                                "B",
                                            ],
                                            [
                                                "Poids net",
                                                "En grammes, toujours 4 chiffres",
                                                "0250",
                                            ],
                                            [
                                                "SKU complet",
                                                "Segments reliés par des tirets",
                                                "UBW-W-L-B-0250",
                                            ],
                                        ],
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "diagram": {
                                            "title": "Lire le SKU UBW-W-L-B-0250",
                                            "steps": [
                                                "UBW : station de lavage",
                                                "W : procédé (lavé)",
                                                "L : torréfaction (claire)",
                                                "B : forme (en grains)",
                                                "0250 : poids en grammes",
                                            ],
                                        },
                                        "alt": (
                                            "Le SKU UBW-W-L-B-0250 découpé en cinq "
                                            "parties : UBW station de lavage, W procédé "
                                            "lavé, L torréfaction claire, B en grains, "
                                            "0250 grammes."
                                        ),
                                        "caption": "Chaque membre de l'équipe peut lire "
                                        "le produit à partir du code.",
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "example",
                                        "title": "Un café, six SKU",
                                        "body": (
                                            "<p>Kivu Ubwiza (exemple fictif) vend son "
                                            "lavé en torréfaction claire en sachets de "
                                            "250 g et 500 g, en grains, mouture filtre ou "
                                            "mouture espresso : 2 x 3 = 6 SKU, de "
                                            "UBW-W-L-B-0250 à UBW-W-L-E-0500. Chacun a "
                                            "son propre stock et son propre prix.</p><p>"
                                            "L'année de récolte et le numéro de lot ne "
                                            "figurent <b>pas</b> dans le SKU. Imprimez-les "
                                            "sur le sachet et notez-les dans vos registres "
                                            "de lots : le SKU reste le même la saison "
                                            "suivante et chaque lot reste traçable.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "document",
                                    {
                                        "title": "Modèle de fiches produit café (CSV)",
                                        "filename": "modele_fiches_produit_cafe.csv",
                                        "content": (
                                            "sku,titre,station,district,variete,procede,"
                                            "torrefaction,forme,poids_net_g,"
                                            "score_degustation,recolte,notes\n"
                                            "UBW-W-L-B-0250,Kivu Ubwiza Rwanda "
                                            "Entièrement lavé Torréfaction claire En "
                                            "grains 250 g,Ubwiza,Rusizi,Bourbon rouge,"
                                            "lavé,claire,en grains,250,85.5,2024,"
                                            '"cassis, thé noir, sucre roux"\n'
                                            "UBW-W-L-F-0250,Kivu Ubwiza Rwanda "
                                            "Entièrement lavé Torréfaction claire Mouture "
                                            "filtre 250 g,Ubwiza,Rusizi,Bourbon rouge,"
                                            "lavé,claire,mouture filtre,250,85.5,2024,"
                                            '"cassis, thé noir, sucre roux"\n'
                                            "UBW-W-M-B-0500,Kivu Ubwiza Rwanda "
                                            "Entièrement lavé Torréfaction moyenne En "
                                            "grains 500 g,Ubwiza,Rusizi,Bourbon rouge,"
                                            "lavé,moyenne,en grains,500,85.5,2024,"
                                            '"prune, cacao, miel"\n'
                                            "KVH-N-L-B-0250,Kivu Ubwiza Rwanda Nature "
                                            "Torréfaction claire En grains 250 g,Kivu "
                                            "Hills,Rusizi,Bourbon rouge,nature,claire,"
                                            "en grains,250,86,2024,"
                                            '"fraise, hibiscus, chocolat noir"\n'
                                        ),
                                    },
                                ),
                                (
                                    "key_takeaways",
                                    {
                                        "items": [
                                            "Un bon titre indique la marque, l'origine, "
                                            "le procédé, la torréfaction, la forme et le "
                                            "poids.",
                                            "Construisez les SKU à partir de segments "
                                            "fixes : station, procédé, torréfaction, "
                                            "forme, poids.",
                                            "Chaque variante que l'acheteur peut choisir "
                                            "a besoin de son propre SKU.",
                                            "Suivez la récolte et le lot dans vos "
                                            "registres, pas dans le SKU.",
                                        ],
                                    },
                                ),
                            ],
                        },
                        {
                            "kind": "lesson",
                            "slug": "translating-listings",
                            "title": "Rédiger des fiches pour les acheteurs sinophones et "
                            "francophones",
                            "summary": (
                                "Ce qu'il faut traduire, ce qu'il faut garder, comment "
                                "écrire les unités, et comment éviter les erreurs de "
                                "traduction automatique qui font perdre des ventes."
                            ),
                            "estimated_minutes": 22,
                            "free_preview": False,
                            "body": [
                                (
                                    "heading",
                                    {"text": "Pour qui écrivez-vous ?", "level": "h2"},
                                ),
                                (
                                    "paragraph",
                                    "<p>Les <b>acheteurs sinophones</b> se trouvent "
                                    "surtout en Chine continentale et sont atteints via "
                                    "les plateformes de l'écosystème d'Alibaba, auquel le "
                                    "Rwanda s'est relié en rejoignant l'eWTP en 2018. "
                                    "Écrivez en chinois simplifié ; Taïwan et Hong Kong "
                                    "lisent les caractères traditionnels.</p><p>Les <b>"
                                    "acheteurs francophones</b> vivent en France, en "
                                    "Belgique, en Suisse et au Canada, ainsi que dans "
                                    "toute l'Afrique francophone, y compris chez des "
                                    "voisins comme la RDC et le Burundi.</p><p>Les "
                                    "acheteurs cherchent dans leur propre langue, et une "
                                    "fiche maladroite paraît peu fiable. Une bonne "
                                    "traduction fait partie du produit ; ce n'est pas une "
                                    "décoration.</p>",
                                ),
                                (
                                    "table",
                                    {
                                        "caption": "Traduire, garder ou convertir ?",
                                        "columns": ["Élément", "Que faire", "Exemple"],
                                        "rows": [
                                            [
                                                "Titre, description, notes aromatiques",
                                                "Traduire, avec votre glossaire",
                                                "black tea : FR « thé noir », ZH « 红茶 »",
                                            ],
                                            [
                                                "Noms de marque et de station de lavage",
                                                "Garder tels quels ; fixer une seule "
                                                "transcription chinoise si vous en "
                                                "ajoutez une",
                                                "Kivu Ubwiza ; Rwanda = 卢旺达",
                                            ],
                                            [
                                                "SKU, numéro de lot, année de récolte",
                                                "Garder à l'identique",
                                                "UBW-W-L-B-0250",
                                            ],
                                            [
                                                "Poids",
                                                "Garder le système métrique ; écrire "
                                                "l'unité à la manière locale",
                                                "FR « 250 g » ; ZH « 250克 »",
                                            ],
                                            [
                                                "Décimales et dates",
                                                "Convertir au format local",
                                                "FR « 0,5 kg », « 15/03/2025 » ; ZH "
                                                "« 2025年3月15日 »",
                                            ],
                                            [
                                                "Certifications et allégations",
                                                "Ne traduire que ce qu'un certificat prouve",
                                                "Pas de « bio » ni de « 有机 » sans certification",
                                            ],
                                        ],
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": "Les pièges de la traduction automatique "
                                        "pour le café",
                                        "body": (
                                            "<ul><li><b>Bourbon</b> peut devenir 波本 (le "
                                            "whisky) au lieu de 波旁 (la variété de café)."
                                            "</li><li><b>Natural</b> peut devenir 天然 "
                                            "(« pur, naturel ») au lieu de 日晒 (procédé "
                                            "séché au soleil), ou « naturel » en "
                                            "français, qui ressemble à un argument "
                                            "santé : écrivez <i>procédé : nature</i>."
                                            "</li><li><b>Roast</b> peut devenir « rôti », "
                                            "comme pour la viande ; le café est "
                                            "<i>torréfié</i>.</li><li><b>Cupping</b> "
                                            "peut devenir « ventouses », une thérapie "
                                            "médicale ; écrivez <i>dégustation</i> ou "
                                            "<i>score SCA</i>.</li><li><b>Black tea</b> "
                                            "comme note aromatique se dit 红茶 en chinois "
                                            "(littéralement « thé rouge ») ; 黑茶 est un "
                                            "autre thé, sombre et fermenté.</li></ul>"
                                        ),
                                    },
                                ),
                                (
                                    "heading",
                                    {
                                        "text": "Une méthode de traduction sûre",
                                        "level": "h3",
                                    },
                                ),
                                (
                                    "paragraph",
                                    "<ol><li>Rédigez une fiche de référence claire en "
                                    "anglais : phrases courtes, sans expressions "
                                    "idiomatiques ni plaisanteries.</li><li>Constituez un "
                                    "glossaire des termes à traduire et des termes à "
                                    "garder, et réutilisez-le pour chaque produit.</li>"
                                    "<li>Traduisez, avec un traducteur professionnel ou "
                                    "avec la traduction automatique comme premier jet."
                                    "</li><li>Faites relire par un locuteur natif qui "
                                    "connaît le café ; le Rwanda compte de nombreux "
                                    "francophones et des diplômés de filières de langue "
                                    "chinoise.</li><li>Publiez, puis ouvrez la fiche sur "
                                    "un téléphone dans la langue cible et cherchez-la "
                                    "comme le ferait un acheteur.</li></ol>",
                                ),
                                (
                                    "case_study",
                                    {
                                        "title": "La première fiche chinoise de Kivu "
                                        "Ubwiza (exemple fictif)",
                                        "context": (
                                            "<p>Aline a collé sa fiche anglaise dans un "
                                            "outil de traduction gratuit. Le titre "
                                            "chinois qualifiait son café de 天然 (« pur, "
                                            "naturel ») et la variété de 波本, le whisky. "
                                            "Une diplômée rwandaise d'une filière de "
                                            "langue chinoise, payée pour deux heures de "
                                            "relecture, a repéré les deux erreurs et "
                                            "remarqué que « black tea » était devenu 黑茶."
                                            "</p><p>Elles ont rédigé ensemble un "
                                            "glossaire d'une page. Aline traduit "
                                            "désormais chaque nouvelle fiche avec le "
                                            "glossaire ouvert, et la relectrice ne "
                                            "vérifie que les nouveaux termes, ce qui "
                                            "prend quelques minutes.</p>"
                                        ),
                                        "reflection_question": (
                                            "Quels cinq mots de vos propres fiches "
                                            "feraient le plus de dégâts s'ils étaient mal "
                                            "traduits, et qui pourrait les vérifier pour "
                                            "vous ?"
                                        ),
                                    },
                                ),
                                (
                                    "document",
                                    {
                                        "title": "Glossaire des fiches café (anglais, "
                                        "français, chinois)",
                                        "filename": "glossaire_cafe_en_fr_zh.md",
                                        "content": (
                                            "# Glossaire des fiches produit café\n\n"
                                            "Faites vérifier tout nouveau terme par un "
                                            "locuteur natif avant de l'utiliser.\n\n"
                                            "| Anglais | Français | Chinois (simplifié) |\n"
                                            "|---|---|---|\n"
                                            "| specialty coffee | café de spécialité | "
                                            "精品咖啡 |\n"
                                            "| whole bean | en grains | 咖啡豆 |\n"
                                            "| ground coffee | café moulu | 咖啡粉 |\n"
                                            "| fully washed | entièrement lavé | 水洗 |\n"
                                            "| natural process | procédé nature | 日晒 |\n"
                                            "| honey process | procédé honey (miel) | "
                                            "蜜处理 |\n"
                                            "| light roast | torréfaction claire | "
                                            "浅烘焙 |\n"
                                            "| medium roast | torréfaction moyenne | "
                                            "中度烘焙 |\n"
                                            "| Bourbon (variety) | Bourbon | 波旁 |\n"
                                            "| cupping score | score de dégustation "
                                            "(SCA) | 杯测分数 |\n"
                                            "| tasting notes | notes aromatiques | 风味 |\n"
                                            "| black tea (note) | thé noir | 红茶 |\n"
                                            "| net weight | poids net | 净含量 |\n"
                                            "| Rwanda | Rwanda | 卢旺达 |\n"
                                        ),
                                    },
                                ),
                                (
                                    "key_takeaways",
                                    {
                                        "items": [
                                            "Traduisez les descriptions ; gardez à "
                                            "l'identique noms de marque, SKU et numéros "
                                            "de lot.",
                                            "Gardez les unités métriques et écrivez "
                                            "nombres et dates à la manière locale.",
                                            "Ne traduisez jamais une allégation que vous "
                                            "ne pouvez pas prouver par un certificat.",
                                            "La traduction automatique n'est qu'un "
                                            "brouillon : un locuteur natif qui connaît le "
                                            "café doit la relire.",
                                        ],
                                    },
                                ),
                            ],
                        },
                        {
                            "kind": "quiz",
                            "slug": "list-and-translate-quiz",
                            "title": "Vérification : fiches produit, SKU et traductions",
                            "intro": (
                                "Sept questions sur les fiches produit, la conception des "
                                "SKU et la traduction pour les acheteurs sinophones et "
                                "francophones. Il faut 75 % pour réussir ; vous pouvez "
                                "recommencer autant de fois que vous le souhaitez."
                            ),
                            "pass_mark": 75,
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
                                        "prompt": (
                                            "Avec le système "
                                            "STATION-PROCÉDÉ-TORRÉFACTION-FORME-POIDS, "
                                            "quel est le SKU d'un sachet de 500 g lavé, "
                                            "torréfaction moyenne, mouture filtre, de la "
                                            "station Ubwiza ?"
                                        ),
                                        "options": [
                                            {
                                                "text": "UBW-W-M-F-0500",
                                                "is_correct": True,
                                                "feedback": "Exact : chaque segment est à "
                                                "sa place et le poids a quatre chiffres.",
                                            },
                                            {
                                                "text": "UBW-W-M-F-500g",
                                                "is_correct": False,
                                                "feedback": "La lettre g et le poids à "
                                                "trois chiffres enfreignent la règle de "
                                                "longueur fixe.",
                                            },
                                            {
                                                "text": "Ubwiza lavé moyenne filtre 500",
                                                "is_correct": False,
                                                "feedback": "Les espaces, les mots entiers "
                                                "et l'accent en font une description, pas "
                                                "un code.",
                                            },
                                            {
                                                "text": "UBW-M-W-F-0500",
                                                "is_correct": False,
                                                "feedback": "Torréfaction et procédé sont "
                                                "inversés : le code serait mal lu.",
                                            },
                                        ],
                                        "explanation": (
                                            "Un système de SKU ne fonctionne que si "
                                            "chaque code suit le même ordre et la même "
                                            "longueur de segments : UBW, W, M, F, 0500."
                                        ),
                                        "tags": "skus",
                                    },
                                ),
                                (
                                    "multiple_choice",
                                    {
                                        "prompt": (
                                            "Quels éléments doivent rester strictement "
                                            "identiques dans les versions anglaise, "
                                            "française et chinoise d'une fiche ? "
                                            "Plusieurs réponses possibles."
                                        ),
                                        "options": [
                                            {
                                                "text": "Le SKU",
                                                "is_correct": True,
                                                "feedback": "Oui : c'est le même produit "
                                                "dans toutes les langues.",
                                            },
                                            {
                                                "text": "Le numéro de lot",
                                                "is_correct": True,
                                                "feedback": "Oui : la traçabilité dépend "
                                                "d'un numéro de lot inchangé.",
                                            },
                                            {
                                                "text": "Le nom de marque",
                                                "is_correct": True,
                                                "feedback": "Oui : gardez la marque telle "
                                                "quelle, avec au besoin une seule "
                                                "transcription convenue.",
                                            },
                                            {
                                                "text": "Les notes aromatiques",
                                                "is_correct": False,
                                                "feedback": "Les notes doivent être "
                                                "traduites, avec soin, pour que les "
                                                "acheteurs les comprennent.",
                                            },
                                        ],
                                        "explanation": (
                                            "Les identifiants (SKU, lot, marque) restent "
                                            "fixes ; le texte descriptif se traduit avec "
                                            "un glossaire."
                                        ),
                                        "tags": "translation",
                                    },
                                ),
                                (
                                    "true_false",
                                    {
                                        "prompt": (
                                            "Vous pouvez ajouter le mot « bio » à une "
                                            "fiche si les producteurs utilisent peu "
                                            "d'engrais, même sans certificat "
                                            "d'agriculture biologique."
                                        ),
                                        "correct_answer": "false",
                                        "explanation": (
                                            "« Bio » et 有机 sont des allégations "
                                            "biologiques réglementées ; ne les utilisez "
                                            "qu'avec un certificat bio valide."
                                        ),
                                        "tags": "translation, claims",
                                    },
                                ),
                                (
                                    "numeric",
                                    {
                                        "prompt": (
                                            "Un torréfacteur vend un café en sachets de "
                                            "250 g, 500 g et 1 kg, chacun en grains ou en "
                                            "mouture filtre, en torréfaction claire et "
                                            "moyenne. Combien de SKU lui faut-il ?"
                                        ),
                                        "answer": 12.0,
                                        "tolerance": 0.0,
                                        "unit": "SKU",
                                        "explanation": (
                                            "3 poids x 2 formes x 2 torréfactions = 12 "
                                            "variantes, et chaque variante que "
                                            "l'acheteur peut choisir a besoin de son "
                                            "propre SKU."
                                        ),
                                        "tags": "skus",
                                    },
                                ),
                                (
                                    "short_text",
                                    {
                                        "prompt": (
                                            "Quel mot français une étiquette de café "
                                            "doit-elle employer pour « roasted », au lieu "
                                            "de « rôti » ?"
                                        ),
                                        "accepted_answers": [
                                            "torréfié",
                                            "torrefie",
                                            "torréfiée",
                                            "torrefiee",
                                        ],
                                        "explanation": (
                                            "On dit « café torréfié » ; « rôti » "
                                            "s'emploie pour la viande et trahit une "
                                            "traduction automatique."
                                        ),
                                        "tags": "translation",
                                    },
                                ),
                                (
                                    "ordering",
                                    {
                                        "prompt": "Remettez dans l'ordre les étapes d'une "
                                        "méthode de traduction sûre.",
                                        "items": [
                                            "Rédiger une fiche de référence claire en anglais",
                                            "Constituer un glossaire des termes à "
                                            "traduire et à garder",
                                            "Produire une première traduction",
                                            "Faire relire par un locuteur natif qui "
                                            "connaît le café",
                                            "Publier et vérifier sur un téléphone comme "
                                            "un acheteur",
                                        ],
                                        "explanation": (
                                            "Un texte source clair et un glossaire "
                                            "améliorent la traduction ; la relecture et "
                                            "la vérification finale corrigent le reste."
                                        ),
                                        "tags": "translation",
                                    },
                                ),
                                (
                                    "multiple_choice",
                                    {
                                        "prompt": (
                                            "Une traduction automatique a produit ces "
                                            "termes chinois. Lesquels sont des erreurs "
                                            "sur une fiche de café ? Plusieurs réponses "
                                            "possibles."
                                        ),
                                        "options": [
                                            {
                                                "text": "波本 pour la variété Bourbon",
                                                "is_correct": True,
                                                "feedback": "Erreur : 波本 désigne le "
                                                "whisky ; la variété de café est 波旁.",
                                            },
                                            {
                                                "text": "天然 pour le procédé nature",
                                                "is_correct": True,
                                                "feedback": "Erreur : 天然 signifie pur ou "
                                                "naturel ; le procédé se dit 日晒.",
                                            },
                                            {
                                                "text": "水洗 pour lavé",
                                                "is_correct": False,
                                                "feedback": "C'est juste : 水洗 est le "
                                                "terme habituel pour le café lavé.",
                                            },
                                            {
                                                "text": "卢旺达 pour Rwanda",
                                                "is_correct": False,
                                                "feedback": "C'est juste : 卢旺达 est le "
                                                "nom chinois usuel du Rwanda.",
                                            },
                                        ],
                                        "explanation": (
                                            "Le café a son propre vocabulaire ; vérifiez "
                                            "chaque terme de procédé et de variété dans "
                                            "votre glossaire."
                                        ),
                                        "tags": "translation",
                                    },
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
    },
}
