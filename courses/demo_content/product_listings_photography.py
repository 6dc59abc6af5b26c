"""Demo course: writing product listings and taking phone photos that sell to foreign buyers."""

COURSE = {
    "slug": "product-listings-photography",
    "title": "Product listings and photography that sell",
    "summary": (
        "Write titles, descriptions and attributes that foreign buyers actually search for, and "
        "take clear, honest product photos with a phone. Examples from agaseke baskets, Imigongo "
        "art, Rwandan tea and coffee."
    ),
    "audiences": ["entrepreneurs"],
    "topics": ["listings", "photography", "handicrafts"],
    "level": "beginner",
    "format": "self_paced",
    "estimated_hours": 4,
    "outcomes": [
        "By the end you can write a product title that uses the words foreign buyers type "
        "into a marketplace search bar.",
        "By the end you can fill in product attributes and specifications completely, with "
        "sizes in both centimetres and inches.",
        "By the end you can photograph a product with a phone using window light and a white "
        "background.",
        "By the end you can plan a full image set: main, scale, detail and lifestyle shots at "
        "the right size.",
        "By the end you can describe a product honestly and state a clear returns policy.",
    ],
    "prerequisites": [],
    "issues_certificate": True,
    "qualifies_for_storefront": False,
    "enrolment_open": True,
    "modules": [
        {
            "slug": "listings",
            "title": "Listings that foreign buyers can find",
            "summary": (
                "How buyers in Europe, North America and China search, and how to write titles, "
                "descriptions and attributes that match their words."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "titles-descriptions",
                    "title": "Titles and descriptions buyers search for",
                    "summary": (
                        "Use the buyer's words, not only ours: a simple title formula and a "
                        "description layout that reads well on a phone."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": True,
                    "body": [
                        ("heading", {"text": "Start from the buyer's search bar", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A buyer in Berlin, Toronto or Hangzhou has never heard the word "
                            "<i>agaseke</i>. She types <b>woven basket with lid</b>, <b>African "
                            "storage basket</b> or <b>handmade gift basket</b>. Marketplace search "
                            "engines match those words against your title, your attributes and, "
                            "to a lesser degree, your description. If your words are not there, "
                            "your product is invisible, however beautiful it is.</p>"
                            "<p>So before you write, collect the buyer's words:</p>"
                            "<ul>"
                            "<li>Type the product into the marketplace search bar and note the "
                            "suggestions that appear as you type.</li>"
                            "<li>Open the top five listings for similar products and list the "
                            "words they all use.</li>"
                            "<li>Read buyer reviews and questions: they show how people describe "
                            "the product in their own language.</li>"
                            "</ul>",
                        ),
                        ("heading", {"text": "A title formula that works", "level": "h3"}),
                        (
                            "paragraph",
                            "<p>Use this order: <b>what it is</b> + <b>key material or "
                            "feature</b> + <b>size or quantity</b> + <b>origin</b>. Keep the "
                            "local name, because it makes the product special, but put it next "
                            "to the words buyers search for. Put the most important words first: "
                            "on a phone screen only the first 40 to 60 characters may show.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Weak and strong titles (examples for practice)",
                                "columns": ["Product", "Weak title", "Stronger title"],
                                "rows": [
                                    [
                                        "Agaseke basket",
                                        "Agaseke",
                                        "Handwoven Agaseke Basket with Lid, Sisal and "
                                        "Sweetgrass, 25 cm, Made in Rwanda",
                                    ],
                                    [
                                        "Imigongo panel",
                                        "Imigongo art BEST QUALITY!!!",
                                        "Imigongo Wall Art Panel, Geometric Black and Red, "
                                        "40 x 40 cm, Handmade in Rwanda",
                                    ],
                                    [
                                        "Coffee",
                                        "Rwanda coffee 250",
                                        "Rwanda Single-Origin Arabica Coffee, Whole Bean, "
                                        "Medium Roast, 250 g",
                                    ],
                                    [
                                        "Tea",
                                        "Black tea",
                                        "Rwanda Highland Black Tea, Loose Leaf, 100 g Pouch",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Avoid keyword stuffing and shouting",
                                "body": "<p>Repeating the same word five times, writing in "
                                "CAPITAL LETTERS or adding brand names you do not own "
                                "(for example a famous designer's name) can get a listing "
                                "hidden or removed. Marketplaces reward clear, accurate "
                                "titles.</p>",
                            },
                        ),
                        (
                            "heading",
                            {"text": "A description that reads well on a phone", "level": "h3"},
                        ),
                        (
                            "paragraph",
                            "<p>Most buyers scroll on a phone and read only the first two lines "
                            "before deciding. Lay out every description the same way:</p>"
                            "<ol>"
                            "<li><b>One-sentence promise</b>: what it is and why it is "
                            "special.</li>"
                            "<li><b>Short bullet points</b>: size, material, colours, use, care "
                            "instructions.</li>"
                            "<li><b>Two or three lines of story</b>: who made it and where, for "
                            "example a weaving cooperative in the Southern Province.</li>"
                            "<li><b>Shipping and returns</b>: how it is packed, how long "
                            "delivery takes, what happens if it arrives damaged.</li>"
                            "</ol>"
                            "<p>If you sell in French or Chinese as well as English, have a "
                            "native speaker check the translation. Machine translation is a "
                            "good first draft, not a final text.</p>",
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Write with the words buyers type, and keep the local "
                                    "name beside them.",
                                    "Title order: what it is, material or feature, size, origin.",
                                    "The first two lines of a description do most of the "
                                    "selling on a phone.",
                                    "No capitals, no repeated keywords, no brand names you "
                                    "do not own.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "attributes-honesty",
                    "title": "Attributes, specifications and honest representation",
                    "summary": (
                        "Fill every attribute field, give sizes buyers understand, make only "
                        "claims you can prove and set a clear returns policy."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Why attributes matter", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Attributes are the structured fields a marketplace asks for: "
                            "material, colour, dimensions, weight, country of origin, care. "
                            "Buyers use them as <b>filters</b>. If someone filters for "
                            "<i>material: sisal</i> or <i>roast: medium</i> and you left the "
                            "field empty, your listing disappears from the results. Fill every "
                            "field that applies, even the ones marked optional.</p>"
                            "<p>Give sizes in <b>centimetres and inches</b> (1 inch = 2.54 cm) "
                            "and weights in <b>grams and ounces</b> (1 ounce is about 28.35 g). "
                            "Buyers in the United States think in inches and ounces, and a "
                            "buyer who has to convert may simply move on.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Key attributes by product type",
                                "columns": ["Product", "Attributes buyers filter on"],
                                "rows": [
                                    [
                                        "Agaseke basket",
                                        "Material (sisal, sweetgrass), height and diameter, "
                                        "colours, lid yes or no, handmade, care",
                                    ],
                                    [
                                        "Imigongo art",
                                        "Size, weight, colours, materials (natural pigments), "
                                        "ready to hang or not, care",
                                    ],
                                    [
                                        "Coffee",
                                        "Origin region, variety, process (washed, natural), "
                                        "roast level, whole bean or ground, net weight, roast "
                                        "date",
                                    ],
                                    [
                                        "Tea",
                                        "Type (black, green), leaf grade or format (loose, "
                                        "bags), net weight, origin, best-before date",
                                    ],
                                ],
                            },
                        ),
                        (
                            "document",
                            {
                                "title": "Product listing template (CSV)",
                                "filename": "product-listing-template.csv",
                                "content": (
                                    "sku,title,material,colours,height_cm,width_cm,weight_g,"
                                    "origin,price_usd,stock,care\n"
                                    'AGS-025,"Handwoven Agaseke Basket with Lid, 25 cm",'
                                    '"sisal, sweetgrass","natural, black",25,18,220,'
                                    'Rwanda,0.00,12,"Dust with a dry brush; keep away from '
                                    'water"\n'
                                    'IMG-040,"Imigongo Wall Art Panel, 40 x 40 cm",'
                                    '"wood board, natural pigments","black, red, white",'
                                    '40,40,1500,Rwanda,0.00,5,"Keep dry; wipe with a dry '
                                    'cloth"\n'
                                    'COF-250,"Rwanda Arabica Coffee, Whole Bean, Medium '
                                    'Roast, 250 g",arabica coffee,n/a,,,250,Rwanda,0.00,40,'
                                    '"Store airtight, away from light"\n'
                                    'TEA-100,"Rwanda Highland Black Tea, Loose Leaf, 100 g",'
                                    "black tea,n/a,,,100,Rwanda,0.00,60,"
                                    '"Store dry and sealed"\n'
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Fill in your own prices",
                                "body": "<p>The template uses 0.00 as the price on purpose. "
                                "Work out your price from your real costs, the marketplace "
                                "commission and shipping before you upload anything.</p>",
                            },
                        ),
                        ("heading", {"text": "Honest representation and returns", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A buyer abroad cannot touch the product. Trust comes from "
                            "listings that match what arrives. That means:</p>"
                            "<ul>"
                            "<li>Say that handmade items <b>vary slightly</b> in colour and "
                            "size, and show the range in photos.</li>"
                            "<li>Use words like <i>organic</i>, <i>fair trade</i> or "
                            "<i>certified</i> <b>only</b> if you hold a valid certificate for "
                            "that exact product.</li>"
                            "<li>Use only your own photos of your own products.</li>"
                            "<li>State your returns policy in plain words: what you accept, "
                            "within how many days, and who pays return shipping. Check the "
                            "marketplace's own rules first, because many set a minimum.</li>"
                            "</ul>"
                            "<p>Returning a parcel from Europe to Kigali can cost more than the "
                            "product, so many small exporters offer a replacement or partial "
                            "refund when a buyer sends a photo of the damage. Say so clearly in "
                            "the listing.</p>",
                        ),
                        (
                            "case_study",
                            {
                                "title": "Urumuri Weavers rewrite their listings (illustrative)",
                                "context": "<p><i>Urumuri Weavers is a fictional cooperative "
                                "used for illustration.</i> Twenty-two women in Gisagara "
                                "District weave agaseke baskets. Their first online listings "
                                "said only <b>Agaseke, beautiful, best price</b>, with no "
                                "sizes. Buyers asked the same question again and again: "
                                "<i>how big is it?</i> Two baskets were returned because they "
                                "were smaller than expected.</p>"
                                "<p>The secretary rewrote every title with the formula, added "
                                "height and diameter in cm and inches, filled the material and "
                                "colour attributes, and added a line saying each basket is "
                                "unique. Questions about size almost stopped.</p>",
                                "reflection_question": (
                                    "Which attribute is missing from your own best-selling "
                                    "listing, and what question does its absence make buyers "
                                    "ask?"
                                ),
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Empty attribute fields hide your product from filtered "
                                    "searches.",
                                    "Give sizes in cm and inches, weights in g and oz.",
                                    "Claim a certification only if you hold it for that product.",
                                    "A clear returns policy builds trust before the sale.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "listings-quiz",
                    "title": "Check your listing skills",
                    "intro": (
                        "Seven questions on titles, descriptions, attributes and honest "
                        "representation. You need 70% to pass and can try as often as you like."
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
                                "prompt": "Which title is most likely to be found by a buyer "
                                "in Germany looking for a basket?",
                                "options": [
                                    {
                                        "text": "Agaseke",
                                        "is_correct": False,
                                        "feedback": "Buyers abroad rarely know the word, so "
                                        "they will not type it.",
                                    },
                                    {
                                        "text": "Handwoven Agaseke Basket with Lid, Sisal, "
                                        "25 cm, Made in Rwanda",
                                        "is_correct": True,
                                        "feedback": "Right: it uses buyer words, keeps the "
                                        "local name and gives size and origin.",
                                    },
                                    {
                                        "text": "BEST BASKET BASKET BASKET CHEAP",
                                        "is_correct": False,
                                        "feedback": "Capitals and repeated words look like "
                                        "spam and can get a listing hidden.",
                                    },
                                    {
                                        "text": "Beautiful traditional item from our cooperative",
                                        "is_correct": False,
                                        "feedback": "It never says what the item is, so "
                                        "search cannot match it.",
                                    },
                                ],
                                "explanation": "A strong title follows the formula: what it "
                                "is, material or feature, size, origin, using the words buyers "
                                "search for.",
                                "tags": "listings, titles",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which are good ways to find the words foreign "
                                "buyers search for? Select all that apply.",
                                "options": [
                                    {
                                        "text": "Note the suggestions in the marketplace "
                                        "search bar as you type",
                                        "is_correct": True,
                                        "feedback": "Yes: autocomplete shows what many "
                                        "buyers actually type.",
                                    },
                                    {
                                        "text": "Read reviews and questions on similar products",
                                        "is_correct": True,
                                        "feedback": "Yes: buyers describe products in their "
                                        "own words there.",
                                    },
                                    {
                                        "text": "Compare the words used in the top listings "
                                        "for similar products",
                                        "is_correct": True,
                                        "feedback": "Yes: words shared by top listings are "
                                        "usually the ones search rewards.",
                                    },
                                    {
                                        "text": "Use only the Kinyarwanda name so the "
                                        "product sounds authentic",
                                        "is_correct": False,
                                        "feedback": "Keep the local name, but alone it will "
                                        "not match what buyers type.",
                                    },
                                ],
                                "explanation": "Buyer vocabulary comes from the marketplace "
                                "itself: search suggestions, top listings and reviews.",
                                "tags": "listings, keywords",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "Leaving optional attribute fields empty has no "
                                "effect on how often your product appears in search results.",
                                "correct_answer": "false",
                                "explanation": "Buyers filter on attributes such as material "
                                "or roast level; an empty field removes your product from "
                                "those filtered results.",
                                "tags": "attributes",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "An agaseke basket is 25 cm tall. Using 1 inch = "
                                "2.54 cm, how tall is it in inches, to one decimal place?",
                                "answer": 9.8,
                                "tolerance": 0.1,
                                "unit": "inches",
                                "explanation": "25 divided by 2.54 is about 9.84, so the "
                                "listing should say 25 cm (9.8 in).",
                                "tags": "attributes, sizes",
                            },
                        ),
                        (
                            "single_choice",
                            {
                                "prompt": "Your tea is grown without synthetic chemicals but "
                                "you have no organic certificate. What should the listing say?",
                                "options": [
                                    {
                                        "text": "Certified organic",
                                        "is_correct": False,
                                        "feedback": "Claiming a certification you do not "
                                        "hold can get you banned and mislead buyers.",
                                    },
                                    {
                                        "text": "Describe how it is grown accurately, "
                                        "without using the word organic",
                                        "is_correct": True,
                                        "feedback": "Right: describe your real practice and "
                                        "keep protected claims for certified products.",
                                    },
                                    {
                                        "text": "Organic (not certified yet)",
                                        "is_correct": False,
                                        "feedback": "Many markets protect the word organic, "
                                        "so using it even with a note is risky.",
                                    },
                                ],
                                "explanation": "Words like organic and fair trade are "
                                "certification claims; use them only with a valid certificate "
                                "for that product.",
                                "tags": "honesty, claims",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "Besides centimetres, in which unit should you give "
                                "a basket's height so that buyers in the United States "
                                "understand it at once?",
                                "accepted_answers": ["inches", "inch", "in"],
                                "explanation": "US buyers measure length in inches; giving "
                                "both cm and inches saves them converting.",
                                "tags": "attributes, sizes",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the parts of a phone-friendly product "
                                "description in the recommended order.",
                                "items": [
                                    "One-sentence promise: what it is and why it is special",
                                    "Bullet points: size, material, colours, use, care",
                                    "Two or three lines about who made it and where",
                                    "Shipping and returns information",
                                ],
                                "explanation": "The promise comes first because buyers on a "
                                "phone often read only the first lines; practical details and "
                                "story follow, and shipping and returns close the description.",
                                "tags": "listings, descriptions",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "photography",
            "title": "Product photography with a phone",
            "summary": (
                "Natural light, a white background and a complete shot list: everything you "
                "need for marketplace photos without a studio."
            ),
            "children": [
                {
                    "kind": "lesson",
                    "slug": "light-and-background",
                    "title": "Light, background and a steady phone",
                    "summary": (
                        "Set up a simple window studio with a sheet of white paper and get sharp, "
                        "true-colour photos from any recent phone."
                    ),
                    "estimated_minutes": 18,
                    "free_preview": False,
                    "body": [
                        ("heading", {"text": "Your studio is a window", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>You do not need a camera or lights. A recent phone and a "
                            "window give excellent product photos if you control three things: "
                            "<b>light</b>, <b>background</b> and <b>steadiness</b>.</p>"
                            "<ul>"
                            "<li><b>Light</b>: use daylight from a window, ideally in the "
                            "morning or late afternoon. Avoid direct midday sun: it makes hard "
                            "shadows and burns out white areas. Hang a thin white cloth over "
                            "the window to soften strong light.</li>"
                            "<li><b>Background</b>: tape a large sheet of white paper or card "
                            "to the wall and let it curve down onto the table, with no fold. "
                            'This "sweep" hides the corner and gives a clean white '
                            "background, which many marketplaces require for the main image.</li>"
                            "<li><b>Steadiness</b>: rest the phone on a stack of books or a "
                            "cheap stand, and use the timer so your finger does not shake it.</li>"
                            "</ul>",
                        ),
                        (
                            "image",
                            {
                                "diagram": {
                                    "title": "A window studio on a table",
                                    "steps": [
                                        "Window light from the side",
                                        "White paper sweep",
                                        "Product in the centre",
                                        "White card as reflector",
                                        "Phone on a steady stand",
                                    ],
                                },
                                "alt": "Top view of a table beside a window: light comes from "
                                "the side, the product sits on a curved white paper sweep, a "
                                "white card reflects light back into the shadows and the phone "
                                "stands in front.",
                                "caption": "Light from one side, a white card on the other side "
                                "to fill the shadows, and the phone held still.",
                            },
                        ),
                        ("heading", {"text": "Phone settings", "level": "h3"}),
                        (
                            "checklist",
                            {
                                "title": "Before every photo session",
                                "items": [
                                    "Wipe the phone lens with a soft clean cloth.",
                                    "Turn the flash off.",
                                    "Use the main (1x) lens; do not pinch to zoom, move "
                                    "closer instead.",
                                    "Turn on grid lines to keep the product straight and centred.",
                                    "Tap the product to focus, then slide exposure down "
                                    "slightly if the white background looks grey or glowing.",
                                    "Clean the product: dust on a basket or fingerprints on "
                                    "a coffee bag show clearly in close-ups.",
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "Shooting an Imigongo panel",
                                "body": "<p>Imigongo panels have raised geometric ridges. "
                                "Light straight from the front flattens them; light from the "
                                "side shows the relief and the hand-made texture. Take the "
                                "panel flat-on for the main photo, then turn it slightly "
                                "towards the window for a detail shot that shows depth.</p>",
                            },
                        ),
                        (
                            "quote",
                            {
                                "quote": "We stopped taking photos on the market stall at "
                                "noon. The same baskets by the window at eight in the morning "
                                "looked like a different product.",
                                "attribution": "Weaving cooperative member, Southern Province "
                                "(illustrative)",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Soft window light beats flash and midday sun.",
                                    "A curved white paper sweep gives a clean background.",
                                    "Keep the phone still and use the main lens, not zoom.",
                                    "Side light shows texture in weaving and Imigongo relief.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "lesson",
                    "slug": "shot-list-image-sizes",
                    "title": "The shot list and image sizes",
                    "summary": (
                        "Main, scale, detail and lifestyle shots; square images of the right size "
                        "that still load on a slow connection."
                    ),
                    "estimated_minutes": 20,
                    "free_preview": False,
                    "body": [
                        (
                            "heading",
                            {"text": "Every listing needs a set, not a photo", "level": "h2"},
                        ),
                        (
                            "paragraph",
                            "<p>One photo answers one question. A buyer has at least four: "
                            "<i>What is it? How big is it? How well is it made? How would it "
                            "look in my home?</i> Plan a set of five to eight images that "
                            "answers all of them.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "A standard shot list",
                                "columns": ["Shot", "What it shows", "Example"],
                                "rows": [
                                    [
                                        "Main",
                                        "The whole product on white, filling most of the frame",
                                        "Agaseke basket, lid on, straight from the front",
                                    ],
                                    [
                                        "Scale",
                                        "Size next to something everyone knows",
                                        "Basket held in two hands, or beside a coffee mug",
                                    ],
                                    [
                                        "Detail",
                                        "Material, weave, texture, label",
                                        "Close-up of the stitches; roast date on a coffee bag",
                                    ],
                                    [
                                        "Lifestyle",
                                        "The product in use, in a real setting",
                                        "Imigongo panel on a living-room wall; tea in a cup",
                                    ],
                                    [
                                        "Variants",
                                        "Colours or sizes side by side",
                                        "Three basket colour patterns in a row",
                                    ],
                                ],
                            },
                        ),
                        ("heading", {"text": "Image sizes and files", "level": "h3"}),
                        (
                            "paragraph",
                            "<p>Each marketplace publishes its own image rules; read them "
                            "before you shoot. Common requirements are a <b>square</b> (1:1) "
                            "image, a minimum size such as <b>1,000 pixels</b> on the longest "
                            "side so buyers can zoom, and a maximum file size. A phone photo "
                            "is usually much larger, so you crop and resize it.</p>"
                            "<p>Because you may upload over mobile data, resize and compress "
                            "photos on the phone before uploading: a free editing app can "
                            "export a JPEG at the size you need. Name files clearly, for example "
                            "<b>AGS-025-main.jpg</b> and <b>AGS-025-scale.jpg</b>, so you can "
                            "match them to the SKU in your listing template.</p>",
                        ),
                        (
                            "document",
                            {
                                "title": "Photo shot list checklist (Markdown)",
                                "filename": "photo-shot-list.md",
                                "content": (
                                    "# Photo shot list - one product\n\n"
                                    "SKU: ________  Date: ________\n\n"
                                    "- [ ] Main: whole product on white, square, fills the frame\n"
                                    "- [ ] Scale: in hands or beside a familiar object\n"
                                    "- [ ] Detail 1: material or weave close-up\n"
                                    "- [ ] Detail 2: label, roast date or maker's mark\n"
                                    "- [ ] Lifestyle: in use in a home, office or cafe\n"
                                    "- [ ] Variants: colours or sizes side by side\n"
                                    "- [ ] Packaging: how it will arrive\n\n"
                                    "Before upload:\n\n"
                                    "- [ ] Colours match the real product on screen\n"
                                    "- [ ] No defects hidden by editing\n"
                                    "- [ ] Cropped square and resized to the marketplace rule\n"
                                    "- [ ] File named SKU-shot.jpg\n"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Edit light, not the truth",
                                "body": "<p>Brightening a photo or cropping it is fine. "
                                "Changing the colour of a basket, removing a flaw or using "
                                "someone else's picture is not: the buyer will see the "
                                "difference when the parcel arrives, and returns from abroad "
                                "are expensive. Show handmade variation honestly.</p>",
                            },
                        ),
                        (
                            "key_takeaways",
                            {
                                "items": [
                                    "Plan five to eight images: main, scale, detail, "
                                    "lifestyle, variants.",
                                    "A scale shot prevents most size complaints and returns.",
                                    "Follow each marketplace's size rules; square images "
                                    "around 1,000 px or more are common.",
                                    "Resize before uploading to save data, and never edit "
                                    "away the truth.",
                                ]
                            },
                        ),
                    ],
                },
                {
                    "kind": "quiz",
                    "slug": "photography-quiz",
                    "title": "Check your photography skills",
                    "intro": (
                        "Six questions on light, background, the shot list and image sizes. "
                        "Pass with 60% or more; you will see the answers once you pass."
                    ),
                    "pass_mark": 60,
                    "max_attempts": 3,
                    "time_limit_minutes": 15,
                    "questions_per_attempt": None,
                    "shuffle_questions": True,
                    "shuffle_options": True,
                    "feedback_policy": "after_passing",
                    "questions": [
                        (
                            "single_choice",
                            {
                                "prompt": "Which light gives the best product photos with a phone?",
                                "options": [
                                    {
                                        "text": "Soft daylight from a window, from the side",
                                        "is_correct": True,
                                        "feedback": "Right: soft side light shows shape and "
                                        "texture without hard shadows.",
                                    },
                                    {
                                        "text": "Direct midday sun outdoors",
                                        "is_correct": False,
                                        "feedback": "Midday sun creates hard shadows and burns "
                                        "out white areas.",
                                    },
                                    {
                                        "text": "The phone's flash in a dark room",
                                        "is_correct": False,
                                        "feedback": "Flash flattens texture and causes "
                                        "glare on bags and glossy surfaces.",
                                    },
                                ],
                                "explanation": "Window light, softened if needed with a thin "
                                "white cloth, is free and flattering for almost any product.",
                                "tags": "photography, light",
                            },
                        ),
                        (
                            "multiple_choice",
                            {
                                "prompt": "Which shots belong in a complete image set for a "
                                "basket listing? Select all that apply.",
                                "options": [
                                    {
                                        "text": "A main shot on a white background",
                                        "is_correct": True,
                                        "feedback": "Yes: many marketplaces require it as "
                                        "the first image.",
                                    },
                                    {
                                        "text": "A scale shot in someone's hands",
                                        "is_correct": True,
                                        "feedback": "Yes: it shows the real size at a glance.",
                                    },
                                    {
                                        "text": "A close-up of the weave",
                                        "is_correct": True,
                                        "feedback": "Yes: detail shots prove the quality of "
                                        "handwork.",
                                    },
                                    {
                                        "text": "A photo of a similar basket from another "
                                        "seller's website",
                                        "is_correct": False,
                                        "feedback": "Never: it misrepresents your product and "
                                        "breaks copyright.",
                                    },
                                ],
                                "explanation": "A complete set answers what it is, how big, how "
                                "well made and how it looks in use, all with your own photos.",
                                "tags": "photography, shot-list",
                            },
                        ),
                        (
                            "true_false",
                            {
                                "prompt": "Pinching to zoom on the phone screen gives a "
                                "sharper close-up than moving the phone closer to the product.",
                                "correct_answer": "false",
                                "explanation": "Pinch zoom on the main lens is usually digital "
                                "and loses detail; moving closer keeps the image sharp.",
                                "tags": "photography, settings",
                            },
                        ),
                        (
                            "numeric",
                            {
                                "prompt": "Your phone photo is 3,000 pixels wide and 4,000 "
                                "pixels tall. You crop it to the largest possible square. How "
                                "many pixels long is each side of the square?",
                                "answer": 3000,
                                "tolerance": 0,
                                "unit": "pixels",
                                "explanation": "The largest square fits the shorter side, "
                                "3,000 px; that is well above a 1,000 px minimum, so you can "
                                "also resize it down to save data.",
                                "tags": "photography, image-size",
                            },
                        ),
                        (
                            "short_text",
                            {
                                "prompt": "What is the name of the type of shot that shows "
                                "the product in use in a real setting, such as tea served in "
                                "a cup?",
                                "accepted_answers": [
                                    "lifestyle",
                                    "lifestyle shot",
                                    "lifestyle photo",
                                    "in-use shot",
                                ],
                                "explanation": "Lifestyle shots help buyers imagine the "
                                "product in their own home or routine.",
                                "tags": "photography, shot-list",
                            },
                        ),
                        (
                            "ordering",
                            {
                                "prompt": "Put the steps of a phone photo session in order.",
                                "items": [
                                    "Clean the product and the phone lens",
                                    "Set up the white sweep beside a window",
                                    "Turn off the flash and tap to focus on the product",
                                    "Take the main, scale, detail and lifestyle shots",
                                    "Crop, resize and check colours against the product",
                                ],
                                "explanation": "Preparation comes first, then the set-up and "
                                "settings, then the shots, and editing last, always checking "
                                "colours against the real product.",
                                "tags": "photography, workflow",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
