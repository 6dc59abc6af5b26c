"""What we send the marketplace about a store and a product (marketplace_link/openapi.yaml)."""

from __future__ import annotations

from django.utils import translation

from core.links import absolute_url
from marketplace_link.choices import DISTRICTS, Sector
from marketplace_link.models import Product, StorefrontApplication


def _url(file) -> str:
    return absolute_url(file.url) if file else ""


def district_name(code: str) -> str:
    return dict(DISTRICTS).get(code, code)


def sector_name(code: str) -> str:
    with translation.override("en"):
        return str(dict(Sector.choices).get(code, code))


def store_payload(application: StorefrontApplication) -> dict:
    data = {
        "external_id": str(application.public_id),
        "trading_name": application.trading_name or application.legal_name,
        "legal_name": application.legal_name,
        "registration_number": application.registration_number,
        "tin": application.tin,
        # The marketplace shows what we send: names, not our codes (district names are never
        # translated; sectors go in English, the contract's language).
        "district": district_name(application.district),
        "sector": sector_name(application.sector),
        "contact_phone": application.contact_phone,
        "contact_email": application.contact_email,
        "description": {
            "en": application.description_en,
            "fr": application.description_fr,
            "zh": application.description_zh,
        },
    }
    if application.logo:
        data["logo_url"] = _url(application.logo)
    if application.banner:
        data["banner_url"] = _url(application.banner)
    return data


def product_payload(product: Product) -> dict:
    return {
        "sku": product.sku,
        "title": product.title,
        "description": product.description,
        "category": sector_name(product.category),
        "price": {"rwf": product.price_rwf, "usd": f"{product.price_usd:.2f}"},
        "min_order_quantity": product.min_order_quantity,
        "stock": product.stock,
        "unit": product.unit,
        "hs_code": product.hs_code,
        "origin_district": district_name(product.origin_district),
        "image_urls": [_url(image.image) for image in product.images.all()],
        "certifications": list(product.certifications),
    }
