"""The applicant's product pages: the list, add, edit and remove (views.py has the other steps
and the helpers every step shares). Products stay editable after approval, while the store is
provisioned or live: each change is then synced to the marketplace (application/services.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace_link.application import services, staging
from marketplace_link.application.forms import ProductForm
from marketplace_link.application.services import ApplicationError
from marketplace_link.application.views import (
    _editable,
    _Kept,
    _posted,
    _refused,
    _render,
    _upload_limited,
)
from marketplace_link.models import Product


@login_required
@require_GET
@_editable(products=True)
def products(request, application):
    items = list(application.products.filter(removed_at__isnull=True).prefetch_related("images"))
    return _render(request, "marketplace_link/apply_products.html", application, "products",
                   {"products": items})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@_upload_limited
@_editable(products=True)
def product_add(request, application):
    return _product_form(request, application, Product(application=application))


@login_required
@require_http_methods(["GET", "POST"])
@_upload_limited
@_editable(products=True)
def product_edit(request, application, pk: int):
    product = get_object_or_404(Product, pk=pk, application=application, removed_at__isnull=True)
    return _product_form(request, application, product)


def _product_form(request, application, product):
    is_new = product.pk is None
    kept = _Kept(request, application, staging.product_scope(product))
    form = ProductForm(
        _posted(request), request.FILES or None, instance=product, kept=kept.uploads()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.product_save(
                application,
                product=None if is_new else product,
                fields={name: data[name] for name in services.PRODUCT_FIELDS},
                new_images=data.get("new_images") or [],
                remove_image_ids=[image.pk for image in data.get("remove_images") or []],
                form_token=data["form_token"],
            )
        except ApplicationError as error:
            return _refused(request, error)
        kept.saved()
        messages.success(
            request,
            _("Product “%(title)s” saved.") % {"title": data["title"]},
        )
        return redirect("marketplace_link:apply_products")
    return _render(
        request,
        "marketplace_link/apply_product_form.html",
        application,
        "products",
        {"form": form, "product": product, "is_new": is_new, "kept": kept.after(request, form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_editable(products=True)
def product_remove(request, application, pk: int):
    product = get_object_or_404(Product, pk=pk, application=application, removed_at__isnull=True)
    if request.method == "POST":
        try:
            services.product_remove(product)
        except ApplicationError as error:
            return _refused(request, error)
        messages.success(request, _("Product “%(title)s” removed.") % {"title": product.title})
        return redirect("marketplace_link:apply_products")
    return _render(request, "marketplace_link/apply_product_remove.html", application, "products",
                   {"product": product})  # fmt: skip
