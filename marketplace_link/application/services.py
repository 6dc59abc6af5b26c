"""The applicant's side of a storefront application: start, save a draft, add documents and
products, submit.

Every write locks the application row and checks, under the lock, that it is still editable, so
an edit racing a submission (or a reviewer's decision) cannot slip in after it. Drafts may be
partial; only ``application_submit`` demands completeness, and it says everything that is missing
at once, so the applicant fixes it in one pass.

Once approved, the business details are frozen (the marketplace has them), but products stay
editable while the store is provisioned or live: each change is handed to provisioning, which
syncs it (debounced) or delists it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace_link.application.eligibility import qualifying_certificate
from marketplace_link.models import (
    ApplicationEvent,
    ExportDocument,
    Product,
    ProductImage,
    SpentFormToken,
    Storefront,
    StorefrontApplication,
)

Status = StorefrontApplication.Status

# Business details needed before submitting, in form order.
REQUIRED_DETAILS = [
    "legal_name",
    "trading_name",
    "registration_number",
    "tin",
    "district",
    "sector",
    "contact_phone",
    "contact_email",
    "description_en",
]
DETAIL_FIELDS = [*REQUIRED_DETAILS[:-1], "description_en", "description_fr", "description_zh"]
PRODUCT_FIELDS = [
    "title",
    "description",
    "category",
    "price_rwf",
    "price_usd",
    "min_order_quantity",
    "stock",
    "unit",
    "hs_code",
    "origin_district",
    "certifications",
]
MAX_PRODUCTS = 50
MAX_IMAGES_PER_PRODUCT = 6
MAX_DOCUMENTS = 20
# Storefront states in which the seller may still change products after approval.
PRODUCTS_OPEN = (
    Storefront.Status.PROVISIONING,
    Storefront.Status.NEEDS_ATTENTION,
    Storefront.Status.IN_REVIEW,
    Storefront.Status.LIVE,
)


class ApplicationError(Exception):
    """A write refused; nothing was changed. ``missing`` lists what a submission lacks."""

    def __init__(self, message: str, code: str, missing: list[Missing] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.missing = missing or []


@dataclass(frozen=True)
class Missing:
    step: str  # details | images | products
    field: str
    message: str


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------
def application_current(user) -> StorefrontApplication | None:
    """The learner's open application, else their latest rejected one (to show the reason).
    One query, with the storefront joined. The newest is the right one: at most one application
    is open (a database constraint), and a new one can only follow a rejection."""
    if not user.is_authenticated:
        return None
    return (
        StorefrontApplication.objects.filter(applicant=user)
        .select_related("storefront")
        .order_by("-created_at", "-pk")
        .first()
    )


def products_editable(application: StorefrontApplication) -> bool:
    if application.is_editable:
        return True
    if application.status != Status.APPROVED:
        return False
    storefront = getattr(application, "storefront", None)
    return storefront is not None and storefront.status in PRODUCTS_OPEN


def application_missing(application: StorefrontApplication) -> list[Missing]:
    """Everything a submission still lacks, in the order of the form. Two queries."""
    missing = []
    labels = {f.name: f.verbose_name for f in StorefrontApplication._meta.fields}
    for name in REQUIRED_DETAILS:
        if not getattr(application, name):
            missing.append(
                Missing(
                    "details",
                    name,
                    _("%(field)s is missing.") % {"field": capfirst(labels[name])},
                )
            )
    if not application.logo:
        missing.append(Missing("images", "logo", _("Upload your logo.")))
    products = list(application.products.filter(removed_at__isnull=True).prefetch_related("images"))
    if not products:
        missing.append(Missing("products", "products", _("Add at least one product.")))
    for product in products:
        if not product.images.all():
            missing.append(
                Missing(
                    "products",
                    f"product-{product.pk}",
                    _("Add at least one photo of “%(title)s”.") % {"title": product.title},
                )
            )
    return missing


# ---------------------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------------------
def application_start(user) -> StorefrontApplication:
    """The learner's open application, created as a draft if they have none. Refused to anyone
    without a qualifying certificate. Safe to call twice (a double click, two tabs)."""
    existing = StorefrontApplication.objects.filter(applicant=user).exclude(status=Status.REJECTED)
    application = existing.first()
    if application is not None:
        return application
    certificate = qualifying_certificate(user)
    if certificate is None:
        raise ApplicationError(
            _("A storefront needs a valid certificate from a storefront course."), "ineligible"
        )
    try:
        with transaction.atomic():
            return StorefrontApplication.objects.create(
                applicant=user, certificate=certificate, contact_email=user.email
            )
    except IntegrityError:
        # The other tab won the race on the one-open-application constraint: use its row.
        return existing.get()


def _lock(application: StorefrontApplication, *, products: bool = False) -> StorefrontApplication:
    """The application row, locked; ApplicationError unless it may still be edited."""
    locked = (
        # of=self: PostgreSQL cannot lock the nullable side of the storefront's outer join.
        StorefrontApplication.objects.select_for_update(of=("self",))
        .select_related("storefront")
        .get(pk=application.pk)
    )
    allowed = products_editable(locked) if products else locked.is_editable
    if not allowed:
        raise ApplicationError(
            _("This application is %(status)s and can no longer be changed.")
            % {"status": locked.get_status_display().lower()},
            "read_only",
        )
    return locked


def _first_use(locked: StorefrontApplication, token) -> bool:
    """Spend the form's token (forms.FormTokenField); False if a POST of the same form already
    took effect. Called under the application's row lock, so a double tap's second POST waits
    for the first and then finds its token; the unique constraint is the backstop. The token is
    spent in the caller's transaction: a refused write leaves it unspent, to try again."""
    if token is None:
        return True
    try:
        with transaction.atomic():
            SpentFormToken.objects.create(application=locked, token=token)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def application_save_details(
    application: StorefrontApplication, *, fields: dict
) -> StorefrontApplication:
    """Save (part of) the business details of a draft. Values are already validated."""
    locked = _lock(application)
    for name in DETAIL_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name] or "")
    locked.save()
    return locked


@transaction.atomic
def application_save_images(
    application: StorefrontApplication, *, logo=None, banner=None
) -> StorefrontApplication:
    """Replace the logo and/or banner (checked uploads, named after their sniffed type)."""
    locked = _lock(application)
    old = []
    for name, upload in (("logo", logo), ("banner", banner)):
        if upload is None:
            continue
        if getattr(locked, name):
            old.append(getattr(locked, name).name)
        getattr(locked, name).save(upload.name, upload, save=False)
    locked.save()
    _delete_files_on_commit(StorefrontApplication.logo.field.storage, old)
    return locked


@transaction.atomic
def document_add(
    application: StorefrontApplication,
    *,
    kind: str,
    upload,
    content_type: str,
    original_name: str,
    form_token=None,
) -> ExportDocument | None:
    """Add a document; None when this form (``form_token``) was already sent: a repeat."""
    locked = _lock(application)
    if not _first_use(locked, form_token):
        return None
    if locked.documents.count() >= MAX_DOCUMENTS:
        raise ApplicationError(
            _("An application holds at most %(n)d documents.") % {"n": MAX_DOCUMENTS}, "too_many"
        )
    document = ExportDocument(
        application=locked,
        kind=kind,
        original_name=original_name[:200],
        content_type=content_type,
        size=upload.size,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def document_remove(document: ExportDocument) -> None:
    _lock(document.application)
    name, storage = document.file.name, document.file.storage
    document.delete()
    _delete_files_on_commit(storage, [name])


@transaction.atomic
def product_save(
    application: StorefrontApplication,
    *,
    product: Product | None = None,
    fields: dict,
    new_images: list = (),
    remove_image_ids: list[int] = (),
    form_token=None,
) -> Product | None:
    """Create or update a product with its photos. After approval the change is synced to the
    marketplace through provisioning (debounced). None when this form (``form_token``) was
    already sent: a repeat, which changes nothing."""
    locked = _lock(application, products=True)
    if not _first_use(locked, form_token):
        return None
    if product is None:
        if locked.products.filter(removed_at__isnull=True).count() >= MAX_PRODUCTS:
            raise ApplicationError(
                _("A storefront holds at most %(n)d products.") % {"n": MAX_PRODUCTS}, "too_many"
            )
        product = Product(application=locked)
    elif product.application_id != locked.pk or product.removed_at:
        raise ApplicationError(_("This product no longer exists."), "gone")
    for name in PRODUCT_FIELDS:
        if name in fields:
            setattr(product, name, fields[name])
    product.save()
    removed = list(product.images.filter(pk__in=list(remove_image_ids)))
    kept = product.images.count() - len(removed)
    if kept + len(new_images) > MAX_IMAGES_PER_PRODUCT:
        raise ApplicationError(
            _("A product has at most %(n)d photos.") % {"n": MAX_IMAGES_PER_PRODUCT}, "too_many"
        )
    if removed and kept + len(new_images) == 0:
        raise ApplicationError(_("A product needs at least one photo."), "no_image")
    for image in removed:
        image.delete()
    _delete_files_on_commit(ProductImage.image.field.storage, [i.image.name for i in removed])
    for upload in new_images:
        image = ProductImage(product=product, alt=fields.get("title", product.title)[:200])
        image.image.save(upload.name, upload, save=False)
        image.save()
    if locked.status == Status.APPROVED:
        from marketplace_link.outbox import product_changed

        product_changed(product)
    return product


@transaction.atomic
def product_remove(product: Product) -> None:
    """Before approval a product is simply deleted; after, it is withdrawn and delisted."""
    locked = _lock(product.application, products=True)
    if locked.status == Status.APPROVED:
        from marketplace_link.outbox import product_removed

        product_removed(product)
        return
    names = list(product.images.values_list("image", flat=True))
    product.delete()
    _delete_files_on_commit(ProductImage.image.field.storage, names)


@transaction.atomic
def application_submit(application: StorefrontApplication, *, actor) -> StorefrontApplication:
    """Draft (or changes requested) → submitted, when complete. Refused with the full list of
    what is missing otherwise; refused too if the qualifying certificate is no longer valid."""
    locked = _lock(application)
    missing = application_missing(locked)
    if missing:
        raise ApplicationError(
            _("Your application is not complete yet."), "incomplete", missing=missing
        )
    certificate = qualifying_certificate(locked.applicant)
    if certificate is None:
        raise ApplicationError(
            _("Your storefront certificate is no longer valid, so the application cannot be sent."),
            "ineligible",
        )
    # A reissued certificate supersedes the one the draft started with: review the current one.
    locked.certificate = certificate
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save()
    ApplicationEvent.objects.create(
        application=locked, action=ApplicationEvent.Action.SUBMITTED, actor=actor
    )
    _notify_reviewers_on_commit(locked.pk)
    return locked


def _notify_reviewers_on_commit(application_id: int) -> None:
    from marketplace_link.tasks import notify_reviewers_task

    def enqueue_reviewer_notice() -> None:
        notify_reviewers_task.delay(application_id)

    # robust: the submission has committed; a broker or mail failure is logged, not a 500.
    transaction.on_commit(enqueue_reviewer_notice, robust=True)


def _delete_files_on_commit(storage, names: list[str]) -> None:
    """Replaced or removed files go only once the change is committed: a rollback keeps them."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


STEP_LABELS = {
    "details": gettext_lazy("Business details"),
    "images": gettext_lazy("Logo and banner"),
    "documents": gettext_lazy("Export documents"),
    "products": gettext_lazy("Products"),
    "submit": gettext_lazy("Review and submit"),
}
