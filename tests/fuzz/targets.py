"""Every public page and form, by URL name, with who uses it: the fuzz's list of targets.

``test_coverage.py`` walks the URL resolver and fails when a pattern is neither here, in
``paths.PATHS`` (fuzzed path segments), ``test_bodies.BODIES`` (raw request bodies) nor
``test_coverage.EXCLUDED`` (with the reason), so a new public address cannot ship unfuzzed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

ANON = ("anonymous",)
LEARNER = ("learner",)
BOTH = ("anonymous", "learner")


@dataclass(frozen=True)
class Target:
    name: str
    path: Callable  # world -> path
    who: tuple[str, ...] = BOTH
    methods: tuple[str, ...] = ("GET",)
    # Names sent beside those the page's own forms show (driver.form_fields).
    params: tuple[str, ...] = ()


def r(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def page(attr):
    return lambda w: getattr(w, attr).url


def admin_path(name, attr):
    return lambda w: reverse(name, args=[getattr(w, attr).pk])


STAFF = ("staff",)
cohort_id = lambda w: w.cohort.public_id  # noqa: E731
session_id = lambda w: w.session.pk  # noqa: E731
GP = ("GET", "POST")

TARGETS = [
    # -- config -------------------------------------------------------------------------------
    Target("healthz", r("healthz"), ANON),
    Target("robots_txt", r("robots_txt"), ANON),
    # The offline app (config/pwa.py): the worker, the manifest (?lang=), the offline page.
    Target("pwa_service_worker", r("pwa_service_worker"), BOTH),
    Target("pwa_manifest", r("pwa_manifest"), BOTH, params=("lang",)),
    Target("offline", r("offline"), BOTH),
    # Prometheus metrics: refused (403) without the token, whatever the query string or method.
    Target("metrics", r("metrics"), BOTH, GP),
    Target("language_switch", r("language_switch"), BOTH, GP, ("language", "next")),
    # -- Wagtail pages: home, the catalogue (search, filters, paging), a course, a lesson, a quiz
    Target("wagtail_serve", lambda w: "/", BOTH, GP, ("q", "page")),
    Target(
        "wagtail_serve",
        page("catalog"),
        BOTH,
        ("GET",),
        ("q", "audience", "topic", "level", "format", "language", "page"),
    ),
    Target(
        "wagtail_serve",
        lambda w: "/fr" + w.catalog.url,
        ANON,
        ("GET",),
        ("q", "audience", "topic", "level", "format", "language", "page"),
    ),
    Target("wagtail_serve", page("course"), BOTH, GP),
    Target("wagtail_serve", page("lesson"), BOTH, GP),
    Target("wagtail_serve", page("quiz"), BOTH, GP),
    Target("wagtailcore_login", r("wagtailcore_login"), ANON, GP, ("next",)),
    # -- certificates -------------------------------------------------------------------------
    Target("certificates:lookup", r("certificates:lookup"), BOTH, ("GET",), ("code",)),
    Target(
        "certificates:verify",
        lambda w: reverse("certificates:verify", args=[w.certificate.code]),
        BOTH,
        ("GET",),
        ("format",),
    ),
    Target(
        "certificates:credential",
        lambda w: reverse("certificates:credential", args=[w.certificate.code]),
        ANON,
    ),
    Target(
        "certificates:verify_credential",
        r("certificates:verify_credential"),
        BOTH,
        GP,
        ("credential",),
    ),
    Target("certificates:issuer", r("certificates:issuer"), ANON),
    # -- accounts (allauth's forms and ours) --------------------------------------------------
    Target("account_login", r("account_login"), ANON, GP, ("login", "password", "next")),
    Target("account_signup", r("account_signup"), ANON, GP, ("next",)),
    Target("account_reset_password", r("account_reset_password"), ANON, GP, ("email",)),
    Target("account_reset_password_done", r("account_reset_password_done"), ANON),
    Target("account_reset_password_from_key_done", r("account_reset_password_from_key_done"), ANON),
    Target("account_email_verification_sent", r("account_email_verification_sent"), ANON),
    Target("account_inactive", r("account_inactive"), ANON),
    Target("account_confirm_login_code", r("account_confirm_login_code"), ANON, GP, ("code",)),
    Target("account_email", r("account_email"), LEARNER, GP, ("email", "action_add")),
    Target("account_change_password", r("account_change_password"), LEARNER, GP),
    Target("account_set_password", r("account_set_password"), LEARNER, GP),
    Target("account_reauthenticate", r("account_reauthenticate"), LEARNER, GP, ("next",)),
    Target(
        "account_request_reauthentication_code",
        r("account_request_reauthentication_code"),
        LEARNER,
        GP,
    ),
    Target(
        "account_confirm_reauthentication_code",
        r("account_confirm_reauthentication_code"),
        LEARNER,
        GP,
        ("code",),
    ),
    Target("mfa_index", r("mfa_index"), LEARNER),
    Target("mfa_authenticate", r("mfa_authenticate"), ANON, GP, ("code",)),
    Target("mfa_reauthenticate", r("mfa_reauthenticate"), LEARNER, GP, ("code",)),
    Target("mfa_activate_totp", r("mfa_activate_totp"), LEARNER, GP, ("code",)),
    Target("mfa_deactivate_totp", r("mfa_deactivate_totp"), LEARNER, GP),
    Target("mfa_view_recovery_codes", r("mfa_view_recovery_codes"), LEARNER),
    Target("mfa_generate_recovery_codes", r("mfa_generate_recovery_codes"), LEARNER, GP),
    Target("mfa_download_recovery_codes", r("mfa_download_recovery_codes"), LEARNER),
    Target("profile_edit", r("profile_edit"), BOTH, GP),
    # -- learning -----------------------------------------------------------------------------
    Target("dashboard", r("dashboard"), BOTH),
    Target("lms_cohort_mine", r("lms_cohort_mine"), ("facilitator",)),
    Target("lms_cohort_timetable", r("lms_cohort_timetable", cohort_id), ("member",), GP),
    Target("lms_cohort_calendar", r("lms_cohort_calendar", cohort_id), ("member",)),
    Target(
        "lms_cohort_session_ics",
        r("lms_cohort_session_ics", cohort_id, session_id),
        ("member",),
    ),
    Target("lms_cohort_apply", r("lms_cohort_apply", cohort_id), BOTH, GP, ("motivation",)),
    Target("lms_cohort_applications", r("lms_cohort_applications", cohort_id), ("facilitator",)),
    Target("lms_cohort_report", r("lms_cohort_report", cohort_id), ("facilitator",)),
    Target("lms_cohort_report_csv", r("lms_cohort_report_csv", cohort_id), ("facilitator",)),
    Target("lms_cohort_roster_csv", r("lms_cohort_roster_csv", cohort_id), ("facilitator",)),
    Target(
        "lms_cohort_import",
        r("lms_cohort_import", cohort_id),
        ("facilitator", "staff"),
        GP,
        ("action",),
    ),
    Target(
        "lms_cohort_roster",
        r("lms_cohort_roster", cohort_id, session_id),
        ("facilitator",),
        GP,
        ("learner", "status"),
    ),
    Target(
        "lms_cohort_checkin_code",
        r("lms_cohort_checkin_code", cohort_id, session_id),
        ("facilitator",),
        GP,
    ),
    Target(
        "lms_cohort_checkin",
        r("lms_cohort_checkin", cohort_id, session_id),
        ("member",),
        GP,
        ("code",),
    ),
    Target(
        "lms_attempt",
        lambda w: reverse("lms_attempt", args=[w.attempt.public_id]),
        LEARNER,
        GP,
        ("action",),
    ),
    Target(
        "lms_attempt_result",
        lambda w: reverse("lms_attempt_result", args=[w.attempt.public_id]),
        LEARNER,
    ),
    Target(
        "lms_lesson_complete",
        lambda w: reverse("lms_lesson_complete", args=[w.lesson.pk]),
        LEARNER,
        ("POST",),
    ),
    Target(
        "lms_quiz_start", lambda w: reverse("lms_quiz_start", args=[w.quiz.pk]), LEARNER, ("POST",)
    ),
    Target("lms_continue", lambda w: reverse("lms_continue", args=[w.course.pk]), BOTH, GP),
    Target("lms_enrol", lambda w: reverse("lms_enrol", args=[w.policy.pk]), BOTH, ("POST",)),
    # -- storefronts: the graduate's application forms, the public showcase -------------------
    Target("marketplace_link:apply", r("marketplace_link:apply"), ("graduate", "learner"), GP),
    Target("marketplace_link:apply_start", r("marketplace_link:apply_start"), ("graduate",), GP),
    Target(
        "marketplace_link:apply_details", r("marketplace_link:apply_details"), ("graduate",), GP
    ),
    Target("marketplace_link:apply_images", r("marketplace_link:apply_images"), ("graduate",), GP),
    Target(
        "marketplace_link:apply_documents",
        r("marketplace_link:apply_documents"),
        ("graduate",),
        GP,
        ("kept",),
    ),
    Target(
        "marketplace_link:apply_products", r("marketplace_link:apply_products"), ("graduate",), GP
    ),
    Target(
        "marketplace_link:apply_product_add",
        r("marketplace_link:apply_product_add"),
        ("graduate",),
        GP,
        ("kept",),
    ),
    Target(
        "marketplace_link:apply_product_edit",
        lambda w: reverse("marketplace_link:apply_product_edit", args=[w.product.pk]),
        ("graduate",),
        GP,
        ("remove_images",),
    ),
    Target(
        "marketplace_link:apply_submit",
        r("marketplace_link:apply_submit"),
        ("graduate",),
        GP,
        ("continue",),
    ),
    Target("showcase:index", r("showcase:index"), BOTH, ("GET",), ("sector", "page")),
    # -- programme impact: the open-data page and its JSON (issue 17) ----------------------------
    Target("impact:index", r("impact:index"), BOTH),
    Target("impact:data_json", r("impact:data_json"), BOTH),
    # -- the read API (partner_api): no token here, so the feeds answer 401 problems; with a
    # token every parameter is fuzzed in tests/partner_api/test_odd_input.py
    Target("partner_api:api-root", r("partner_api:api-root"), ANON),
    Target("partner_api:openapi-json", r("partner_api:openapi-json"), ANON),
    Target("partner_api:openapi-view", r("partner_api:openapi-view"), ANON),
    Target("partner_api:courses", r("partner_api:courses"), ANON, ("GET",), ("cursor", "limit")),
    Target("partner_api:impact", r("partner_api:impact"), ANON, ("GET",), ("lang",)),
    Target(
        "partner_api:enrolments",
        r("partner_api:enrolments"),
        ANON,
        ("GET",),
        ("cursor", "limit", "updated_since", "course"),
    ),
    Target(
        "partner_api:completions",
        r("partner_api:completions"),
        ANON,
        ("GET",),
        ("cursor", "limit", "updated_since", "course"),
    ),
    Target(
        "partner_api:certificates",
        r("partner_api:certificates"),
        ANON,
        ("GET",),
        ("cursor", "limit", "updated_since", "course"),
    ),
    # Last: these change the learner's state for the targets after them.
    Target(
        "lms_withdraw", lambda w: reverse("lms_withdraw", args=[w.course.pk]), LEARNER, ("POST",)
    ),
    Target("account_delete", r("account_delete"), LEARNER, GP),
    Target("account_logout", r("account_logout"), LEARNER, GP),
]

# Staff search boxes and filters of our own admin screens (and Wagtail's, cheaply).
ADMIN = [
    # The Programme dashboard (impact/dashboard): every filter, and its exports.
    Target(
        "impact_dashboard",
        r("impact_dashboard"),
        STAFF,
        ("GET",),
        ("start", "end", "course", "audience", "district", "sector", "cohort"),
    ),
    Target(
        "impact_dashboard_xlsx",
        r("impact_dashboard_xlsx"),
        STAFF,
        ("GET",),
        ("start", "end", "course", "audience", "district", "sector", "cohort"),
    ),
    Target("partner_api_admin:index", r("partner_api_admin:index"), STAFF, ("GET",), ("q", "p")),
    Target(
        "partner_api_admin:index_results",
        r("partner_api_admin:index_results"),
        STAFF,
        ("GET",),
        ("q", "p"),
    ),
    Target("partner_api_admin:new", r("partner_api_admin:new"), STAFF, GP),
    Target(
        "certificates_admin:index",
        r("certificates_admin:index"),
        ("staff",),
        ("GET",),
        ("q", "status", "attention", "p"),
    ),
    Target(
        "storefronts_admin:index",
        r("storefronts_admin:index"),
        ("staff",),
        ("GET",),
        ("q", "status", "attention", "p"),
    ),
    Target(
        "storefront_applications:index",
        r("storefront_applications:index"),
        ("staff",),
        ("GET",),
        ("q", "status", "p"),
    ),
    # The same lists' results fragments (Wagtail's live search and filters fetch these).
    Target(
        "certificates_admin:index_results",
        r("certificates_admin:index_results"),
        ("staff",),
        ("GET",),
        ("q", "status", "attention", "p"),
    ),
    Target(
        "storefronts_admin:index_results",
        r("storefronts_admin:index_results"),
        ("staff",),
        ("GET",),
        ("q", "status", "attention", "p"),
    ),
    Target(
        "storefront_applications:index_results",
        r("storefront_applications:index_results"),
        ("staff",),
        ("GET",),
        ("q", "status", "p"),
    ),
    Target("lms_reports", r("lms_reports"), ("staff",), ("GET",), ("q", "p")),
    Target(
        "lms_reports_course",
        lambda w: reverse("lms_reports_course", args=[w.course.pk]),
        ("staff",),
        ("GET",),
        ("p",),
    ),
    Target("cohort:index", r("cohort:index"), ("staff",), ("GET",), ("q", "p", "ordering")),
    Target(
        "cohort:index_results",
        r("cohort:index_results"),
        ("staff",),
        ("GET",),
        ("q", "p", "ordering"),
    ),
    Target(
        "cohortsession:index",
        r("cohortsession:index"),
        ("staff",),
        ("GET",),
        ("q", "p", "cohort", "ordering"),
    ),
    Target(
        "cohortsession:index_results",
        r("cohortsession:index_results"),
        ("staff",),
        ("GET",),
        ("q", "p", "cohort", "ordering"),
    ),
    Target(
        "wagtailadmin_pages:search",
        r("wagtailadmin_pages:search"),
        ("staff",),
        ("GET",),
        ("q", "p", "content_type"),
    ),
    # Our staff forms that take typed text.
    Target(
        "certificates_admin:detail", admin_path("certificates_admin:detail", "certificate"), STAFF
    ),
    Target(
        "certificates_admin:revoke",
        admin_path("certificates_admin:revoke", "certificate"),
        STAFF,
        ("POST",),
        ("reason", "note"),
    ),
    Target(
        "certificates_admin:reissue",
        admin_path("certificates_admin:reissue", "certificate"),
        STAFF,
        ("POST",),
        ("reason", "name"),
    ),
    Target(
        "storefronts_admin:storefront", admin_path("storefronts_admin:storefront", "store"), STAFF
    ),
    Target(
        "storefront_applications:detail",
        admin_path("storefront_applications:detail", "draft"),
        STAFF,
    ),
    Target(
        "storefront_applications:request_changes",
        admin_path("storefront_applications:request_changes", "draft"),
        STAFF,
        ("POST",),
        ("note", "reason"),
    ),
    Target(
        "storefront_applications:reject",
        admin_path("storefront_applications:reject", "draft"),
        STAFF,
        ("POST",),
        ("note", "reason"),
    ),
    Target("cohort:add", r("cohort:add"), STAFF, ("GET", "POST")),
    Target("cohort:edit", admin_path("cohort:edit", "cohort"), STAFF, ("GET", "POST")),
    Target("cohortsession:add", r("cohortsession:add"), STAFF, ("GET", "POST")),
    Target(
        "cohortsession:edit", admin_path("cohortsession:edit", "session"), STAFF, ("GET", "POST")
    ),
    # Redirects to allauth's login, query string kept.
    Target("admin/login/", lambda w: "/admin/login/", ANON, ("GET",), ("next",)),
    Target("django-admin/login/", lambda w: "/django-admin/login/", ANON, ("GET",), ("next",)),
]
