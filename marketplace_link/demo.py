"""Demo data for `seed_demo`: the demo seller's storefront application, submitted for review.

A visitor reaches the demo's payoff in a few clicks: a storefront reviewer approves it in the
admin, the sandbox marketplace reviews the store, and it goes live on /storefronts/. The
application is made through the applicant's own services (start, details, images, a product,
submit), so it is exactly what the five-step form would have saved. Idempotent: an existing
application is left alone, whatever a reviewer has done with it since.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from certificates.api import certificate_issue_for_completion
from lms.api import Completion
from marketplace_link.application.eligibility import qualifying_certificate
from marketplace_link.application.services import (
    application_save_details,
    application_save_images,
    application_start,
    application_submit,
    product_save,
)
from marketplace_link.models import StorefrontApplication

DEMO_SELLER = "seller@example.com"
GREEN, SAND, COFFEE, CHERRY = "#0b5d3b", "#f6f1e7", "#5b3a1e", "#a3242f"

DETAILS = {
    "legal_name": "Inzozi Coffee Ltd",
    "trading_name": "Inzozi Coffee",
    "registration_number": "102345678",
    "tin": "101234567",
    "district": "huye",
    "sector": "coffee",
    "contact_phone": "+250788123456",
    "contact_email": DEMO_SELLER,
    "description_en": (
        "Fully washed Red Bourbon from smallholder farms on the hills of Huye, sorted by hand "
        "and sun-dried on raised beds. We export green coffee in 60 kg bags."
    ),
    "description_fr": (
        "Red Bourbon entièrement lavé, cultivé par de petits producteurs sur les collines de "
        "Huye, trié à la main et séché au soleil sur des claies. Café vert en sacs de 60 kg."
    ),
    "description_zh": "",
}
PRODUCT = {
    "title": "Green coffee, fully washed Red Bourbon",
    "description": "Grade A1, screen 15+, sun-dried on raised beds. Cupping score 86.",
    "category": "coffee",
    "price_rwf": 12000,
    "price_usd": Decimal("9.50"),
    "min_order_quantity": 10,
    "stock": 600,
    "unit": "kg",
    "hs_code": "090111",
    "origin_district": "huye",
    "certifications": ["made_in_rwanda"],
}


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_logo() -> bytes:
    """A green roundel with a coffee bean: 256 px, within the logo rule (128 px … 4000 px)."""
    size = 256
    image = Image.new("RGB", (size, size), SAND)
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=GREEN)
    draw.ellipse((78, 52, 178, 204), fill=SAND)
    draw.arc((108, 60, 148, 196), 280, 80, fill=GREEN, width=10)
    return _png(image)


def draw_product_photo() -> bytes:
    """Green coffee beans on sacking: 800 × 600, within the product photo rule (≥ 400 px)."""
    image = Image.new("RGB", (800, 600), "#c8b48a")
    draw = ImageDraw.Draw(image)
    for row in range(9):
        for column in range(12):
            x, y = 20 + column * 66 + (row % 2) * 33, 20 + row * 64
            draw.ellipse((x, y, x + 48, y + 34), fill="#8f9a5b", outline=COFFEE, width=2)
            draw.line((x + 10, y + 17, x + 38, y + 17), fill=COFFEE, width=3)
    return _png(image)


def _certificate(user):
    """The seller's storefront certificate. With a broker, the issuing task queued by
    seed_demo_graduates may not have run yet (the worker starts after seeding): issue it here
    instead; the queued task then finds it issued and does nothing."""
    certificate = qualifying_certificate(user)
    if certificate is not None:
        return certificate
    completions = Completion.objects.filter(
        enrolment__learner=user, enrolment__course__qualifies_for_storefront=True
    )
    for completion_id in completions.values_list("pk", flat=True):
        certificate_issue_for_completion(completion_id=completion_id)
    return qualifying_certificate(user)


def seed_demo_storefront_application() -> StorefrontApplication | None:
    user = get_user_model().objects.filter(email=DEMO_SELLER).first()
    if user is None:
        return None
    existing = StorefrontApplication.objects.filter(applicant=user).first()
    if existing is not None:
        return existing
    if _certificate(user) is None:
        return None
    with transaction.atomic():
        application = application_start(user)
        application = application_save_details(application, fields=DETAILS)
        application = application_save_images(
            application, logo=ContentFile(draw_logo(), name="inzozi-logo.png")
        )
        product_save(
            application,
            fields=PRODUCT,
            new_images=[ContentFile(draw_product_photo(), name="green-coffee.png")],
        )
        return application_submit(application, actor=user)
