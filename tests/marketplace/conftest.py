"""Shared fixtures for marketplace tests: a storefront course, a graduate holding its certificate
(issued for real, PDF and credential included), and a complete draft application."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from lms.models import Completion, Enrolment
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.shared_data import shared


def image_bytes(width: int = 512, height: int = 512, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 93, 59)).save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """A file as a browser sends it; the content type it claims is ignored by our checks."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def png(name: str = "photo.png", width: int = 512, height: int = 512):
    return upload(name, image_bytes(width, height), "image/png")


def pdf_bytes() -> bytes:
    """A minimal but real PDF (one empty page)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def own_keyfile(settings, tmp_path):
    """Certificates issued here sign with a key of this test's own (not autouse: the review and
    provisioning tests in this package write their certificates straight to the database)."""
    settings.ISOKO_CREDENTIAL_KEYFILE = tmp_path / "credential-keys.json"


@shared()
def storefront_template():
    from courses.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        name="Isoko standard",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
    )


@pytest.fixture
def template(storefront_template):
    return storefront_template


@shared(needs=("site", "storefront_template"))
def storefront_course(site, storefront_template):
    catalog = factories.catalog(site)
    return factories.course(
        catalog,
        "Coffee seller readiness",
        certificate_template=storefront_template,
        qualifies_for_storefront=True,
    )


@pytest.fixture
def qualifying_course(storefront_course):
    """Built once for the tests of a module that use it: see tests/shared_data.py."""
    return storefront_course


def complete(course, learner) -> Completion:
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    return Completion.objects.create(enrolment=enrolment, completed_at=timezone.now())


def issue_certificate(course, learner, capture):
    """Issue the way the task does, running the on-commit work as a commit would."""
    from certificates.services import certificate_issue_for_completion

    completion = complete(course, learner)
    with capture(execute=True):
        return certificate_issue_for_completion(completion_id=completion.pk)


@pytest.fixture
def graduate(qualifying_course, own_keyfile, django_capture_on_commit_callbacks):
    user = UserFactory(email="aline@example.com", profile__full_name="Aline Uwase")
    certificate = issue_certificate(qualifying_course, user, django_capture_on_commit_callbacks)
    assert certificate.status == "issued"
    user.certificate = certificate
    return user


@pytest.fixture
def graduate_client(client, graduate):
    client.force_login(graduate)
    return client


DETAILS = {
    "legal_name": "Inzozi Coffee Ltd",
    "trading_name": "Inzozi Coffee",
    "registration_number": "102345678",
    "tin": "101234567",
    "district": "huye",
    "sector": "coffee",
    "contact_phone": "+250788123456",
    "contact_email": "sales@inzozi.example",
    "description_en": "Washed Bourbon from the hills of Huye.",
}

PRODUCT = {
    "title": "Green coffee, fully washed",
    "description": "Grade A1, screen 15+.",
    "category": "coffee",
    "price_rwf": "12000",
    "price_usd": "9.50",
    "min_order_quantity": "10",
    "stock": "600",
    "unit": "kg",
    "hs_code": "090111",
    "origin_district": "huye",
    "certifications": ["organic", "fair_trade"],
}


@pytest.fixture
def draft(graduate):
    """A complete draft: every business detail, a logo, one product with one photo."""
    from marketplace_link.application.services import application_start
    from marketplace_link.models import Product, ProductImage

    application = application_start(graduate)
    for name, value in DETAILS.items():
        setattr(application, name, value)
    application.logo.save("logo.png", png(width=256, height=256), save=False)
    application.save()
    product = Product.objects.create(
        application=application,
        **{**PRODUCT, "price_rwf": 12000, "price_usd": "9.50", "min_order_quantity": 10,
           "stock": 600},
    )  # fmt: skip
    image = ProductImage(product=product, alt=product.title)
    image.image.save("p.png", png(), save=False)
    image.save()
    return application
