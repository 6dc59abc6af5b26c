"""Promoting Rwanda's tourism online: a self-paced course for tour operators and guesthouses."""

COURSE = {
    "slug": "promoting-rwanda-tourism-online",
    "title": "Promoting Rwanda's tourism online",
    "summary": (
        "List your tours or guesthouse on online travel marketplaces, design clear packages "
        "around permits and seasons, win good reviews, set fair cancellation rules and welcome "
        "Chinese and French-speaking travellers."
    ),
    "audiences": ["entrepreneurs"],
    "topics": ["tourism", "marketing"],
    "level": "beginner",
    "format": "self_paced",
    "estimated_hours": 5,
    "outcomes": [
        "By the end you can choose the online travel channels that suit a small Rwandan tour "
        "operator or guesthouse and prepare everything a listing needs.",
        "By the end you can design a package with a day-by-day itinerary, clear inclusions and "
        "exclusions, a price that covers commission, and permits handled through RDB.",
        "By the end you can take photos and write descriptions that set honest expectations.",
        "By the end you can ask for reviews, answer a negative review calmly and publish a "
        "cancellation policy that protects both you and your guests.",
        "By the end you can use the Visit Rwanda story responsibly and adapt your offer for "
        "Chinese and French-speaking travellers.",
    ],
    "prerequisites": [],
    "issues_certificate": True,
    "qualifies_for_storefront": False,
    "enrolment_open": True,
    "modules": [
        {
            "slug": "get-listed",
            "title": "Getting your travel business online",
            "summary": (
                "Where travellers book trips online, what you need before you list, and how to "
                "turn your tours into packages with honest prices."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "travel-stores",
                    "title": "Your travel store on online marketplaces",
                    "summary": (
                        "The main types of online travel marketplace, what each is good for and "
                        "the papers you need before you publish a listing."
                    ),
                    "estimated_minutes": 15,
                    "free_preview": True,
                    "body": [
                        ("heading", {"text": "Where travellers shop for trips", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A traveller in Shanghai, Lyon or Montreal usually plans a Rwanda "
                            "trip on a phone, weeks or months before flying. They compare "
                            "lodges, read reviews and book a gorilla trek or a Lake Kivu boat "
                            "trip on <b>online travel marketplaces</b>: websites and apps that "
                            "show many businesses side by side and take the booking and payment."
                            "</p><p>Your <b>travel store</b> is your page on such a marketplace: "
                            "your business profile, your rooms or tours, photos, prices, "
                            "calendar and reviews. A small operator does not need a big website "
                            "to be found. It needs one or two well-kept stores on the channels "
                            "its guests already use.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The main online channels for a small Rwandan "
                                "travel business",
                                "columns": ["Channel", "What it sells", "Best for", "Watch out"],
                                "rows": [
                                    [
                                        "Accommodation platforms",
                                        "Rooms, guesthouses, homestays, eco-lodges",
                                        "Guesthouses and lodges",
                                        "Commission on each booking; keep calendars in sync",
                                    ],
                                    [
                                        "Tours and activities marketplaces",
                                        "Day trips, guided hikes, multi-day tours",
                                        "Tour operators and guides",
                                        "Licence and insurance checks before you go live",
                                    ],
                                    [
                                        "Review and discovery sites",
                                        "Reviews, rankings, links to book",
                                        "Every tourism business",
                                        "Reviews are public and stay for years",
                                    ],
                                    [
                                        "China-facing travel platforms, such as Alibaba's Fliggy",
                                        "Packages, hotels and tickets in Chinese",
                                        "Operators ready to host Chinese groups",
                                        "Chinese-language content, often through a partner",
                                    ],
                                    [
                                        "Your own website and social media",
                                        "Direct bookings and enquiries",
                                        "Repeat guests and referrals",
                                        "You must build trust and take payment yourself",
                                    ],
                                ],
                            },
                        ),
                        (
                            "heading",
                            {"text": "Before you list: get your papers ready", "level": "h2"},
                        ),
                        (
                            "checklist",
                            {
                                "title": "Ready-to-list checklist",
                                "items": [
                                    "Business registered with RDB and a tax identification "
                                    "number (TIN) from RRA.",
                                    "The tourism licence RDB requires for your category (tour "
                                    "operator, accommodation, guide) - check current "
                                    "requirements with RDB.",
                                    "A business bank account and an MTN MoMo or Airtel Money "
                                    "merchant account for local payments.",
                                    "A way to receive payouts from foreign marketplaces (ask "
                                    "your bank, such as Bank of Kigali, about foreign transfers).",
                                    "10-20 real, recent photos of your rooms, vehicles, guides "
                                    "and the places you visit.",
                                    "A written description of each room or tour, a price list "
                                    "and a cancellation policy.",
                                    "Liability insurance, if the marketplace asks for it.",
                                    "One person who answers guest messages within 24 hours.",
                                ],
                            },
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "From listing to first booking",
                                    "steps": [
                                        "Create partner account",
                                        "Verify business and licence",
                                        "Add packages and photos",
                                        "Set prices and calendar",
                                        "Publish and reply fast",
                                        "Host, then ask for review",
                                    ],
                                },
                                "alt": "Six steps from creating a partner account on a travel "
                                "marketplace to hosting the first guest and asking for a review.",
                                "caption": "Most marketplaces follow these steps; verification "
                                "can take days, so start early.",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Commission is a cost of sale, not a loss",
                                "body": "<p>Marketplaces charge a commission on each booking. "
                                "The rate differs by platform and contract, so read yours. "
                                "<b>Build the commission into your price</b> instead of asking "
                                "marketplace guests for extra cash on arrival - that breaks "
                                "most platform rules and earns bad reviews.</p>",
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Illustrative: a homestay near Volcanoes National Park",
                                "context": "<p>A family in Musanze runs a four-room homestay "
                                "(an illustrative business). For years, guests came only "
                                "through WhatsApp referrals from one driver-guide. They listed "
                                "the rooms on one accommodation platform and a half-day "
                                "village walk on a tours marketplace.</p><p>Bookings rose "
                                "within a season, but in the first month they <b>double-booked "
                                "a room</b> because a WhatsApp booking was not added to the "
                                "online calendar. They now block dates on the platform the "
                                "moment any booking arrives, from any channel.</p>",
                                "reflection_question": "Which two channels would you open "
                                "first for your business, and who on your team will keep "
                                "their calendars up to date every day?",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "A travel store is your page on a marketplace: profile, "
                                    "offers, photos, prices, calendar and reviews.",
                                    "Start with one or two channels your guests already use "
                                    "and keep them up to date.",
                                    "Have your RDB registration, tourism licence, TIN and "
                                    "payment accounts ready before you list.",
                                    "Price in the commission; never add surprise charges.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "designing-packages",
                    "title": "Designing packages travellers can book",
                    "summary": (
                        "Build an itinerary, state what is included and excluded, price it "
                        "properly, plan for the seasons and handle park permits through RDB."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "What a good package contains", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A package is a trip a guest can buy in one click. It has five "
                            "parts:</p><ol><li><b>Itinerary</b> - what happens each day, with "
                            "realistic driving times.</li><li><b>Inclusions</b> - everything "
                            "the price covers.</li><li><b>Exclusions</b> - everything the guest "
                            "pays for separately.</li><li><b>Price and dates</b> - per person, "
                            "by group size and season.</li><li><b>Permits and conditions</b> - "
                            "what must be secured, by whom and by when.</li></ol>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Illustrative itinerary: 3 days, gorillas and Lake Kivu",
                                "columns": ["Day", "Morning", "Afternoon", "Overnight"],
                                "rows": [
                                    [
                                        "1",
                                        "Pick-up in Kigali, drive to Musanze",
                                        "Village walk and briefing",
                                        "Guesthouse, Musanze",
                                    ],
                                    [
                                        "2",
                                        "Gorilla trek, Volcanoes National Park",
                                        "Rest; optional craft visit",
                                        "Guesthouse, Musanze",
                                    ],
                                    [
                                        "3",
                                        "Drive to Rubavu",
                                        "Boat trip on Lake Kivu, return to Kigali",
                                        "-",
                                    ],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p><b>Inclusions</b> usually cover transport in a named vehicle "
                            "type, nights and meal plan, an English- or French-speaking guide, "
                            "park permits when you have secured them, and drinking water. "
                            "<b>Exclusions</b> usually cover international flights, visas, "
                            "travel insurance, tips, personal drinks and optional activities. "
                            "If it is not written in the inclusions, the guest will assume "
                            "it is - so be precise.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Permits: never sell what you have not secured",
                                "body": "<p>Gorilla trekking permits for Volcanoes National "
                                "Park are issued by RDB. They are limited each day, tied to "
                                "the visitor's identity, and their price and rules change "
                                "over time. <b>Check the current price and conditions on "
                                "RDB's official booking channel</b>, and do not copy figures "
                                "from old blog posts.</p><ul><li>Show the permit as a separate "
                                "line at the official price, with the date you checked it."
                                "</li><li>Mark a date 'confirmed' only when the permit is "
                                "issued.</li><li>Apply the same care to chimpanzee tracking in "
                                "Nyungwe and to park entry fees.</li></ul>",
                            },
                        ),
                        (
                            "heading",
                            {"text": "Pricing: cost first, then check the market", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>Add up your costs per person: transport, beds, meals, guide, "
                            "activities. Add your margin. Then <b>gross up for commission</b>: "
                            "if a marketplace keeps 20% and you want to receive USD 360, the "
                            "listed price must be 360 / 0.80 = USD 450 (illustrative numbers). "
                            "Permits are passed through at the official price. Finally compare "
                            "with similar trips on the same marketplace: if you are far above, "
                            "explain what is better; if far below, check your costs.</p>",
                        ),
                        (
                            "paragraph",
                            "<p><b>Seasons.</b> Demand for trekking peaks in Rwanda's drier "
                            "months, roughly June to September and December to February. The "
                            "rainier months, around March to May and October to November, are "
                            "quieter: sell them as a 'green season' with lush forest and fewer "
                            "visitors. Also watch your guests' holidays - the European summer, "
                            "and China's Spring Festival and National Day 'Golden Week' in early "
                            "October.</p>",
                        ),
                        (
                            "document",
                            {
                                "title": "Package sheet template (CSV)",
                                "filename": "package-sheet-template.csv",
                                "content": (
                                    "package_code,title,days,start,season,includes,excludes,"
                                    "price_per_person_usd,min_group,permit,permit_status\n"
                                    "GK3,Gorillas and Lake Kivu,3,Kigali,all year,"
                                    '"transport; 2 nights half board; guide; water",'
                                    '"flights; visa; insurance; tips",450,2,'
                                    "gorilla (RDB),to secure after deposit\n"
                                    "MV1,Musanze village walk,1,Musanze,all year,"
                                    '"guide; tea with a farming family","transport to start",'
                                    "35,1,none,not needed\n"
                                    "NY2,Nyungwe canopy and tea,2,Huye,green season,"
                                    '"transport; 1 night full board; guide",'
                                    '"park activities; tips",280,2,park activity (RDB),'
                                    "check at booking\n"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Write a day-by-day itinerary with honest driving times.",
                                    "List inclusions and exclusions in full; silence means "
                                    "'included' to a guest.",
                                    "Gross up your price for commission; pass permits through "
                                    "at RDB's current official price.",
                                    "Plan offers around Rwanda's seasons and your guests' "
                                    "holidays.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "quiz-get-listed",
                    "title": "Check: listings and packages",
                    "intro": (
                        "Seven questions on travel marketplaces, packages, permits and "
                        "pricing. You can retake the quiz up to three times."
                    ),
                    "pass_mark": 70,
                    "max_attempts": 3,
                    "time_limit_minutes": None,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_each_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which institution issues gorilla trekking permits "
                                "for Volcanoes National Park?",
                                "options": [
                                    {
                                        "text": "Rwanda Development Board (RDB)",
                                        "is_correct": True,
                                        "feedback": "Correct - RDB issues park permits and "
                                        "publishes their current price and rules.",
                                    },
                                    {
                                        "text": "Rwanda Revenue Authority (RRA)",
                                        "is_correct": False,
                                        "feedback": "RRA handles taxes and customs, not park "
                                        "permits.",
                                    },
                                    {
                                        "text": "The travel marketplace you list on",
                                        "is_correct": False,
                                        "feedback": "A marketplace sells your package but "
                                        "cannot issue a park permit.",
                                    },
                                    {
                                        "text": "NAEB",
                                        "is_correct": False,
                                        "feedback": "NAEB supports agricultural exports such "
                                        "as coffee and tea, not tourism permits.",
                                    },
                                ],
                                "explanation": "Park permits, including gorilla permits, are "
                                "issued by RDB; always check the current price with RDB.",
                                "tags": "permits",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Your 3-day package price covers transport, two "
                                "nights, a guide and a secured gorilla permit. Which items "
                                "should appear under exclusions?",
                                "options": [
                                    {
                                        "text": "International flights",
                                        "is_correct": True,
                                        "feedback": "Yes - flights are almost always "
                                        "excluded and must be said.",
                                    },
                                    {
                                        "text": "Travel insurance",
                                        "is_correct": True,
                                        "feedback": "Yes - guests arrange their own insurance.",
                                    },
                                    {
                                        "text": "Tips and personal drinks",
                                        "is_correct": True,
                                        "feedback": "Yes - list them so nobody is surprised.",
                                    },
                                    {
                                        "text": "The gorilla permit",
                                        "is_correct": False,
                                        "feedback": "In this package the secured permit is "
                                        "included, so it belongs under inclusions.",
                                    },
                                ],
                                "explanation": "Exclusions list everything the guest pays "
                                "separately; anything the price covers goes under inclusions.",
                                "tags": "packages",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "You may show a gorilla trekking date as "
                                "'confirmed' as soon as the guest pays a deposit, even "
                                "before the permit is issued.",
                                "correct_answer": "false",
                                "explanation": "Permits are limited and tied to the visitor; "
                                "a date is confirmed only once RDB has issued the permit.",
                                "tags": "permits",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "Your costs plus margin for a day trip come to "
                                "USD 360 per person. The marketplace keeps 20% of the listed "
                                "price as commission. What listed price lets you receive "
                                "USD 360? (Illustrative numbers.)",
                                "answer": 450.0,
                                "tolerance": 1.0,
                                "unit": "USD",
                                "explanation": "Divide what you need by the share you keep: "
                                "360 / 0.80 = 450. Adding 20% to 360 (432) is not enough.",
                                "tags": "pricing",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps to your first marketplace booking "
                                "in order.",
                                "items": [
                                    "Create a partner account",
                                    "Verify your business and tourism licence",
                                    "Add packages, photos and prices",
                                    "Open dates on the calendar and publish",
                                    "Answer enquiries and confirm the booking",
                                ],
                                "explanation": "Marketplaces verify you before you can "
                                "publish; offers and a calendar come before bookings.",
                                "tags": "listings",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What do travel businesses call the busiest time "
                                "of year, when demand and prices are highest? (Two words.)",
                                "accepted_answers": [
                                    "high season",
                                    "peak season",
                                    "busy season",
                                ],
                                "explanation": "High or peak season in Rwanda is roughly the "
                                "drier months; the quieter rainy months can be sold as green "
                                "season.",
                                "tags": "seasonality",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "A room booked on WhatsApp was also booked on an "
                                "accommodation platform for the same night. What prevents "
                                "this?",
                                "options": [
                                    {
                                        "text": "Block the dates on every channel as soon as "
                                        "any booking arrives",
                                        "is_correct": True,
                                        "feedback": "Right - one up-to-date calendar across "
                                        "channels stops double bookings.",
                                    },
                                    {
                                        "text": "Stop taking direct bookings altogether",
                                        "is_correct": False,
                                        "feedback": "Direct bookings are valuable; the fix is "
                                        "calendar discipline, not fewer guests.",
                                    },
                                    {
                                        "text": "Raise the price on the platform",
                                        "is_correct": False,
                                        "feedback": "Price does not stop a second guest "
                                        "booking an occupied room.",
                                    },
                                ],
                                "explanation": "Double bookings come from calendars that are "
                                "out of sync; update all channels at once.",
                                "tags": "listings",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "win-trust",
            "title": "Winning trust and welcoming new markets",
            "summary": (
                "Photos and descriptions that set honest expectations, reviews and "
                "cancellation rules, the Visit Rwanda story and guests from China and the "
                "French-speaking world."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "photos-descriptions",
                    "title": "Photos and descriptions for travel",
                    "summary": (
                        "Take honest, attractive photos and write descriptions that answer a "
                        "traveller's questions before they ask."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Photos sell the trip", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A traveller cannot touch a trip before buying it, so photos do "
                            "the work of a shop window. Use <b>your own, recent photos</b>: "
                            "your rooms, vehicles, guides, meals and the views guests will "
                            "really see. Shoot in daylight, hold the phone level and clean the "
                            "lens. Do not use pictures from other businesses or from national "
                            "campaigns without permission.</p><p>Ask people before you "
                            "photograph them, especially children and community members, and "
                            "follow park rules with wildlife: no flash near gorillas and keep "
                            "the distance the rangers tell you.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Shot list for a tour operator or guesthouse",
                                "items": [
                                    "Wide shot of each room, taken from the doorway.",
                                    "Bathroom, bed and the view from the window.",
                                    "Your vehicle, inside and outside.",
                                    "Your guides, smiling, with their names in the caption.",
                                    "A typical meal you serve.",
                                    "The trailhead, boat or landscape at the start of each "
                                    "activity.",
                                    "Guests enjoying the activity, with their written consent.",
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Anatomy of a good tour description",
                                "columns": ["Part", "What to write", "Example"],
                                "rows": [
                                    [
                                        "Title",
                                        "Place, activity and length",
                                        "Lake Kivu sunset boat trip from Rubavu, 3 hours",
                                    ],
                                    [
                                        "Highlights",
                                        "Three short reasons to book",
                                        "Fishermen's songs, island stop, local snacks",
                                    ],
                                    [
                                        "Effort and fitness",
                                        "Honest difficulty and conditions",
                                        "Gorilla treks can mean hours on steep, muddy slopes",
                                    ],
                                    [
                                        "Meeting point and time",
                                        "Exact place and pick-up options",
                                        "Hotel pick-up in Rubavu town at 15:00",
                                    ],
                                    [
                                        "What to bring",
                                        "Clothing, documents, cash",
                                        "Rain jacket, passport copy, walking shoes",
                                    ],
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": "The description warned us the walk to the gorillas "
                                "could be long and muddy. It was - and because we knew, we "
                                "brought the right boots and loved every minute.",
                                "attribution": "Guest review of a Musanze tour operator "
                                "(illustrative)",
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "Before and after",
                                "body": "<p><b>Before:</b> 'Amazing gorilla trip, best "
                                "price, book now!!!'</p><p><b>After:</b> '3-day gorilla and "
                                "Lake Kivu trip from Kigali. Trek with RDB rangers in Volcanoes "
                                "National Park (permit secured for you after deposit), two "
                                "nights in a family guesthouse in Musanze, boat trip on Lake "
                                "Kivu. Treks can last several hours on steep ground.'</p>",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Use your own recent photos; never borrow others' images.",
                                    "Ask consent before photographing people and respect park "
                                    "rules with wildlife.",
                                    "Describe effort and conditions honestly - it prevents bad "
                                    "reviews.",
                                    "Give the meeting point, time and what to bring.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "reviews-cancellations",
                    "title": "Reviews and cancellation policies",
                    "summary": (
                        "Ask for reviews at the right moment, answer negative ones calmly and "
                        "write a cancellation policy that fits permit rules."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Reviews: your strongest advert", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Most travellers read reviews before they book. Ask for one at "
                            "the happiest moment - on the drive back from the trek, or at "
                            "check-out - and make it easy with a short link or a QR code. "
                            "<b>Never pay for reviews, write them yourself or offer discounts "
                            "only for five stars.</b> Marketplaces remove fake reviews and may "
                            "close your store.</p>",
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "Answering a negative review",
                                    "steps": [
                                        "Read it, wait a few hours",
                                        "Thank the guest by name",
                                        "Acknowledge the problem",
                                        "Say what you changed",
                                        "Offer a private contact",
                                    ],
                                },
                                "alt": "Five steps for replying to a negative review, from "
                                "waiting before replying to offering private contact.",
                                "caption": "Your reply is read by every future guest, not only "
                                "the one who complained.",
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Review reply templates",
                                "filename": "review-reply-templates.md",
                                "content": (
                                    "# Review reply templates\n\n"
                                    "Adapt each reply; never paste the same text twice.\n\n"
                                    "## Positive review\n"
                                    "Thank you, [name], for trekking with us. [Guide] was "
                                    "happy to share the day with you. We hope to welcome you "
                                    "back for Nyungwe or Lake Kivu.\n\n"
                                    "## Negative review - our mistake\n"
                                    "Thank you, [name], for telling us. You are right that "
                                    "[problem]. We are sorry. Since your visit we have "
                                    "[change made]. Please write to [e-mail] so we can put "
                                    "this right.\n\n"
                                    "## Negative review - outside our control\n"
                                    "Thank you, [name]. We understand how disappointing it "
                                    "was when [event, e.g. the boat trip was stopped for a "
                                    "storm]. Safety comes first on Lake Kivu, and we offered "
                                    "[alternative or refund]. We would be glad to hear from "
                                    "you at [e-mail].\n"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Cancellation policies that protect both sides",
                                "level": "h2",
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Illustrative tiered cancellation policy (your "
                                "own tiers may differ)",
                                "columns": [
                                    "Guest cancels",
                                    "Refund of package (excluding permits)",
                                    "Permits",
                                ],
                                "rows": [
                                    ["60 days or more before", "Full refund", "RDB's rules"],
                                    ["30-59 days before", "75% refund", "RDB's rules"],
                                    ["15-29 days before", "50% refund", "RDB's rules"],
                                    ["Less than 15 days or no-show", "No refund", "RDB's rules"],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "You cannot promise more than the permit allows",
                                "body": "<p>Park permits follow RDB's own rescheduling and "
                                "refund rules, which you cannot change. Write your policy in "
                                "two parts - your package and the permits - and tell guests "
                                "to read RDB's current conditions. Add a line on weather and "
                                "safety: what you offer if a boat trip or trek is stopped.</p>",
                            },
                        ),
                        (
                            "case_study",
                            {
                                "title": "Illustrative: a storm on Lake Kivu",
                                "context": "<p>A small Rubavu boat operator (illustrative) "
                                "cancelled a sunset trip when a storm came in. The guest, who "
                                "was leaving the next morning, posted a one-star review: "
                                "'Cancelled with no explanation.'</p><p>The owner replied the "
                                "next day: she thanked the guest, explained that no boat "
                                "leaves in a storm on Lake Kivu, and said she had "
                                "refunded the full price the same evening. She also added a "
                                "weather line to the listing. Later guests mentioned the "
                                "reply as a reason they trusted her.</p>",
                                "reflection_question": "What would you add to your own "
                                "listing today so that a weather cancellation never looks "
                                "like bad service?",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Ask for reviews at the happiest moment and make it easy.",
                                    "Never buy, write or reward five-star reviews.",
                                    "Reply to negative reviews calmly, with what you changed.",
                                    "Split your cancellation policy: your package and RDB's "
                                    "permit rules.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "brand-and-markets",
                    "title": "Visit Rwanda, Chinese and French-speaking travellers",
                    "summary": (
                        "Use the national destination story responsibly and adapt your offer "
                        "for guests from China and the French-speaking world."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": False,
                    "body": [
                        (
                            "heading",
                            {"text": "The Visit Rwanda story, used responsibly", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p><b>Visit Rwanda</b> is the national destination brand managed "
                            "by RDB. Its campaigns make travellers curious about Rwanda; your "
                            "listing turns that curiosity into a booking. You can tell the same "
                            "story - gorillas, volcanoes, Lake Kivu, clean and safe cities - "
                            "but you must not suggest that RDB endorses your business. Logos, "
                            "slogans and campaign photos belong to the brand owner: ask RDB "
                            "for its current brand rules before using any of them.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Do and don't with the national brand",
                                "columns": ["Do", "Don't"],
                                "rows": [
                                    [
                                        "Say your tours take place in Rwanda's national parks",
                                        "Call yourself an 'official Visit Rwanda' operator",
                                    ],
                                    [
                                        "Use your own photos of the places you visit",
                                        "Copy campaign photos or videos",
                                    ],
                                    [
                                        "Describe memorial visits with respect and follow "
                                        "each site's photo rules",
                                        "Present genocide memorials as a sightseeing 'attraction'",
                                    ],
                                    [
                                        "Check logo and slogan use with RDB first",
                                        "Put the Visit Rwanda logo on your flyers unasked",
                                    ],
                                ],
                            },
                        ),
                        ("heading", {"text": "Serving Chinese-speaking travellers", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Rwanda's eWTP partnership with Alibaba, agreed in 2018, "
                            "included promoting Rwanda as a destination to Chinese travellers. "
                            "To be ready for them:</p><ul><li>Have your descriptions "
                            "translated by a fluent speaker; a machine draft alone reads "
                            "badly.</li><li>Expect messages on WeChat and payments through "
                            "the platform or a partner agency using Alipay or WeChat Pay."
                            "</li><li>Plan for Chinese holiday peaks: Spring Festival and the "
                            "early-October Golden Week.</li><li>Many Chinese visitors travel "
                            "in small groups with a Chinese-speaking tour leader - offer group "
                            "prices and clear daily timings.</li></ul>",
                        ),
                        (
                            "heading",
                            {"text": "Serving French-speaking travellers", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>French is one of Rwanda's official languages, which is an "
                            "advantage with guests from France, Belgium, Switzerland, Canada "
                            "and neighbouring French-speaking countries. Write a full French "
                            "version of each listing, name your French-speaking guides, and "
                            "quote prices with all taxes included. Many European guests book "
                            "early for their summer holidays and read the cancellation terms "
                            "closely, so make them clear in both languages.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Language readiness",
                                "items": [
                                    "Listing, inclusions and cancellation policy in English, "
                                    "French and, if you target China, simplified Chinese.",
                                    "At least one guide or partner per language you advertise.",
                                    "Answers ready for the ten most common guest questions.",
                                    "Entry and visa information pointed to official sources, "
                                    "not copied from old posts.",
                                ],
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Tell the Rwanda story, but never imply RDB endorses you.",
                                    "Ask RDB before using Visit Rwanda logos, slogans or images.",
                                    "For Chinese guests: fluent translation, WeChat, group "
                                    "offers and holiday peaks.",
                                    "For French-speaking guests: full French listings and "
                                    "clear cancellation terms.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "quiz-trust-markets",
                    "title": "Check: trust, brand and new markets",
                    "intro": (
                        "Seven questions on photos, reviews, cancellations, the Visit Rwanda "
                        "brand and serving Chinese and French-speaking travellers. Each attempt "
                        "draws six of them."
                    ),
                    "pass_mark": 75,
                    "max_attempts": 3,
                    "time_limit_minutes": 20,
                    "questions_per_attempt": 6,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_last_attempt",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which photo is best for a guesthouse listing?",
                                "options": [
                                    {
                                        "text": "Your own recent daylight photo of the room",
                                        "is_correct": True,
                                        "feedback": "Yes - real, recent photos set honest "
                                        "expectations.",
                                    },
                                    {
                                        "text": "A campaign photo of a volcano from the internet",
                                        "is_correct": False,
                                        "feedback": "You need permission to use others' "
                                        "images, and it does not show your room.",
                                    },
                                    {
                                        "text": "A photo of a nicer room in another lodge",
                                        "is_correct": False,
                                        "feedback": "That misleads guests and will bring bad "
                                        "reviews.",
                                    },
                                ],
                                "explanation": "Listings should show what the guest will "
                                "actually get, in photos you own.",
                                "tags": "photos",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which belong in a good reply to a negative review?",
                                "options": [
                                    {
                                        "text": "Thanking the guest",
                                        "is_correct": True,
                                        "feedback": "Yes - it shows respect to every reader.",
                                    },
                                    {
                                        "text": "Saying what you have changed",
                                        "is_correct": True,
                                        "feedback": "Yes - future guests look for this.",
                                    },
                                    {
                                        "text": "Offering a private contact to resolve it",
                                        "is_correct": True,
                                        "feedback": "Yes - move the details out of public view.",
                                    },
                                    {
                                        "text": "Sharing the guest's booking details to "
                                        "prove them wrong",
                                        "is_correct": False,
                                        "feedback": "Never publish a guest's personal details.",
                                    },
                                ],
                                "explanation": "A calm, specific reply wins the trust of "
                                "future guests who read it.",
                                "tags": "reviews",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "A small tour operator may describe itself as an "
                                "'official Visit Rwanda operator' because its tours take "
                                "place in Rwanda.",
                                "correct_answer": "false",
                                "explanation": "Only the brand owner, RDB, can authorise "
                                "official use; tell the Rwanda story without implying "
                                "endorsement.",
                                "tags": "branding",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "A guest cancels 20 days before arrival. The "
                                "package price excluding permits is USD 600 and your policy "
                                "refunds 50% for cancellations 15-29 days before. How much of "
                                "the package do you refund? (Illustrative numbers.)",
                                "answer": 300.0,
                                "tolerance": 0.0,
                                "unit": "USD",
                                "explanation": "50% of USD 600 is USD 300; the permit part "
                                "follows RDB's own rules separately.",
                                "tags": "cancellations",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps of answering a negative review in order.",
                                "items": [
                                    "Read it and wait a few hours",
                                    "Thank the guest by name",
                                    "Acknowledge the problem",
                                    "Say what you changed",
                                    "Offer a private contact",
                                ],
                                "explanation": "Cool down first, then thank, acknowledge, "
                                "show the fix and move details offline.",
                                "tags": "reviews",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "Which messaging app should a tour operator "
                                "expect many Chinese travellers to use?",
                                "accepted_answers": ["WeChat", "Weixin", "We Chat"],
                                "explanation": "WeChat (Weixin) is the main messaging app "
                                "in China and is also linked to WeChat Pay.",
                                "tags": "china",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "What is the best way to serve French-speaking guests?",
                                "options": [
                                    {
                                        "text": "A full French listing and a named "
                                        "French-speaking guide",
                                        "is_correct": True,
                                        "feedback": "Correct - complete French content builds "
                                        "trust before booking.",
                                    },
                                    {
                                        "text": "An English listing with 'Bienvenue' in the title",
                                        "is_correct": False,
                                        "feedback": "One word does not help guests "
                                        "understand your terms.",
                                    },
                                    {
                                        "text": "Translating only the price",
                                        "is_correct": False,
                                        "feedback": "Guests also need the itinerary and the "
                                        "cancellation terms in French.",
                                    },
                                ],
                                "explanation": "French is an official language of Rwanda; "
                                "use it fully in your listings.",
                                "tags": "french",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
