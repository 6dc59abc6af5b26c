"""The "Programme" dashboard in the Wagtail admin (URLs in impact/wagtail_hooks.py).

Wagtail's admin wraps these views: anonymous visitors go to the login page, and signed-in users
without admin access get the refusal page (accounts/middleware.py). Here each view lets in only
superusers and "Programme managers" (impact/dashboard/access.py); a trainer or reviewer, who
may use the admin, gets 403 (a raised PermissionDenied would become a redirect to the admin's
home in Wagtail, which a script cannot tell from success).

Every view reads one snapshot (impact.snapshot): cached per filter and language, the unfiltered
one refreshed by the beat task, so a view never aggregates; the page, its CSV files and its XLSX
file show the same numbers.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from impact.dashboard import present
from impact.dashboard.access import user_may_see_programme
from impact.dashboard.choices import filter_choices
from impact.dashboard.forms import ImpactFilterForm
from impact.exports import XLSX_TYPE, snapshot_xlsx, table_csv
from impact.snapshot import snapshot


def _forbidden(request):
    return TemplateResponse(request, "impact/dashboard/forbidden.html", status=403)


def _form(request) -> ImpactFilterForm:
    # An empty query is an unbound form: the whole programme, no "this field" noise.
    data = request.GET if any(name in request.GET for name in present_fields()) else None
    return ImpactFilterForm(data, choices=filter_choices())


def present_fields() -> tuple[str, ...]:
    return ("start", "end", "course", "audience", "district", "sector", "cohort")


def _invalid(request, form: ImpactFilterForm):
    context = {"form": form, "invalid": True, "clear_url": reverse("impact_dashboard")}
    return TemplateResponse(request, "impact/dashboard/index.html", context, status=400)


def _read(request):
    """(form, snapshot), or (form, None) when the filter has errors."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, snapshot(form.impact_filter(), language=get_language())


def _query(form: ImpactFilterForm) -> str:
    query = form.impact_filter().as_query() if form.is_bound else {}
    # ImpactFilter's names -> the form's (course_id -> course, cohort_id -> cohort)
    renamed = {key.removesuffix("_id"): value for key, value in query.items()}
    return f"?{urlencode(renamed)}" if renamed else ""


@require_GET
def dashboard(request):
    if not user_may_see_programme(request.user):
        return _forbidden(request)
    form, snap = _read(request)
    if snap is None:
        return _invalid(request, form)
    query = _query(form)
    csv_urls = {
        key: reverse("impact_dashboard_csv", args=[key]) + query
        for key in present.export_keys(snap.tables)
    }
    sections = present.sections(snap.tables)
    for section in sections:
        section.csv_url = csv_urls[section.key]
    context = {
        "form": form,
        "snapshot": snap,
        "filtered": not snap.filters.is_empty,
        "filters_described": form.described() if form.is_bound else [],
        "headline": present.headline(snap.tables.get("headline")),
        "sections": sections,
        "headline_csv_url": csv_urls.get("headline", ""),
        "xlsx_url": reverse("impact_dashboard_xlsx") + query,
        "clear_url": reverse("impact_dashboard"),
    }
    response = TemplateResponse(request, "impact/dashboard/index.html", context)
    add_never_cache_headers(response)
    return response


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def _stamp(snap) -> str:
    return timezone.localtime(snap.refreshed_at).strftime("%Y-%m-%d-%H%M")


@require_GET
def dashboard_csv(request, key: str):
    if not user_may_see_programme(request.user):
        return _forbidden(request)
    form, snap = _read(request)
    if snap is None:
        return _invalid(request, form)
    table = snap.tables.get(key)
    if table is None:
        raise Http404(_("No such table."))
    return _download(
        table_csv(table, labeller=present.export_label),
        content_type="text/csv; charset=utf-8",
        filename=f"isoko-programme-{key}-{_stamp(snap)}.csv",
    )


@require_GET
def dashboard_xlsx(request):
    if not user_may_see_programme(request.user):
        return _forbidden(request)
    form, snap = _read(request)
    if snap is None:
        return _invalid(request, form)
    about = form.described() if form.is_bound else []
    if not about:
        about = [(_("Filter"), _("None: the whole programme"))]
    content = snapshot_xlsx(
        [snap.tables[key] for key in present.export_keys(snap.tables)],
        title=_("Isoko programme impact"),
        about=about,
        refreshed_at=timezone.localtime(snap.refreshed_at),
        refreshed_label=_("Numbers as of"),
        labeller=present.export_label,
    )
    return _download(
        content, content_type=XLSX_TYPE, filename=f"isoko-programme-{_stamp(snap)}.xlsx"
    )
