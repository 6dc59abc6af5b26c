"""The "My storefront" panel of /dashboard/ (composed with lms's part in config/dashboard.py, so
that lms never imports marketplace_link).

Its queries do not grow with courses, products or orders (tests/marketplace/test_eligibility.py).
A single probe answers "which application?", "which qualifying certificate?" and "does any course
qualify?", so a graduate who has not applied, or any learner when no course qualifies, costs one
query. An applicant costs one more (two more for a draft's missing list), and a learner still on
the way two more (the qualifying courses and their certificates): the dashboard hands the panel
the progress it has computed (two more queries when called without it), and the learner's
standing certificates it has read (one query more without them).
Measured on SQLite with 1 and 13 courses and products: 4 for a draft, 3 for a learner on the way.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string

from courses.api import storefront_course_ids, storefront_live_courses
from marketplace_link.application.eligibility import (
    qualifying_certificates,
    qualifying_courses,
    storefront_requirements,
)
from marketplace_link.application.services import application_missing
from marketplace_link.models import StorefrontApplication

Status = StorefrontApplication.Status


def _probe(user) -> dict:
    applications = StorefrontApplication.objects.filter(applicant=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    certificates = qualifying_certificates(user)
    # get_user_model, not type(user): request.user is a lazy wrapper.
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            application_id=Subquery(applications.values("pk")[:1]),
            certificate_id=Subquery(certificates.values("pk")[:1]),
            any_course=Exists(qualifying_courses()),
        )
        .values("application_id", "certificate_id", "any_course")
        .get()
    )


def _probe_known(user, certificates) -> tuple[StorefrontApplication | None, dict]:
    """_probe's answers when the page has read the learner's standing certificates already (the
    dashboard): the qualifying courses come from a per-process memo (courses.api), the valid
    certificate from the list, and the latest application with its storefront in one plain
    query, the only one."""
    course_ids = storefront_course_ids()
    application = (
        StorefrontApplication.objects.filter(applicant=user)
        .select_related("storefront")
        .order_by("-created_at", "-pk")
        .first()
    )
    # standing_certificates holds every certificate but superseded ones, so every valid one
    # (qualifying_certificates: issued, not expired, of a qualifying course, live or not).
    eligible = any(
        certificate.is_valid and certificate.course_id in course_ids for certificate in certificates
    )
    return application, {"eligible": eligible, "any_course": bool(storefront_live_courses())}


def dashboard_panel(user, *, progress=None, certificates=None, times=None) -> dict:
    """{"storefront": HTML}, or {} when no course leads to a storefront. ``progress`` is the
    learner's progress in each enrolment (lms.api's CourseProgress list) when the page has
    computed it already, as /dashboard/ has: the requirements then show it, not recompute it.
    ``certificates`` likewise: the learner's standing certificates, read once for the page;
    with them the panel costs one query (two more for a draft's missing list). ``times``, a
    list, receives the moments the HTML shows as time elapsed ("last one 3 days ago"), for a
    caller that caches it (config/dashboard.py)."""
    if certificates is not None:
        application, probe = _probe_known(user, certificates)
    else:
        found = _probe(user)
        probe = {
            "eligible": found["certificate_id"] is not None,
            "any_course": found["any_course"],
        }
        application = None
        if found["application_id"]:
            application = StorefrontApplication.objects.select_related("storefront").get(
                pk=found["application_id"]
            )
    context: dict = {"application": application}
    if application is not None and application.status != Status.REJECTED:
        context["storefront"] = getattr(application, "storefront", None)
        if times is not None and context["storefront"] and context["storefront"].last_order_at:
            times.append(context["storefront"].last_order_at)
        if application.status == Status.DRAFT:
            # Only a draft's panel shows what is missing (two queries): a changes-requested
            # application shows the reviewers' message instead.
            context["missing"] = application_missing(application)
    else:
        context["eligible"] = probe["eligible"]
        if not context["eligible"]:
            if not probe["any_course"] and application is None:
                return {}  # no course leads to a storefront: lms shows its own empty state
            context["requirements"] = storefront_requirements(
                user, known_ineligible=True, progress=progress, certificates=certificates
            )
    return {"storefront": render_to_string("marketplace_link/dashboard_panel.html", context)}
