"""Demo course: getting paid, shipping and completing export paperwork as a small exporter."""

COURSE = {
    "slug": "payments-logistics-export",
    "title": "Digital payments, logistics and export paperwork for small exporters",
    "summary": (
        "Receive international payments and reconcile them, choose between post, courier and air "
        "freight, price with Incoterms and landed cost, and prepare the documents Rwandan exports "
        "need, from the commercial invoice to the ReSW declaration."
    ),
    "audiences": ["entrepreneurs"],
    "topics": ["export", "payments", "logistics"],
    "level": "intermediate",
    "format": "self_paced",
    "estimated_hours": 8,
    "outcomes": [
        "By the end you can choose how to receive foreign payments and explain the fees and "
        "currency conversion that reduce each payout.",
        "By the end you can reconcile marketplace payouts against orders, fees and refunds "
        "every month.",
        "By the end you can compare post, courier and air freight and explain EXW, FCA, FOB, DAP "
        "and DDP in plain words.",
        "By the end you can calculate a landed cost and a chargeable weight for a shipment.",
        "By the end you can list the documents a Rwandan export needs and who issues each one.",
    ],
    "prerequisites": ["ewtp-seller-readiness-coffee"],
    "issues_certificate": True,
    "qualifies_for_storefront": False,
    "enrolment_open": True,
    "modules": [
        {
            "slug": "getting-paid",
            "title": "Getting paid from abroad",
            "summary": (
                "Payment channels open to a Rwandan business, what each costs, and how to check "
                "that every franc you were owed actually arrived."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "payment-channels",
                    "title": "How money reaches you: payouts, banks and mobile money",
                    "summary": (
                        "Follow the money from a foreign buyer's card to your account in Kigali, "
                        "and pick the channels that fit your business."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": True,
                    "body": [
                        ("heading", {"text": "Follow the money", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>When a buyer in France pays for your coffee on a marketplace, "
                            "the money does not come straight to you. It usually travels in "
                            "four steps:</p>"
                            "<ol>"
                            "<li>The buyer pays the <b>marketplace</b> by card or a local "
                            "wallet, in euros.</li>"
                            "<li>The marketplace <b>holds</b> the money, often until delivery "
                            "is confirmed or a holding period ends.</li>"
                            "<li>It sends a <b>payout</b>, minus its commission and fees, to "
                            "the account you registered, usually in US dollars or euros.</li>"
                            "<li>Your bank or payment provider <b>converts</b> it into Rwandan "
                            "francs (RWF), or keeps it in a foreign-currency account.</li>"
                            "</ol>"
                            "<p>Each step can take time and money. Knowing them helps you "
                            "choose channels and explain to your accountant why RWF 650,000 "
                            "arrived for RWF 700,000 of sales.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Common channels for a small Rwandan exporter",
                                "columns": ["Channel", "Good for", "Watch out for"],
                                "rows": [
                                    [
                                        "Marketplace payout to a bank account",
                                        "Regular sales on one platform",
                                        "Not every marketplace pays out to Rwanda; check the "
                                        "supported countries before listing",
                                    ],
                                    [
                                        "Foreign-currency (USD or EUR) account at a Rwandan bank",
                                        "Receiving wholesale transfers and payouts without "
                                        "converting each one",
                                        "Incoming transfer fees and account charges; ask the "
                                        "bank for its current tariff",
                                    ],
                                    [
                                        "International payment service or e-wallet",
                                        "Marketplaces that pay only to such services",
                                        "Check it supports Rwanda and how you withdraw to a "
                                        "local bank",
                                    ],
                                    [
                                        "Mobile money (MTN MoMo, Airtel Money)",
                                        "Buyers and partners in Rwanda and the region; paying "
                                        "weavers and farmers",
                                        "Transaction and balance limits; check which "
                                        "international transfers your wallet can receive",
                                    ],
                                ],
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before you register a payout account",
                                "items": [
                                    "Your business is registered with RDB and has a TIN from RRA.",
                                    "The bank account is in the business name, matching the "
                                    "marketplace seller account exactly.",
                                    "You have scans of the ID, registration certificate and a "
                                    "recent bank statement ready for identity (KYC) checks.",
                                    "You have asked your bank which payment details (account "
                                    "number, SWIFT/BIC code) to give to foreign payers.",
                                    "Only one or two people can change payout details, and "
                                    "they use two-step login.",
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "A screenshot is not a payment",
                                "body": '<p>A common scam: a "buyer" sends a screenshot '
                                "or email showing a transfer, often for more than the price, "
                                "and asks you to ship at once or refund the difference. "
                                "<b>Ship only when the money shows in your own account or "
                                "marketplace balance.</b> Never refund an overpayment before "
                                "the original payment has cleared.</p>",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Money moves buyer, marketplace, payout, conversion; each "
                                    "step may cost time and fees.",
                                    "Check that a marketplace pays out to Rwanda before you "
                                    "invest in listings.",
                                    "Keep the business name identical on every account to pass "
                                    "KYC checks.",
                                    "Ship only against money you can see in your own account.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "fees-and-reconciliation",
                    "title": "Fees, currency conversion and reconciliation",
                    "summary": (
                        "Understand every deduction between the sale price and the francs in your "
                        "account, and reconcile each payout in under an hour a month."
                    ),
                    "estimated_minutes": 22,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Where the money goes", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Between the price the buyer pays and the francs you receive "
                            "there are usually several deductions: the marketplace "
                            "<b>commission</b>, a <b>payment processing fee</b>, sometimes a "
                            "<b>payout or transfer fee</b>, and the <b>currency conversion</b>. "
                            "Conversion costs are easy to miss: the rate you get is usually "
                            "less favourable than the mid-market rate you see in the news, and "
                            "the gap is a fee. Compare the rate on your bank statement with the "
                            "National Bank of Rwanda (BNR) reference rate for the same day.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "From sale to account: an illustrative payout "
                                "(all figures invented for practice; check your own fees)",
                                "columns": ["Line", "Amount (USD)"],
                                "rows": [
                                    ["Sales: 20 bags of roasted coffee at USD 15", "300.00"],
                                    ["Marketplace commission (illustrative 10%)", "-30.00"],
                                    ["Payment processing fee (illustrative)", "-9.00"],
                                    ["Refund for one damaged bag", "-15.00"],
                                    ["Payout sent to your USD account", "246.00"],
                                    ["Bank incoming transfer fee (illustrative)", "-10.00"],
                                    ["Net amount received", "236.00"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>In this example the seller sold USD 300 but received USD 236, "
                            "about 79% of sales, before paying for coffee, packaging or "
                            "shipping. Price your products with these deductions in mind, and "
                            "decide whether to convert each payout to RWF at once or keep "
                            "dollars for costs you pay in dollars, such as courier bills.</p>",
                        ),
                        ("heading", {"text": "Reconcile every payout", "level": "h3"}),
                        (
                            "paragraph",
                            "<p><b>Reconciliation</b> means matching each payout to the orders, "
                            "fees and refunds it covers, then matching it to the amount on your "
                            "bank statement. Do it once a month with a simple spreadsheet. It "
                            "catches missing payouts, wrong fees and unauthorised refunds, and "
                            "it gives you clean records for your RRA tax returns.</p>",
                        ),
                        (
                            "document",
                            {
                                "title": "Payout reconciliation template (CSV)",
                                "filename": "payout-reconciliation-template.csv",
                                "content": (
                                    "payout_id,payout_date,order_ids,gross_sales_usd,"
                                    "commission_usd,payment_fees_usd,refunds_usd,payout_usd,"
                                    "bank_fee_usd,received_usd,rate_rwf_per_usd,received_rwf,"
                                    "matched\n"
                                    'P-0001,2025-03-05,"1041;1042;1043",300.00,30.00,9.00,'
                                    "15.00,246.00,10.00,236.00,,,no\n"
                                    'P-0002,2025-03-19,"1050;1051",120.00,12.00,3.60,0.00,'
                                    "104.40,10.00,94.40,,,no\n"
                                    "P-0003,2025-04-02,1060,45.00,4.50,1.35,0.00,39.15,"
                                    "10.00,29.15,,,no\n"
                                ),
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "A missing payout at Ikawa Nziza Roasters (illustrative)",
                                "context": "<p><i>Ikawa Nziza Roasters is a fictional small "
                                "roaster in Huye used for illustration.</i> It sells 250 g "
                                "bags to buyers in Belgium and Germany through a marketplace "
                                "and receives payouts in a USD account at a Kigali bank.</p>"
                                '<p>For six months the owner only checked that "some money" '
                                "arrived. When she finally filled in a reconciliation sheet, "
                                "she found one payout that had never reached the bank because "
                                "the account number had been mistyped after a bank change, and "
                                "two refunds for parcels that had in fact been delivered. The "
                                "marketplace corrected both once she sent the order numbers "
                                "and tracking records.</p>",
                                "reflection_question": (
                                    "If a payout went missing this month, how many days would "
                                    "it take you to notice, and what record would prove it?"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Commission, processing, transfer and conversion costs "
                                    "can take a large share of sales.",
                                    "Compare your conversion rate with the BNR reference rate.",
                                    "Reconcile every payout monthly: orders, fees, refunds, bank.",
                                    "Good records make tax returns and disputes much easier.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "payments-quiz",
                    "title": "Check your payment skills",
                    "intro": (
                        "Seven questions on payment channels, fees and reconciliation. Pass with "
                        "70%; you can retry as often as you like and see feedback each time."
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
                                "prompt": "What should you check first before investing time "
                                "in listings on a new foreign marketplace?",
                                "options": [
                                    {
                                        "text": "Whether it can pay out to an account you can "
                                        "open as a Rwandan business",
                                        "is_correct": True,
                                        "feedback": "Right: without a working payout route, "
                                        "sales cannot reach you.",
                                    },
                                    {
                                        "text": "How many photos each listing can show",
                                        "is_correct": False,
                                        "feedback": "Useful later, but it does not matter if "
                                        "you cannot be paid.",
                                    },
                                    {
                                        "text": "Whether your competitors already sell there",
                                        "is_correct": False,
                                        "feedback": "Worth knowing, but payout support comes "
                                        "first.",
                                    },
                                ],
                                "explanation": "Not every marketplace pays out to every "
                                "country; confirm the payout route before anything else.",
                                "tags": "payments, payouts",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which of these can reduce the amount you receive "
                                "from a foreign sale? Select all that apply.",
                                "options": [
                                    {
                                        "text": "Marketplace commission",
                                        "is_correct": True,
                                        "feedback": "Yes: it is deducted before the payout.",
                                    },
                                    {
                                        "text": "The exchange rate used for conversion",
                                        "is_correct": True,
                                        "feedback": "Yes: a rate below the mid-market rate is "
                                        "a hidden fee.",
                                    },
                                    {
                                        "text": "Your bank's incoming transfer fee",
                                        "is_correct": True,
                                        "feedback": "Yes: many banks charge to receive "
                                        "international transfers.",
                                    },
                                    {
                                        "text": "The buyer's delivery address being in a "
                                        "capital city",
                                        "is_correct": False,
                                        "feedback": "The city does not change payment deductions.",
                                    },
                                ],
                                "explanation": "Commission, processing and transfer fees and "
                                "the conversion rate all sit between the sale price and your "
                                "account.",
                                "tags": "payments, fees",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "If a buyer sends a clear screenshot of a bank "
                                "transfer, it is safe to ship before the money appears in your "
                                "account.",
                                "correct_answer": "false",
                                "explanation": "Screenshots are easy to fake; ship only when "
                                "the money shows in your own account or marketplace balance.",
                                "tags": "payments, fraud",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "A payout of USD 500 arrives. Your bank charges an "
                                "illustrative USD 15 incoming fee and converts the rest at an "
                                "illustrative rate of RWF 1,300 per USD. How many Rwandan "
                                "francs reach your account?",
                                "answer": 630500,
                                "tolerance": 0,
                                "unit": "RWF",
                                "explanation": "500 - 15 = USD 485, and 485 x 1,300 = RWF "
                                "630,500. Real rates and fees change; check them with your "
                                "bank.",
                                "tags": "payments, currency",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What is the one-word name for matching each payout "
                                "to its orders, fees and refunds and then to your bank "
                                "statement?",
                                "accepted_answers": [
                                    "reconciliation",
                                    "reconciling",
                                    "reconcile",
                                ],
                                "explanation": "Monthly reconciliation catches missing payouts, "
                                "wrong fees and unexpected refunds.",
                                "tags": "reconciliation",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Why might a coffee exporter keep part of its income "
                                "in a USD account instead of converting every payout to RWF?",
                                "options": [
                                    {
                                        "text": "To pay dollar costs, such as courier bills, "
                                        "without converting twice",
                                        "is_correct": True,
                                        "feedback": "Right: converting to RWF and back to USD "
                                        "costs two conversion margins.",
                                    },
                                    {
                                        "text": "Because dollar income does not need to be "
                                        "declared to RRA",
                                        "is_correct": False,
                                        "feedback": "Wrong: income is taxable whatever the "
                                        "currency it is held in.",
                                    },
                                    {
                                        "text": "Because banks never charge fees on USD accounts",
                                        "is_correct": False,
                                        "feedback": "Foreign-currency accounts can have fees; "
                                        "ask your bank.",
                                    },
                                ],
                                "explanation": "Holding some dollars avoids double conversion "
                                "for dollar costs; all income still goes in your tax records.",
                                "tags": "payments, currency",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the journey of a marketplace sale's money in order.",
                                "items": [
                                    "The buyer pays the marketplace",
                                    "The marketplace holds the money until delivery",
                                    "The marketplace sends a payout minus its fees",
                                    "Your bank receives and converts the payout",
                                    "You reconcile the payout against your orders",
                                ],
                                "explanation": "Money passes through the marketplace before "
                                "reaching your bank; reconciliation is the final check.",
                                "tags": "payments, payouts",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "logistics",
            "title": "Shipping from a landlocked country",
            "summary": (
                "Post, courier or air freight; who pays for what under the common Incoterms; "
                "packaging that survives the trip; and the true landed cost for your buyer."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "shipping-and-incoterms",
                    "title": "Shipping options and Incoterms in plain words",
                    "summary": (
                        "Choose between post, courier and air freight, and agree clearly with the "
                        "buyer who pays and who carries the risk at each stage."
                    ),
                    "estimated_minutes": 22,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Three ways to send goods abroad", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Rwanda is landlocked, so most small e-commerce parcels leave by "
                            "air from Kigali International Airport. Large containers of green "
                            "coffee or tea usually travel by road to the ports of Mombasa or "
                            "Dar es Salaam. For marketplace orders you will mostly choose "
                            "between the three options below. Ask for quotes at several weights, "
                            "because the cheapest option changes as the parcel gets heavier.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Post, courier and air freight compared",
                                "columns": ["Option", "Best for", "Trade-offs"],
                                "rows": [
                                    [
                                        "Post (Iposita, Rwanda's national post office)",
                                        "Small, light, low-value parcels",
                                        "Usually cheapest; slower, and tracking may stop at "
                                        "the border",
                                    ],
                                    [
                                        "International express courier",
                                        "Single orders and samples needing speed and tracking",
                                        "Door-to-door and helps with customs; higher price per kg",
                                    ],
                                    [
                                        "Air freight through a freight forwarder",
                                        "Larger wholesale shipments, for example to a "
                                        "warehouse abroad",
                                        "Lower cost per kg at volume; needs clearance and "
                                        "collection at both airports",
                                    ],
                                ],
                            },
                        ),
                        (
                            "heading",
                            {"text": "Incoterms: who pays, who carries the risk", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p><b>Incoterms</b> are standard three-letter trade terms "
                            "published by the International Chamber of Commerce. Writing "
                            '"FCA Kigali, Incoterms 2020" on a quote tells both sides exactly '
                            "where the seller's costs and risks end. Always name the place after "
                            "the term.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Five common Incoterms explained simply",
                                "columns": ["Term", "Seller delivers...", "Notes for Rwanda"],
                                "rows": [
                                    [
                                        "EXW (Ex Works)",
                                        "At its own premises; the buyer does everything else",
                                        "The buyer must handle Rwandan export clearance, which "
                                        "a foreign buyer rarely can",
                                    ],
                                    [
                                        "FCA (Free Carrier)",
                                        "Cleared for export, to the buyer's carrier at a named "
                                        "place",
                                        "Works for any transport, e.g. FCA Kigali airport",
                                    ],
                                    [
                                        "FOB (Free On Board)",
                                        "Cleared for export, loaded on the ship at the port",
                                        "Sea freight only, e.g. FOB Mombasa for containers",
                                    ],
                                    [
                                        "DAP (Delivered at Place)",
                                        "At the buyer's named place, ready for unloading",
                                        "You pay transport; the buyer pays import duties and taxes",
                                    ],
                                    [
                                        "DDP (Delivered Duty Paid)",
                                        "At the buyer's place with import duties and taxes paid",
                                        "Most work and risk for you; price it carefully",
                                    ],
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Where the seller's job ends under DAP",
                                    "steps": [
                                        "Pack at your workshop",
                                        "Export clearance (ReSW)",
                                        "Flight from Kigali",
                                        "Arrival abroad",
                                        "Buyer clears import, pays",
                                        "Delivered at buyer's door",
                                    ],
                                },
                                "alt": "Six steps from a workshop in Rwanda to a buyer abroad. "
                                "Under DAP the seller pays for packing, export clearance and "
                                "transport to the buyer's door; the buyer handles import "
                                "clearance and pays duties and taxes.",
                                "caption": "Under DAP you carry cost and risk until the goods "
                                "reach the named place; import duties and taxes stay with the "
                                "buyer.",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "FOB is for ships",
                                "body": '<p>Many people write "FOB Kigali" for an air '
                                "shipment. FOB only applies to sea and inland waterway "
                                "transport. For air freight or courier, use <b>FCA</b> with "
                                "a named place, such as the cargo terminal at Kigali "
                                "International Airport.</p>",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Post is cheapest for light parcels, couriers are fastest, "
                                    "air freight pays off at volume.",
                                    "Always write the Incoterm, the named place and "
                                    '"Incoterms 2020".',
                                    "Prefer FCA to EXW or FOB for air shipments from Kigali.",
                                    "Under DAP the buyer pays import duties; under DDP you do.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "packaging-and-landed-cost",
                    "title": "Packaging, chargeable weight and landed cost",
                    "summary": (
                        "Pack goods to survive a long journey, understand why a light box can be "
                        "billed as heavy, and work out what a delivered product really costs."
                    ),
                    "estimated_minutes": 22,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Packaging that arrives intact", "level": "h2"}),
                        (
                            "checklist",
                            {
                                "title": "Export packing checklist",
                                "items": [
                                    "Roasted coffee in bags with a one-way valve, sealed and "
                                    "labelled with roast date and net weight.",
                                    "Tea in sealed, moisture-proof pouches or tins.",
                                    "Baskets stuffed with paper so they keep their shape, and "
                                    "lids wrapped separately.",
                                    "Imigongo panels with corner protectors and stiff board "
                                    "on both faces.",
                                    "A strong double-wall carton with no more than a few "
                                    "centimetres of empty space.",
                                    "Labels with the buyer's address, your address, the "
                                    "order number and the contents.",
                                ],
                            },
                        ),
                        (
                            "heading",
                            {"text": "Why a light box can be billed as heavy", "level": "h3"},
                        ),
                        (
                            "paragraph",
                            "<p>Carriers charge for the space a parcel takes as well as its "
                            "weight. They compute a <b>volumetric weight</b> from the "
                            "dimensions and bill the <b>higher</b> of actual and volumetric "
                            "weight: the <b>chargeable weight</b>. A common courier formula is "
                            "length x width x height in cm divided by 5,000, but divisors vary, "
                            "so check your carrier's rule. Baskets are light but bulky, so "
                            "they are often billed by volume.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "Chargeable weight of a basket carton",
                                "body": "<p>A carton of six agaseke baskets measures 60 x 40 x "
                                "40 cm and weighs 5 kg on the scale.</p>"
                                "<ul>"
                                "<li>Volumetric weight: 60 x 40 x 40 / 5,000 = "
                                "<b>19.2 kg</b></li>"
                                "<li>Actual weight: 5 kg</li>"
                                "<li>Chargeable weight: the higher, <b>19.2 kg</b></li>"
                                "</ul>"
                                "<p>Nesting the baskets inside each other in a smaller carton "
                                "can cut the bill sharply.</p>",
                            },
                        ),
                        (
                            "heading",
                            {"text": "Landed cost: what the buyer really pays", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p><b>Landed cost</b> is the total cost of getting a product to "
                            "the buyer's door: goods, packaging, freight, insurance, import "
                            "duties and taxes, and clearance charges. Whoever pays each part "
                            "depends on the Incoterm, but the buyer always compares your "
                            "landed cost with local alternatives. The worked example below "
                            "uses <b>invented numbers</b>; duties and taxes depend on the "
                            "product and the importing country, so check them for every "
                            "market.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Illustrative landed cost: 20 bags of roasted coffee "
                                "(250 g) sent by courier to a cafe in Belgium",
                                "columns": ["Cost item", "USD"],
                                "rows": [
                                    ["Coffee: 20 bags x USD 9", "180.00"],
                                    ["Export packaging and labels", "12.00"],
                                    ["Courier freight, Kigali to Brussels", "85.00"],
                                    ["Insurance", "3.00"],
                                    ["Import duties and taxes (illustrative)", "45.00"],
                                    ["Import clearance and handling", "10.00"],
                                    ["Landed cost (total)", "335.00"],
                                    ["Landed cost per bag (335 / 20)", "16.75"],
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": "Our coffee was cheaper than the cafe's usual supplier "
                                "until we added freight and duties. Now we quote the landed "
                                "price per bag from the start, and the conversation is honest.",
                                "attribution": "Owner of a small roastery in Huye (illustrative)",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Pack for drops, pressure and damp: valve bags, sealed "
                                    "pouches, strong cartons.",
                                    "Chargeable weight is the higher of actual and volumetric "
                                    "weight.",
                                    "Landed cost adds packaging, freight, insurance, duties "
                                    "and clearance to the goods.",
                                    "Check real duty and tax rates for each product and market.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "logistics-quiz",
                    "title": "Check your logistics skills",
                    "intro": (
                        "Six questions on shipping options, Incoterms, chargeable weight and "
                        "landed cost. You have 20 minutes and three attempts; answers are shown "
                        "after your last attempt."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": 20,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_last_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "You ship a carton of tea by air from Kigali and the "
                                "buyer's forwarder collects it at the airport. Which Incoterm "
                                "fits best?",
                                "options": [
                                    {
                                        "text": "FCA Kigali airport",
                                        "is_correct": True,
                                        "feedback": "Right: FCA works for air and names the "
                                        "handover point.",
                                    },
                                    {
                                        "text": "FOB Kigali",
                                        "is_correct": False,
                                        "feedback": "FOB is for sea and inland waterway "
                                        "transport only.",
                                    },
                                    {
                                        "text": "EXW Kigali",
                                        "is_correct": False,
                                        "feedback": "EXW leaves Rwandan export clearance to "
                                        "the foreign buyer, which rarely works.",
                                    },
                                    {
                                        "text": "DDP Kigali",
                                        "is_correct": False,
                                        "feedback": "DDP names the buyer's place abroad, not "
                                        "the departure airport.",
                                    },
                                ],
                                "explanation": "For air shipments handed to the buyer's "
                                "carrier, FCA with a named place is the correct term.",
                                "tags": "incoterms",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which items are part of a landed cost? Select all "
                                "that apply.",
                                "options": [
                                    {
                                        "text": "International freight",
                                        "is_correct": True,
                                        "feedback": "Yes: transport is a core part of landed cost.",
                                    },
                                    {
                                        "text": "Import duties and taxes",
                                        "is_correct": True,
                                        "feedback": "Yes: they are paid before the buyer can "
                                        "receive the goods.",
                                    },
                                    {
                                        "text": "Export packaging",
                                        "is_correct": True,
                                        "feedback": "Yes: packaging is a real cost of "
                                        "delivering the product.",
                                    },
                                    {
                                        "text": "The buyer's own shop rent",
                                        "is_correct": False,
                                        "feedback": "Rent is an overhead of the buyer's "
                                        "business, not a cost of getting goods delivered.",
                                    },
                                ],
                                "explanation": "Landed cost covers goods, packaging, freight, "
                                "insurance, import duties and taxes, and clearance charges.",
                                "tags": "landed-cost",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "Under DAP, the seller pays the import duties and "
                                "taxes in the buyer's country.",
                                "correct_answer": "false",
                                "explanation": "Under DAP the buyer handles import clearance "
                                "and pays duties and taxes; under DDP the seller does.",
                                "tags": "incoterms",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "Illustrative figures for a shipment of baskets: "
                                "goods USD 400, packaging USD 20, freight USD 120, insurance "
                                "USD 6, import duties and taxes USD 90, clearance USD 14. What "
                                "is the total landed cost?",
                                "answer": 650,
                                "tolerance": 0.5,
                                "unit": "USD",
                                "explanation": "400 + 20 + 120 + 6 + 90 + 14 = USD 650. Every "
                                "cost of getting the goods to the buyer's door is included.",
                                "tags": "landed-cost",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "A carton measures 50 x 40 x 30 cm and weighs 8 kg. "
                                "The courier uses length x width x height / 5,000. What is the "
                                "chargeable weight?",
                                "answer": 12,
                                "tolerance": 0.1,
                                "unit": "kg",
                                "explanation": "Volumetric weight is 60,000 / 5,000 = 12 kg, "
                                "which is higher than the actual 8 kg, so you are billed for "
                                "12 kg.",
                                "tags": "chargeable-weight",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "Give the three-letter Incoterm under which the "
                                "seller delivers to the buyer's named place and the buyer "
                                "pays import duties and taxes.",
                                "accepted_answers": [
                                    "DAP",
                                    "dap",
                                    "Delivered at Place",
                                    "delivered at place",
                                ],
                                "explanation": "DAP, Delivered at Place: the seller pays "
                                "transport to the named place; the buyer clears import.",
                                "tags": "incoterms",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "export-paperwork",
            "title": "Export paperwork step by step",
            "summary": (
                "The commercial invoice, packing list, certificate of origin and, for "
                "agricultural goods, phytosanitary and NAEB requirements; lodged through the "
                "Rwanda Electronic Single Window."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "core-documents",
                    "title": "The core documents and rules of origin",
                    "summary": (
                        "What goes into a commercial invoice and packing list, and how a "
                        "certificate of origin can lower duties for your buyer."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "The documents every shipment needs", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Customs officers in Rwanda and in the buyer's country read the "
                            "same story from several documents. If the quantities, weights or "
                            "values disagree between them, the shipment can be stopped. Prepare "
                            "them together, from one set of figures.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Export documents and who prepares or issues them",
                                "columns": ["Document", "What it shows", "Prepared or issued by"],
                                "rows": [
                                    [
                                        "Commercial invoice",
                                        "Seller, buyer, goods, HS code, quantity, value, "
                                        "currency, Incoterm",
                                        "You, the exporter",
                                    ],
                                    [
                                        "Packing list",
                                        "Contents, net and gross weight and dimensions of each "
                                        "package",
                                        "You, the exporter",
                                    ],
                                    [
                                        "Export declaration",
                                        "The official customs record of the export",
                                        "Lodged through ReSW, usually by a licensed customs agent",
                                    ],
                                    [
                                        "Certificate of origin",
                                        "That the goods originate in Rwanda under a trade "
                                        "agreement",
                                        "Applied for through ReSW and issued by RRA customs",
                                    ],
                                    [
                                        "Phytosanitary certificate",
                                        "That plant products meet the importing country's "
                                        "plant health rules",
                                        "Rwanda's plant protection authority; confirm the "
                                        "office with NAEB",
                                    ],
                                ],
                            },
                        ),
                        ("heading", {"text": "Rules of origin: the general idea", "level": "h3"}),
                        (
                            "paragraph",
                            "<p>Trade agreements such as the <b>EAC</b> customs union, the "
                            "<b>COMESA</b> free trade area and the <b>African Continental Free "
                            "Trade Area (AfCFTA)</b> can lower or remove import duties, but "
                            "only for goods that truly <b>originate</b> in a member country. "
                            "Each agreement has its own rules, but the ideas are similar:</p>"
                            "<ul>"
                            "<li><b>Wholly obtained</b>: grown, harvested or made entirely in "
                            "the country, such as coffee grown and processed in Rwanda.</li>"
                            "<li><b>Sufficiently transformed</b>: made from some imported "
                            "materials, but changed enough in Rwanda, for example by adding "
                            "a minimum share of value or changing the product's tariff "
                            "heading.</li>"
                            "</ul>"
                            "<p>The buyer's customs claims the lower duty by presenting your "
                            "certificate of origin. Ask RRA customs which certificate and rule "
                            "applies to your product and destination.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Small consignments to EAC neighbours",
                                "body": "<p>The EAC has a simplified certificate of origin "
                                "for small consignments below a value threshold, which helps "
                                "small traders selling to neighbouring countries. Check the "
                                "current threshold and procedure with RRA customs before you "
                                "rely on it.</p>",
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Commercial invoice and packing list checklist",
                                "filename": "invoice-packing-list-checklist.md",
                                "content": (
                                    "# Commercial invoice and packing list checklist\n\n"
                                    "## Commercial invoice\n\n"
                                    "- [ ] Invoice number and date\n"
                                    "- [ ] Seller: business name, address, TIN\n"
                                    "- [ ] Buyer: name, address, contact\n"
                                    "- [ ] Description of goods in plain words\n"
                                    "- [ ] HS code for each product line\n"
                                    "- [ ] Quantity, unit price, total value and currency\n"
                                    "- [ ] Incoterm with named place, e.g. DAP Brussels, "
                                    "Incoterms 2020\n"
                                    "- [ ] Country of origin: Rwanda\n"
                                    "- [ ] Signature\n\n"
                                    "## Packing list\n\n"
                                    "- [ ] Same invoice number and buyer\n"
                                    "- [ ] Number of packages and marks on each\n"
                                    "- [ ] Contents of each package\n"
                                    "- [ ] Net and gross weight per package and in total\n"
                                    "- [ ] Dimensions of each package\n\n"
                                    "## Cross-check\n\n"
                                    "- [ ] Quantities and weights match on both documents\n"
                                    "- [ ] Values match the export declaration\n"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Invoice, packing list and declaration must tell the same "
                                    "story.",
                                    "You prepare the invoice and packing list; customs "
                                    "documents go through ReSW.",
                                    "A certificate of origin can lower your buyer's duties "
                                    "under EAC, COMESA or AfCFTA rules.",
                                    "Origin means wholly obtained or sufficiently transformed "
                                    "in Rwanda.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "resw-naeb-shipment",
                    "title": "ReSW, NAEB and a shipment from start to finish",
                    "summary": (
                        "Lodge the export declaration through the Rwanda Electronic Single Window, "
                        "meet NAEB and plant health rules for coffee and tea, and follow one "
                        "shipment end to end."
                    ),
                    "estimated_minutes": 24,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "The Rwanda Electronic Single Window", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>The <b>Rwanda Electronic Single Window (ReSW)</b> lets traders "
                            "and their agents submit customs declarations and apply for many "
                            "permits and certificates online, instead of visiting each agency. "
                            "The <b>export declaration</b> is lodged there, usually by a "
                            "<b>licensed customs clearing agent</b> acting for you. You supply "
                            "the commercial invoice, packing list and any permits; the agent "
                            "enters the HS codes and values, RRA customs checks the "
                            "declaration, may inspect the goods, and releases them for "
                            "export.</p>"
                            "<p>Keep the release documents and the proof that the goods left "
                            "Rwanda. Exports are generally zero-rated for VAT, but RRA expects "
                            "you to prove the goods were exported; confirm the current rules "
                            "with RRA.</p>",
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "One export shipment, start to finish",
                                    "steps": [
                                        "Agree price and Incoterm",
                                        "Pack; invoice, packing list",
                                        "Permits and certificates",
                                        "Declaration via ReSW",
                                        "Customs release",
                                        "Hand over to carrier",
                                    ],
                                },
                                "alt": "Six steps of an export shipment: agree price and "
                                "Incoterm, pack and prepare invoice and packing list, obtain "
                                "permits and certificates, lodge the declaration through ReSW, "
                                "customs release, hand over to the carrier.",
                                "caption": "The order of work for a typical export; your "
                                "customs agent handles the ReSW steps with you.",
                            },
                        ),
                        (
                            "heading",
                            {"text": "Coffee and tea: NAEB and plant health", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>The <b>National Agricultural Export Development Board (NAEB)</b> "
                            "regulates and promotes exports of coffee, tea and horticulture. "
                            "If you export coffee or tea, expect NAEB requirements such as "
                            "exporter registration, quality inspection or sampling, and "
                            "records of the sale. Ask NAEB for the current list for your "
                            "product and volume before you agree a delivery date.</p>"
                            "<p>A <b>phytosanitary certificate</b> confirms that plant products "
                            "were inspected and meet the importing country's plant health "
                            "rules. Green coffee beans and fresh produce usually need one. "
                            "Processed goods such as roasted coffee or packaged tea often do "
                            "not, but the <b>importing country decides</b>, so check its "
                            "requirements for your exact product.</p>",
                        ),
                        (
                            "case_study",
                            {
                                "title": "Umucyo Tea Growers' first direct export (illustrative)",
                                "context": "<p><i>Umucyo Tea Growers is a fictional "
                                "cooperative used for illustration.</i> A buyer in Dubai orders "
                                "200 kg of packaged black tea, DAP Dubai. The cooperative:</p>"
                                "<ol>"
                                "<li>Confirms its NAEB registration and asks NAEB which "
                                "quality checks apply.</li>"
                                "<li>Asks the buyer to confirm with the importing authority "
                                "whether packaged tea needs a phytosanitary certificate.</li>"
                                "<li>Prepares the invoice and packing list from one "
                                "spreadsheet, with the HS code agreed with its customs "
                                "agent.</li>"
                                "<li>Gives the agent the documents to lodge the declaration "
                                "through ReSW and books air freight with a forwarder.</li>"
                                "</ol>"
                                "<p>The first shipment took longer than planned because the "
                                "weights on the invoice and packing list differed by 2 kg. "
                                "The second shipment went through without queries.</p>",
                                "reflection_question": (
                                    "Which document in your next shipment is most likely to "
                                    "disagree with the others, and how will you check it?"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before you book the flight",
                                "items": [
                                    "Incoterm and named place agreed in writing with the buyer.",
                                    "Invoice and packing list match on quantities, weights "
                                    "and values.",
                                    "Certificate of origin requested if the buyer can claim a "
                                    "preference.",
                                    "NAEB and phytosanitary requirements confirmed for coffee "
                                    "or tea.",
                                    "Customs agent has everything needed for the ReSW declaration.",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "The export declaration is lodged through ReSW, usually by "
                                    "a licensed customs agent.",
                                    "Coffee and tea exporters must meet NAEB requirements; ask "
                                    "NAEB for the current list.",
                                    "Whether a phytosanitary certificate is needed depends on "
                                    "the product and the importing country.",
                                    "Keep proof of export for your VAT and tax records.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "paperwork-quiz",
                    "title": "Check your export paperwork skills",
                    "intro": (
                        "Each attempt draws six of seven questions on export documents, rules of "
                        "origin, ReSW and NAEB. Pass with 75%; answers are shown once you pass."
                    ),
                    "pass_mark": 75,
                    "max_attempts": 0,
                    "time_limit_minutes": None,
                    "questions_per_attempt": 6,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_passing",
                    "questions": [
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps of an export shipment in order.",
                                "items": [
                                    "Agree the price and Incoterm with the buyer",
                                    "Pack the goods and prepare the invoice and packing list",
                                    "Lodge the export declaration through ReSW",
                                    "Receive customs release for the goods",
                                    "Hand the goods to the carrier and send tracking to the buyer",
                                ],
                                "explanation": "Terms come first, then goods and documents, "
                                "then the declaration and release, and finally the handover to "
                                "the carrier.",
                                "tags": "export, procedure",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Which document shows the net and gross weight and "
                                "the dimensions of each package?",
                                "options": [
                                    {
                                        "text": "Packing list",
                                        "is_correct": True,
                                        "feedback": "Right: it describes each package's "
                                        "contents, weight and size.",
                                    },
                                    {
                                        "text": "Certificate of origin",
                                        "is_correct": False,
                                        "feedback": "It proves where the goods come from, not "
                                        "how they are packed.",
                                    },
                                    {
                                        "text": "Phytosanitary certificate",
                                        "is_correct": False,
                                        "feedback": "It covers plant health, not package weights.",
                                    },
                                ],
                                "explanation": "The packing list gives package-level detail; "
                                "its totals must match the commercial invoice.",
                                "tags": "export, documents",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "A cooperative exports green coffee beans. Which of "
                                "these should it expect to deal with? Select all that apply.",
                                "options": [
                                    {
                                        "text": "NAEB requirements for coffee exporters",
                                        "is_correct": True,
                                        "feedback": "Yes: NAEB regulates coffee exports.",
                                    },
                                    {
                                        "text": "A phytosanitary certificate if the importing "
                                        "country requires it",
                                        "is_correct": True,
                                        "feedback": "Yes: green beans are a plant product and "
                                        "usually need one.",
                                    },
                                    {
                                        "text": "An export declaration lodged through ReSW",
                                        "is_correct": True,
                                        "feedback": "Yes: every formal export is declared to "
                                        "customs.",
                                    },
                                    {
                                        "text": "A tourism operator licence",
                                        "is_correct": False,
                                        "feedback": "That licence is for tourism businesses, "
                                        "not coffee exports.",
                                    },
                                ],
                                "explanation": "Green coffee involves NAEB, plant health "
                                "rules of the importing country and a customs declaration.",
                                "tags": "coffee, naeb",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "A certificate of origin guarantees that the buyer "
                                "pays no import duty in any country in the world.",
                                "correct_answer": "false",
                                "explanation": "It only supports a lower duty where a trade "
                                "agreement such as EAC, COMESA or AfCFTA applies and the goods "
                                "meet its rules of origin.",
                                "tags": "origin",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "Through which online system is a Rwandan export "
                                "declaration lodged? Give its name or its short form.",
                                "accepted_answers": [
                                    "ReSW",
                                    "Rwanda Electronic Single Window",
                                    "Electronic Single Window",
                                    "Single Window",
                                ],
                                "explanation": "The Rwanda Electronic Single Window (ReSW) "
                                "handles customs declarations and many permits online.",
                                "tags": "resw, customs",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Under rules of origin, which product is most "
                                'clearly "wholly obtained" in Rwanda?',
                                "options": [
                                    {
                                        "text": "Coffee grown, processed and roasted in Rwanda",
                                        "is_correct": True,
                                        "feedback": "Right: every stage happens in Rwanda.",
                                    },
                                    {
                                        "text": "Imported tea repacked into new bags in Kigali",
                                        "is_correct": False,
                                        "feedback": "Simple repacking rarely confers origin.",
                                    },
                                    {
                                        "text": "Baskets imported ready-made and relabelled",
                                        "is_correct": False,
                                        "feedback": "Relabelling does not transform the "
                                        "goods, so origin stays abroad.",
                                    },
                                ],
                                "explanation": "Wholly obtained goods are produced entirely in "
                                "the country; simple operations like repacking or labelling do "
                                "not confer origin.",
                                "tags": "origin",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Who usually lodges the export declaration on behalf "
                                "of a small exporter?",
                                "options": [
                                    {
                                        "text": "A licensed customs clearing agent",
                                        "is_correct": True,
                                        "feedback": "Right: agents are registered to submit "
                                        "declarations through ReSW.",
                                    },
                                    {
                                        "text": "The foreign buyer",
                                        "is_correct": False,
                                        "feedback": "The buyer deals with import clearance in "
                                        "their own country.",
                                    },
                                    {
                                        "text": "The marketplace",
                                        "is_correct": False,
                                        "feedback": "Marketplaces do not lodge Rwandan export "
                                        "declarations for sellers.",
                                    },
                                ],
                                "explanation": "You supply the documents; a licensed agent "
                                "lodges the declaration through ReSW and follows it to "
                                "release.",
                                "tags": "resw, customs",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
