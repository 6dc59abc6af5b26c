"""Fixtures for the review and showcase tests: a qualifying course, issued certificates, and
applications written straight to the database (the application forms are tested elsewhere; the
reviewers and the showcase only read them and act on them).

Until tests/marketplace/conftest.py (helper "application") offers shared fixtures, the review
and showcase tests import these explicitly. The fixture functions are named ``*_fixture`` (the
fixture names are given by ``name=``) so that importing them does not shadow the arguments."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from certificates.models import Certificate
from marketplace_link.models import (
    ExportDocument,
    Product,
    ProductImage,
    Storefront,
    StorefrontApplication,
)
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories

AppStatus = StorefrontApplication.Status
# The first bytes of a real (tiny) PDF: the admin serves documents as stored, never rewritten.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(colour=(11, 93, 59), size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def admin_client(email: str, *perms: str, groups=()) -> Client:
    """A logged-in user with Wagtail admin access, TOTP set up (the MFA policy) and `perms`."""
    user = UserFactory(email=email)
    for name in ["wagtailadmin.access_admin", *perms]:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(*groups)
    return log_in_with_mfa(Client(), user)


def issued_certificate(learner, course, **fields) -> Certificate:
    name = fields.pop("name", "Eric Niyonzima")
    return Certificate.objects.create(
        learner=learner,
        course=course,
        name=name,
        course_title=course.title,
        status=Certificate.Status.ISSUED,
        issued_at=timezone.now(),
        issued_on=timezone.localdate(),
        pdf_sha256=hashlib.sha256(name.encode()).hexdigest(),
        **fields,
    )


def business(**fields) -> dict:
    """A complete set of business details (what application_submit requires)."""
    return {
        "legal_name": "Huye Mountain Coffee Cooperative Ltd",
        "trading_name": "Huye Mountain Coffee",
        "registration_number": "102345678",
        "tin": "101234567",
        "district": "huye",
        "sector": "coffee",
        "contact_phone": "+250788123456",
        "contact_email": "sales@huye-coffee.example",
        "description_en": "Washed Bourbon coffee from the hills of Huye.",
        "description_fr": "Café Bourbon lavé des collines de Huye.",
        "description_zh": "来自胡耶山丘的水洗波旁咖啡。",
        **fields,
    }


def make_application(certificate, *, status=AppStatus.SUBMITTED, images=True, **fields):
    application = StorefrontApplication(
        applicant=certificate.learner,
        certificate=certificate,
        status=status,
        submitted_at=timezone.now() if status != AppStatus.DRAFT else None,
        **business(**fields),
    )
    if images:
        application.logo.save("logo.png", ContentFile(png_bytes()), save=False)
    application.save()
    return application


def add_product(application, title="Huye washed Bourbon, 1 kg", **fields) -> Product:
    product = Product.objects.create(
        application=application,
        title=title,
        description="Fully washed, sun-dried on raised beds. Cup score 86.",
        category="coffee",
        price_rwf=fields.pop("price_rwf", 12000),
        price_usd=fields.pop("price_usd", Decimal("9.50")),
        min_order_quantity=fields.pop("min_order_quantity", 5),
        stock=200,
        unit=fields.pop("unit", Product.Unit.KG),
        hs_code="090111",
        origin_district="huye",
        certifications=fields.pop("certifications", ["organic", "fair_trade"]),
        **fields,
    )
    image = ProductImage(product=product, alt="A bag of green coffee beans")
    image.image.save("beans.png", ContentFile(png_bytes((120, 80, 40))), save=True)
    return product


def add_document(application, content=PDF_BYTES, name="certificate-of-origin.pdf"):
    document = ExportDocument(
        application=application,
        kind=ExportDocument.Kind.ORIGIN,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )
    document.file.save(name, ContentFile(content), save=True)
    return document


def make_live(application, **fields) -> Storefront:
    """A storefront as provisioning and the marketplace's webhooks leave it once live."""
    application.status = AppStatus.APPROVED
    application.save(update_fields=["status"])
    fields.setdefault("marketplace_store_id", f"st_{application.pk}")
    fields.setdefault("public_url", f"http://127.0.0.1:8910/s/st_{application.pk}")
    return Storefront.objects.create(
        application=application,
        status=Storefront.Status.LIVE,
        marketplace_status="ACTIVE",
        went_live_at=timezone.now(),
        **fields,
    )


@pytest.fixture(name="course")
def course_fixture(site):
    catalog = factories.catalog(site)
    return factories.course(
        catalog, "Coffee seller readiness", estimated_hours=12, qualifies_for_storefront=True
    )


@pytest.fixture(name="applicant")
def applicant_fixture(db):
    return UserFactory(email="eric@example.com", profile__full_name="Eric Niyonzima")


@pytest.fixture(name="certificate")
def certificate_fixture(applicant, course):
    return issued_certificate(applicant, course)


@pytest.fixture(name="submitted")
def submitted_fixture(certificate):
    """A complete, submitted application: one product with an image, one export document."""
    application = make_application(certificate)
    add_product(application)
    add_document(application)
    return application


@pytest.fixture(name="reviewer")
def reviewer_fixture(db):
    """A member of the "Storefront reviewers" group, as seed_demo sets it up."""
    from marketplace_link.api import storefront_review_setup

    return admin_client("aline@example.com", groups=[storefront_review_setup()])
