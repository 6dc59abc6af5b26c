"""The applicant's pages: /storefront/apply/ and its steps (the products step's pages are in
product_views.py, with the helpers here).

Every page works on the signed-in learner's own application, found from the session, never from
an id in the address; product and document ids in addresses are looked up within that
application, so anyone else's id is a 404. Anonymous visitors are sent to log in.

When a form fails (a bad TIN, a fake PDF), nothing from that POST is saved and the page comes back
with the errors and everything typed; files stored earlier stay. Browsers cannot refill a file
input, so the files of that POST that passed their checks are kept privately (staging.py) and
offered again, ticked, until the form saves.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import open_stored, private_file
from core.ratelimit import rate_limited
from marketplace_link.application import services, staging
from marketplace_link.application.eligibility import qualifying_certificate, storefront_requirements
from marketplace_link.application.forms import DetailsForm, DocumentForm, ImagesForm
from marketplace_link.application.services import STEP_LABELS, ApplicationError
from marketplace_link.models import (
    ExportDocument,
    ProductImage,
    StagedUpload,
    StorefrontApplication,
)
from marketplace_link.setup import REVIEW_PERMISSION

STEPS = ["details", "images", "documents", "products", "submit"]
UPLOAD_RATE_LIMIT = 30  # POSTs carrying files, per user and minute


# 429 once a user passes the upload limit per minute (POSTs that carry files).
_upload_limited = rate_limited(
    "storefront-upload",
    limit=lambda: getattr(settings, "ISOKO_MARKETPLACE_UPLOAD_RATE_LIMIT", UPLOAD_RATE_LIMIT),
    key=lambda request: request.user.pk,
    when=lambda request: bool(request.FILES),
    message=gettext_lazy("Too many uploads. Wait a minute and try again."),
)


def _open_application(request) -> StorefrontApplication | None:
    application = services.application_current(request.user)
    if application is None or application.status == StorefrontApplication.Status.REJECTED:
        return None
    return application


def _editable(view=None, *, products: bool = False):
    """Pass the learner's application to the view if it may be changed; otherwise back to the
    overview, which says why."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            application = _open_application(request)
            if application is None:
                return redirect("marketplace_link:apply")
            allowed = (
                services.products_editable(application) if products else application.is_editable
            )
            if not allowed:
                messages.warning(
                    request,
                    _("Your application is %(status)s; it can no longer be changed.")
                    % {"status": application.get_status_display().lower()},
                )
                return redirect("marketplace_link:apply")
            return view(request, application, *args, **kwargs)

        return wrapper

    return decorate(view) if view else decorate


def _steps(application, current: str, missing) -> list[dict]:
    pending = {m.step for m in missing}
    steps = []
    for number, name in enumerate(STEPS, start=1):
        if name == "documents":
            done = application.documents.exists() if application.pk else False
        elif name == "submit":
            done = application.status not in StorefrontApplication.EDITABLE
        else:
            done = name not in pending
        steps.append(
            {
                "name": name,
                "number": number,
                "label": STEP_LABELS[name],
                "url": f"marketplace_link:apply_{name}",
                "done": done,
                "current": name == current,
                "optional": name == "documents",
            }
        )
    return steps


def _render(request, template, application, step, context=None, status=200):
    missing = services.application_missing(application)
    steps = _steps(application, step, missing)
    current = next((s for s in steps if s["current"]), None)
    base = {
        "application": application,
        "steps": steps,
        "step": current,
        "step_count": len(steps),
        "done_count": sum(1 for s in steps if s["done"]),
        "missing": missing,
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def _posted(request):
    """The form data of a POST, even an empty one: ``request.POST or None`` would leave an empty
    POST's form unbound, and the POST branch would then read a form that was never cleaned."""
    return request.POST if request.method == "POST" else None


class _Kept:
    """The files kept for one form (staging.py): claimed by a POST, handed to the form, then
    discarded when it saves or kept (with the new good files) when it fails."""

    def __init__(self, request, application, scope: str):
        self.application, self.scope = application, scope
        self.claimed = (
            staging.claimed(application, scope, request.POST.getlist("kept"))
            if request.method == "POST"
            else []
        )

    def uploads(self) -> dict[str, list]:
        return staging.as_uploads(self.claimed)

    def saved(self) -> None:
        staging.discard_scope(self.application, self.scope)

    def after(self, request, form) -> list[StagedUpload]:
        if request.method != "POST":
            return staging.pending(self.application, self.scope)
        return staging.keep(self.application, self.scope, form.accepted_files(), self.claimed)


def _refused(request, error: ApplicationError):
    messages.error(request, error.message)
    return redirect("marketplace_link:apply")


# ---------------------------------------------------------------------------------------------
# Overview and start
# ---------------------------------------------------------------------------------------------
@login_required
@require_GET
def apply(request):
    """Where the learner stands: the application and its steps, or how to start one, or what is
    left to qualify."""
    application = services.application_current(request.user)
    eligible = qualifying_certificate(request.user) is not None
    if application is None or application.status == StorefrontApplication.Status.REJECTED:
        requirements = (
            [] if eligible else storefront_requirements(request.user, known_ineligible=True)
        )
        return render(
            request,
            "marketplace_link/apply_start.html",
            {"rejected": application, "eligible": eligible, "requirements": requirements},
        )
    return _render(
        request,
        "marketplace_link/apply_overview.html",
        application,
        "",
        {
            **_contents(application),
            "products_editable": services.products_editable(application),
            "storefront": getattr(application, "storefront", None),
        },
    )


def _contents(application) -> dict:
    """The application's products (with their photos) and documents, as the overview and the
    review before sending show them."""
    products = application.products.filter(removed_at__isnull=True).prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("pk"))
    )
    if application.status == StorefrontApplication.Status.APPROVED:
        products = products.select_related("listing")
    return {
        "products": list(products),
        "documents": list(application.documents.order_by("uploaded_at", "pk")),
    }


@login_required
@require_POST
def start(request):
    try:
        services.application_start(request.user)
    except ApplicationError as error:
        return render(
            request,
            "marketplace_link/apply_start.html",
            {
                "eligible": False,
                "refused": error.message,
                "requirements": storefront_requirements(request.user),
            },
            status=403,
        )
    return redirect("marketplace_link:apply_details")


# ---------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
@_editable
def details(request, application):
    form = DetailsForm(_posted(request), instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save_details(application, fields=form.cleaned_data)
        except ApplicationError as error:
            return _refused(request, error)
        messages.success(request, _("Business details saved."))
        return redirect(_next(request, "marketplace_link:apply_images"))
    if request.method == "POST":
        # The ModelForm wrote the typed values onto the instance: show the steps as stored.
        application.refresh_from_db()
    return _render(request, "marketplace_link/apply_details.html", application, "details",
                   {"form": form})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@_upload_limited
@_editable
def images(request, application):
    kept = _Kept(request, application, "images")
    form = ImagesForm(_posted(request), request.FILES or None, kept=kept.uploads())
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save_images(
                application, logo=form.cleaned_data["logo"], banner=form.cleaned_data["banner"]
            )
        except ApplicationError as error:
            return _refused(request, error)
        kept.saved()
        messages.success(request, _("Images saved."))
        return redirect(_next(request, "marketplace_link:apply_documents"))
    return _render(request, "marketplace_link/apply_images.html", application, "images",
                   {"form": form, "kept": kept.after(request, form)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@_upload_limited
@_editable
def documents(request, application):
    kept = _Kept(request, application, "documents")
    form = DocumentForm(_posted(request), request.FILES or None, kept=kept.uploads())
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_add(
                application,
                kind=form.cleaned_data["kind"],
                upload=upload,
                content_type=upload.checked.content_type,
                original_name=upload.original_name,
                form_token=form.cleaned_data["form_token"],
            )
        except ApplicationError as error:
            return _refused(request, error)
        kept.saved()
        messages.success(request, _("Document added."))
        return redirect("marketplace_link:apply_documents")
    kept_files = kept.after(request, form)
    if kept_files:
        form.fields["file"].required = False  # a kept file stands in for it (as on the next POST)
    return _render(
        request,
        "marketplace_link/apply_documents.html",
        application,
        "documents",
        {
            "form": form,
            "kept": kept_files,
            "documents": list(application.documents.order_by("uploaded_at", "pk")),
        },
    )


@login_required
@require_POST
@_editable
def document_remove(request, application, pk: int):
    document = get_object_or_404(ExportDocument, pk=pk, application=application)
    try:
        services.document_remove(document)
    except ApplicationError as error:
        return _refused(request, error)
    messages.success(request, _("Document removed."))
    return redirect("marketplace_link:apply_documents")


@login_required
@require_GET
def document_download(request, pk: int):
    """The applicant's own documents, and any to reviewers. Everyone else: 404, as if missing."""
    document = get_object_or_404(ExportDocument.objects.select_related("application"), pk=pk)
    user = request.user
    if document.application.applicant_id != user.pk and not user.has_perm(REVIEW_PERMISSION):
        raise Http404
    return private_file(
        open_stored(document.file),
        filename=f"{document.kind}-{document.pk}.{document.file.name.rsplit('.', 1)[-1]}",
        content_type=document.content_type,
    )


@login_required
@require_GET
def kept_file(request, token: str):
    """A kept file (staging.py), to its applicant only: a thumbnail on the form it belongs to."""
    if not staging.TOKEN_RE.fullmatch(token):  # a NUL would be PostgreSQL's DataError
        raise Http404
    item = get_object_or_404(StagedUpload, token=token, application__applicant=request.user)
    return private_file(
        open_stored(item.file),
        as_attachment=item.width is None,  # a PDF is downloaded, never shown inline
        filename=f"kept-{item.slot}.{item.file.name.rsplit('.', 1)[-1]}",
        content_type=item.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_editable
def submit(request, application):
    refused = None
    if request.method == "POST":
        try:
            services.application_submit(application, actor=request.user)
        except ApplicationError as error:
            if error.code == "read_only":
                # A double tap: the first one sent it while this one waited for the row lock.
                # Answer as to any later POST here (see _editable): the overview, which says so.
                messages.warning(request, error.message)
                return redirect("marketplace_link:apply")
            refused = error
        else:
            messages.success(
                request,
                _("Application sent. The reviewers will reply by e-mail, usually within a week."),
            )
            return redirect("marketplace_link:apply")
    return _render(
        request,
        "marketplace_link/apply_submit.html",
        application,
        "submit",
        {"refused": refused, **_contents(application)},
        status=400 if refused else 200,
    )


def _next(request, default: str):
    """ "Save and continue" goes to the next step; "Save draft" stays on this one."""
    if "continue" in request.POST:
        return default
    return request.path
