"""Storefront applications: the application, its documents and products, its audit trail and
the files kept from a failed form. The provisioned storefront, its listings, the outbox and the
inbound webhook events are defined in storefront/models.py and exported from here too.

State machine (docs/architecture.md): draft → submitted → approved | changes_requested
(→ submitted again) | rejected. The storefront's and the outbox's are in storefront/models.py.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import named_storage
from marketplace_link.choices import CERTIFICATIONS, DISTRICTS, Sector
from marketplace_link.storefront.models import Listing, OutboxMessage, Storefront, WebhookEvent

__all__ = [
    "ApplicationEvent",
    "ExportDocument",
    "Listing",
    "OutboxMessage",
    "Product",
    "ProductImage",
    "SpentFormToken",
    "StagedUpload",
    "Storefront",
    "StorefrontApplication",
    "WebhookEvent",
]

hs_code_validator = RegexValidator(r"^[0-9]{6}$", _("An HS code is 6 digits, for example 090111."))
# RDB company codes and RRA TINs are both 9 digits.
registration_validator = RegexValidator(
    r"^[0-9]{9}$", _("A company registration number (RDB) is 9 digits, for example 102345678.")
)
tin_validator = RegexValidator(r"^[0-9]{9}$", _("A TIN is 9 digits, for example 101234567."))


def private_storage():
    """Export documents are private: only the applicant and reviewers may fetch them."""
    return named_storage("private")


# The forms name each upload after the type sniffed from its bytes (application/uploads.py), so
# the stored file keeps a truthful extension (a web server picks the Content-Type from it) and
# nothing else of the uploaded name.
SAFE_EXTENSIONS = {"png", "jpg", "webp", "pdf"}


def _extension(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f".{ext}" if ext in SAFE_EXTENSIONS else ""


def document_path(document: ExportDocument, filename: str) -> str:
    return (
        f"marketplace/documents/{document.application.public_id}/"
        f"{uuid.uuid4().hex}{_extension(filename)}"
    )


def image_path(instance, filename: str) -> str:
    # Public images (logos, banners, product photos) are named by a random id, never by the
    # uploaded name.
    return f"marketplace/images/{uuid.uuid4().hex}{_extension(filename)}"


class StorefrontApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="storefront_applications"
    )
    # Named by string: certificates.api does not export its model. Read the certificate's fields
    # here, but ask certificates.api anything about it (its status, whether it is valid).
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    trading_name = models.CharField(_("trading name"), max_length=120, blank=True)
    registration_number = models.CharField(
        _("company registration number"),
        max_length=9,
        blank=True,
        validators=[registration_validator],
    )
    tin = models.CharField(_("TIN"), max_length=9, blank=True, validators=[tin_validator])
    district = models.CharField(_("district"), max_length=20, choices=DISTRICTS, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    description_fr = models.TextField(_("description (French)"), max_length=2000, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), max_length=2000, blank=True)
    logo = models.ImageField(_("logo"), upload_to=image_path, blank=True)
    banner = models.ImageField(_("banner"), upload_to=image_path, blank=True)
    review_message = models.TextField(_("message from the reviewers"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("storefront application")
        verbose_name_plural = _("storefront applications")
        ordering = ["-updated_at"]
        # Added by "review": reviewers read applications (export documents included) and decide
        # on them in the Wagtail admin; the "Storefront reviewers" group holds it (setup.py).
        permissions = [("review_application", _("Can review storefront applications"))]
        constraints = [
            # One live application per learner: a rejected one may be followed by a new one.
            models.UniqueConstraint(
                fields=["applicant"],
                condition=~Q(status="rejected"),
                name="marketplace_one_open_application_per_applicant",
                violation_error_message=_("You already have an open storefront application."),
            )
        ]

    def __str__(self) -> str:
        return self.trading_name or self.legal_name or str(self.public_id)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ExportDocument(models.Model):
    class Kind(models.TextChoices):
        ORIGIN = "origin", _("Certificate of origin")
        PHYTOSANITARY = "phytosanitary", _("Phytosanitary certificate")
        EXPORT_LICENCE = "export_licence", _("Export licence")
        QUALITY = "quality", _("Quality or grading certificate")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        StorefrontApplication, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document type"), max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=document_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)  # sniffed from the bytes, never the name
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class Product(models.Model):
    class Unit(models.TextChoices):
        KG = "kg", _("kilogram")
        BAG_60KG = "bag60", _("60 kg bag")
        BOX = "box", _("box")
        PIECE = "piece", _("piece")
        PACKAGE = "package", _("package (tour)")

    application = models.ForeignKey(
        StorefrontApplication, on_delete=models.CASCADE, related_name="products"
    )
    # The seller SKU: our external id at the marketplace, stable for the product's life.
    sku = models.CharField(max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=3000)
    category = models.CharField(_("category"), max_length=20, choices=Sector.choices)
    price_rwf = models.PositiveIntegerField(_("price (RWF)"), validators=[MinValueValidator(1)])
    price_usd = models.DecimalField(
        _("price (USD)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    min_order_quantity = models.PositiveIntegerField(
        _("minimum order quantity"), default=1, validators=[MinValueValidator(1)]
    )
    stock = models.PositiveIntegerField(_("stock"), default=0)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KG)
    hs_code = models.CharField(_("HS code"), max_length=6, validators=[hs_code_validator])
    origin_district = models.CharField(_("origin district"), max_length=20, choices=DISTRICTS)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.sku:
            self.sku = f"isoko-{uuid.uuid4().hex[:16]}"
        super().save(*args, **kwargs)

    def certification_labels(self) -> list[str]:
        names = dict(CERTIFICATIONS)
        return [str(names.get(code, code)) for code in self.certifications]


class SpentFormToken(models.Model):
    """The token of a rendered form whose POST took effect (forms.FormTokenField). A second POST
    of the same form, a double tap or a replayed request, finds it and changes nothing: the
    applicant gets the same answer and one product or document, not two."""

    application = models.ForeignKey(
        StorefrontApplication, on_delete=models.CASCADE, related_name="+"
    )
    token = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "token"],
                name="marketplace_form_token_once",
                violation_error_message=_("This form was already sent."),
            )
        ]


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=image_path)
    alt = models.CharField(_("description of the image"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]


class ApplicationEvent(models.Model):
    """Audit trail of an application: submissions and every reviewer decision."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        PROVISIONED = "provisioned", _("Store provisioned")
        NEEDS_ATTENTION = "needs_attention", _("Provisioning needs attention")
        RETRIED = "retried", _("Provisioning retried")
        SUSPENDED = "suspended", _("Store suspended")

    application = models.ForeignKey(
        StorefrontApplication, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    # When the applicant was e-mailed about this decision: claimed before sending, so a
    # redelivered task does not send it twice (review/decisions.py).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def note(self) -> str:
        """What the shared admin audit-trail table shows beside the action."""
        return self.message


def staged_path(staged: StagedUpload, filename: str) -> str:
    return (
        f"marketplace/staged/{staged.application.public_id}/"
        f"{uuid.uuid4().hex}{_extension(filename)}"
    )


def _staging_token() -> str:
    return secrets.token_urlsafe(16)


class StagedUpload(models.Model):
    """A file that passed its checks in a form that failed for another reason (a bad HS code, a
    document type not chosen). Browsers cannot refill a file input, and on a slow, paid link
    choosing a 5 MB photo again is a real cost, so the file is kept here, privately, and offered
    on the form again. The next successful save of the same form uses it and discards the rest;
    what is never used is swept after ``staging.KEEP_FOR`` (staging.py)."""

    class Slot(models.TextChoices):
        LOGO = "logo", _("Logo")
        BANNER = "banner", _("Banner")
        PRODUCT_IMAGE = "product_image", _("Photo")
        DOCUMENT = "document", _("Document")

    # The form's name in the page ("staged" checkboxes): unguessable, never the primary key.
    token = models.CharField(max_length=32, unique=True, default=_staging_token, editable=False)
    application = models.ForeignKey(
        StorefrontApplication, on_delete=models.CASCADE, related_name="staged_uploads"
    )
    # Which form it belongs to: "images", "documents", "product:new" or "product:<pk>".
    scope = models.CharField(max_length=40)
    slot = models.CharField(max_length=20, choices=Slot.choices)
    file = models.FileField(upload_to=staged_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)  # sniffed from the bytes when first checked
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "scope"])]

    def __str__(self) -> str:
        return f"{self.get_slot_display()}: {self.original_name}"
