"""bench/impact.py's part that runs inside Isoko (`manage.py shell`, production settings, the
server's Redis and SECRET_KEY): the refresh timed, the staff session, which pages exist, and
each page's query count. A module of its own: bench/impact.py's name is the Django app's, and
`import impact` in Isoko's process must find the app."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

HOST = "127.0.0.1"
STAFF_EMAIL = "programme-manager@impact-bench.test"


# ---------------------------------------------------------------------------------------------
def probe(*, out: str) -> None:
    """The refresh timed twice (the caller emptied the cache first: the first run is cold), the
    staff user and their session, which pages exist, and each page's query count (first and
    second request; the first one of a filtered dashboard computes its snapshot on a miss).
    Written to `out` as JSON."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from learning_data import EMAIL_DOMAIN, session_for

    from lms.models import Enrolment, LessonProgress
    from marketplace_link.models import Storefront, WebhookEvent

    result: dict = {
        "missing": {},
        "queries": {},
        "first_queries": {},
        "first_seconds": {},
        "refresh": None,
        "failed": {},
    }
    refresh = _import("impact.snapshot", "snapshot_refresh")
    if refresh is None:
        result["missing"]["refresh"] = "impact.snapshot.snapshot_refresh is not there"
    else:
        runs = []
        try:
            for _ in range(2):  # cold (the caller flushed the cache), then as beat finds it
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    refresh()
                    runs.append((time.perf_counter() - started, len(queries)))
        except Exception as error:  # noqa: BLE001 (reported, and the bench exits 1)
            result["failed"]["refresh"] = _why(error)
        else:
            result["refresh"] = {
                "cold_seconds": runs[0][0],
                "warm_seconds": runs[1][0],
                "queries": runs[0][1],
            }

    # The staff user: a member of "Programme managers" once that group exists (the dashboard's
    # audience, with its permission checks), else a superuser. TOTP set up: staff need MFA.
    User = get_user_model()
    group = Group.objects.filter(name="Programme managers").first()
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=STAFF_EMAIL, password=secrets.token_urlsafe(20), is_staff=True
        )
    user.is_superuser = group is None
    user.save()
    if group is not None:
        user.groups.add(group)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        import pyotp

        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
        )
    result["staff"] = "a member of Programme managers" if group else "a superuser"
    result["session"] = session_for(user)

    paths = {
        "bare_admin": "/admin/account/",
        "admin_home": "/admin/",
        "dashboard": _dashboard_path(),
        "public": "/impact/",
        "home": "/",
    }
    course_query = _course_query()
    if paths["dashboard"] and course_query:
        paths["dashboard_filtered"] = f"{paths['dashboard']}?{course_query}"
    staff = {"bare_admin", "admin_home", "dashboard", "dashboard_filtered"}
    found = {}
    for key, path in paths.items():
        if not path:
            result["missing"][key] = "no URL for it (the dashboard's view is not merged)"
            continue
        client = Client(HTTP_HOST=HOST)
        if key in staff:
            client.cookies["sessionid"] = result["session"]
        try:
            with CaptureQueriesContext(connection) as first:
                began = time.perf_counter()
                response = client.get(path)
                result["first_seconds"][key] = time.perf_counter() - began
        except Exception as error:  # noqa: BLE001 (a 500: reported, and the bench exits 1)
            result["failed"][key] = f"GET {path} raised {_why(error)}"
            continue
        if response.status_code == 404:
            result["missing"][key] = f"GET {path} answered 404 (the view is not merged)"
            continue
        if response.status_code != 200:
            body = response.content[:300]
            result["failed"][key] = f"GET {path} answered {response.status_code}: {body!r}"
            continue
        with CaptureQueriesContext(connection) as second:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code} the second time")
        found[key] = path
        result["first_queries"][key] = len(first)
        result["queries"][key] = len(second)
    result["paths"] = found
    result["dataset"] = {
        "learners": User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count(),
        "enrolments": Enrolment.objects.count(),
        "progress_rows": LessonProgress.objects.count(),
        "storefronts": Storefront.objects.count(),
        "live": Storefront.objects.filter(status="live").count(),
        "orders": WebhookEvent.objects.filter(type="order.created").count(),
    }
    Path(out).write_text(json.dumps(result))


def _why(error: Exception) -> str:
    """The error's type and first line (where in the code: the traceback printed above)."""
    import traceback

    traceback.print_exception(error)
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"


def _import(module: str, name: str):
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


# URL names the dashboard may have (impact-dashboard's wagtail_hooks register it).
DASHBOARD_URL_NAMES = ("impact_dashboard", "impact_dashboard:index", "impact:dashboard")


def _dashboard_path() -> str:
    from django.urls import NoReverseMatch, reverse

    for name in DASHBOARD_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _course_query() -> str:
    """The dashboard's query string for one course (the busiest), from the filter's own
    as_query(): the same names the dashboard's form reads."""
    from urllib.parse import urlencode

    from django.db.models import Count

    from core.impact import ImpactFilter
    from lms.models import Enrolment

    busiest = (
        Enrolment.objects.values("course").annotate(n=Count("id")).order_by("-n").first() or {}
    )
    if not busiest:
        return ""
    query = ImpactFilter(course_id=busiest["course"]).as_query()
    # The dashboard's form names its fields for people (course=), not as the filter (course_id=).
    names = _import("impact.dashboard.forms", "FIELD_NAMES") or {}
    form_name = {field: name for name, field in names.items()}
    return urlencode({form_name.get(key, key): value for key, value in query.items()})
