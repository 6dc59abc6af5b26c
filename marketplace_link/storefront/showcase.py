"""The public showcase of graduate storefronts: /storefronts/ and /storefronts/<public id>/.

Only live storefronts are shown. The list costs the same few queries whatever the number of
stores (a count and one joined page of rows; measured in tests/marketplace/test_showcase.py), and
a store page three (the store, its products, their images). Included by config/urls.py inside the
language-prefixed patterns, so /fr/storefronts/ and /zh-hans/storefronts/ are the same pages
with French and Chinese labels.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from marketplace_link.choices import Sector
from marketplace_link.models import Product, Storefront

app_name = "showcase"
PER_PAGE = 24
# Only what the marketplace approved is for sale: a product still in its review (or never sent,
# or refused, or taken down) is left out, or the showcase would advertise what cannot be bought.
SHOWN_LISTING_STATUS = "ACTIVE"


def live_storefronts(*, sector: str = "") -> QuerySet[Storefront]:
    """Live stores, newest first, with what a card shows joined in (one query per page)."""
    storefronts = (
        Storefront.objects.filter(status=Storefront.Status.LIVE)
        .select_related("application", "application__certificate")
        # PostgreSQL puts NULLs first in a descending order: a store without the date would
        # head the list.
        .order_by(F("went_live_at").desc(nulls_last=True), "-pk")
    )
    if sector:
        storefronts = storefronts.filter(application__sector=sector)
    return storefronts


def description_in(application, language: str | None) -> tuple[str, str]:
    """The store's description in ``language`` if the seller wrote one, else the English one.
    Returns (text, language of the text) so the page can mark a fallback with lang="en"."""
    language = (language or "en").lower()
    if language.startswith("fr") and application.description_fr.strip():
        return application.description_fr, "fr"
    if language.startswith("zh") and application.description_zh.strip():
        return application.description_zh, "zh-Hans"
    return application.description_en, "en"


def _card(storefront: Storefront, language: str | None) -> dict:
    description, description_lang = description_in(storefront.application, language)
    return {
        "storefront": storefront,
        "application": storefront.application,
        "description": description,
        "description_lang": description_lang,
    }


@require_GET
def showcase_index(request):
    sector = request.GET.get("sector", "").strip()
    # An unknown sector (an old link, a typo) shows every store with a note, never an error.
    bad_sector = bool(sector) and sector not in Sector.values
    if bad_sector:
        sector = ""
    paginator = Paginator(live_storefronts(sector=sector), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    language = get_language()
    context = {
        "page": page,
        "cards": [_card(storefront, language) for storefront in page.object_list],
        "sectors": Sector.choices,
        "sector": sector,
        "sector_label": Sector(sector).label if sector else "",
        "bad_sector": bad_sector,
        "querystring": urlencode({"sector": sector}) if sector else "",
    }
    return TemplateResponse(request, "marketplace_link/showcase/index.html", context)


@require_GET
def showcase_store(request, public_id):
    storefront = get_object_or_404(live_storefronts(), application__public_id=public_id)
    products = list(
        Product.objects.filter(
            application_id=storefront.application_id,
            removed_at__isnull=True,
            listing__status=SHOWN_LISTING_STATUS,
        )
        .prefetch_related(Prefetch("images"))
        .order_by("created_at", "pk")
    )
    context = {**_card(storefront, get_language()), "products": products}
    return TemplateResponse(request, "marketplace_link/showcase/store.html", context)


urlpatterns = [
    path("", showcase_index, name="index"),
    path("<uuid:public_id>/", showcase_store, name="store"),
]
