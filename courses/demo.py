"""Demo content for `seed_demo`: the Site and its HomePage. Idempotent."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

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


@transaction.atomic
def seed_demo_site() -> HomePage:
    locale = Locale.get_default()
    # Wagtail's first migration makes a plain "Welcome to Wagtail" page (slug "home") and a Site on
    # it. Remove it (its Site goes with it) so our HomePage can take its place and its slug.
    Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    # Create it only when missing: a second run must not overwrite what editors changed since.
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(locale=locale, **HOME, sections=SECTIONS))
    if not home.live:
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Isoko"
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    return home
