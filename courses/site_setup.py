"""Demo content for `seed_demo`: the Site and its HomePage. Idempotent."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from courses.models import HomePage

HOME = {
    "title": "Isoko",
    "slug": "home",
    "hero_heading": "Learn to sell Rwanda to the world",
    "hero_text": (
        "Isoko is the digital-trade academy of Rwanda's eWTP partnership. Free, self-paced "
        "courses and policy cohorts help coffee, tea, handicraft and tourism businesses sell to "
        "foreign consumers on online marketplaces — and graduates can open a storefront."
    ),
    "hero_cta_text": "Create your free account",
    "hero_cta_url": "/accounts/signup/",
}

SECTIONS = [
    {
        "type": "features",
        "value": {
            "heading": "Who Isoko is for",
            "features": [
                {
                    "heading": "Entrepreneurs",
                    "text": (
                        "Short lessons that work on a phone: marketplace onboarding, product "
                        "listings and photos, payments, logistics and export paperwork."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
                {
                    "heading": "Policymakers",
                    "text": (
                        "Scheduled cohorts on the eWTP model, cross-border e-commerce pilot "
                        "zones, data protection and consumer protection."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
                {
                    "heading": "Academics",
                    "text": (
                        "A curriculum toolkit for university lecturers who teach e-commerce to "
                        "the next generation of Rwandan traders."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
            ],
        },
    },
    {
        "type": "text",
        "value": {
            "heading": "From certificate to storefront",
            "body": (
                "<p>Pass a qualifying course, earn a certificate anyone can verify, and apply "
                "for a storefront linked on the eWTP marketplace. Our staff review every "
                "application before the store goes live.</p>"
            ),
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "heading": "Start today — it is free",
            "text": "Sign up with your e-mail address. Lessons are light enough for a slow link.",
            "button_text": "Sign up",
            "button_url": "/accounts/signup/",
        },
    },
]


HOME_FR = {
    "title": "Isoko",
    "hero_heading": "Apprenez à vendre le Rwanda au monde entier",
    "hero_text": (
        "Isoko est l'académie du commerce numérique du partenariat du Rwanda avec l'eWTP. Des "
        "cours gratuits à votre rythme et des cohortes pour les décideurs aident les entreprises "
        "du café, du thé, de l'artisanat et du tourisme à vendre en ligne aux consommateurs "
        "étrangers — et les diplômés peuvent ouvrir une boutique."
    ),
    "hero_cta_text": "Créez votre compte gratuit",
    "hero_cta_url": "/fr/accounts/signup/",
}

SECTIONS_FR = [
    {
        "type": "features",
        "value": {
            "heading": "À qui s'adresse Isoko",
            "features": [
                {
                    "heading": "Entrepreneurs",
                    "text": (
                        "Des leçons courtes, faites pour le téléphone : inscription sur les "
                        "places de marché, fiches produits et photos, paiements, logistique et "
                        "documents d'exportation."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
                {
                    "heading": "Décideurs",
                    "text": (
                        "Des cohortes programmées sur le modèle eWTP, les zones pilotes du "
                        "commerce électronique transfrontalier, la protection des données et "
                        "celle des consommateurs."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
                {
                    "heading": "Universitaires",
                    "text": (
                        "Une boîte à outils pour les enseignants qui forment la prochaine "
                        "génération de commerçants rwandais au commerce électronique."
                    ),
                    "link_text": "",
                    "link_url": "",
                },
            ],
        },
    },
    {
        "type": "text",
        "value": {
            "heading": "Du certificat à la boutique en ligne",
            "body": (
                "<p>Réussissez un cours qualifiant, obtenez un certificat que chacun peut "
                "vérifier et demandez une boutique reliée à la place de marché eWTP. Notre "
                "équipe examine chaque demande avant l'ouverture de la boutique.</p>"
            ),
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "heading": "Commencez aujourd'hui — c'est gratuit",
            "text": "Inscrivez-vous avec votre adresse e-mail. Les leçons restent légères.",
            "button_text": "S'inscrire",
            "button_url": "/fr/accounts/signup/",
        },
    },
]


def _ensure_locales() -> None:
    """One Wagtail Locale per UI language, so trainers can translate pages into each."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _ensure_french_home(home: HomePage) -> None:
    french = Locale.objects.get(language_code="fr")
    if HomePage.objects.filter(translation_key=home.translation_key, locale=french).exists():
        return
    translation = home.copy_for_translation(french)
    for name, value in HOME_FR.items():
        setattr(translation, name, value)
    translation.sections = SECTIONS_FR
    translation.save_revision().publish()


LOOPBACK = ("localhost", "127.0.0.1", "::1")


@transaction.atomic
def seed_demo_site() -> HomePage:
    # Wagtail's migrations make the default Locale and the root page, but a flushed database (as
    # transactional tests leave it, even with --reuse-db) has neither: seed from nothing.
    _ensure_locales()
    locale = Locale.get_default()
    if Collection.get_first_root_node() is None:  # images and documents need the root collection
        Collection.add_root(name="Root")
    # Wagtail's first migration makes a plain "Welcome to Wagtail" page (slug "home") and a Site on
    # it. Remove it (its Site goes with it) so our HomePage can take its place and its slug.
    Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    # Create it only when missing: a second run must not overwrite what editors changed since.
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(instance=HomePage(locale=locale, **HOME, sections=SECTIONS))
    if not home.live:
        home.save_revision().publish()
    # The Site's address is what Wagtail puts in page.full_url (the "view the page" link in its
    # moderation e-mails): the demo's follows the base URL, so the port `make run` serves on. A
    # Site someone pointed at a real host name is left alone.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    address = {"hostname": base.hostname or "localhost", "port": base.port or 80}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(root_page=home, is_default_site=True, site_name="Isoko", **address)
    elif site.root_page_id != home.id or (
        site.hostname in LOOPBACK and (site.hostname, site.port) != tuple(address.values())
    ):
        site.root_page = home
        if site.hostname in LOOPBACK:
            site.hostname, site.port = address["hostname"], address["port"]
        site.save()
    _ensure_french_home(home)
    return home
