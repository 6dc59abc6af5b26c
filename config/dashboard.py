"""/dashboard/: the learner's home, composed from the apps that fill it.

lms gives the learning part (courses in progress and completed, upcoming sessions, the account
box); certificates gives "My certificates" and marketplace_link "My storefront", each a panel of
rendered HTML keyed by name. The composition lives here, in the project shell, because only the
top layer may import all three: lms knows nothing of the apps downstream of it, and import-linter
sees every dependency (a Wagtail hook would hide them).

Progress is computed once per request, by lms, and handed to the panels that show it.

The learner-specific part (templates/lms/includes/dashboard_body.html: everything between the
site's header and footer) is kept in the shared cache (Redis in production), per learner,
language and time zone, for ``ISOKO_DASHBOARD_CACHE_SECONDS`` at most (a day; 0 turns it off).
A copy is served only while its stamp matches:

- the learner's generation (core.learner_cache), which every save or delete of their
  enrolments, lesson progress, quiz attempts, certificates, storefront application, products,
  photos and store, profile, user row, authenticators, time zone and facilitated cohorts
  replaces (each app's ``learner_receivers.py``; the few ``update()`` writes call it
  themselves), plus a token every stamp includes (``all_learners_changed``);
- the content generation (any page saved, published, unpublished, moved or deleted:
  courses.api.content_generation) and the admin-link memo's (groups and permissions);
- a digest of the code, templates and translations that build it, so a deploy never serves a
  copy built by the previous release;

and until the first moment its text would read differently by itself: a "… ago" turning a
minute or an hour older, a certificate expiring at midnight. A learner in a cohort is not cached
(their upcoming sessions change with the cohort's timetable, other people's writes, and by the
minute with check-in windows): their dashboard is built on every request, as before. Nothing
here decides access: the view still requires the login, and the copy is keyed by the user's id.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from accounts.api import admin_link_generation
from certificates.api import dashboard_panel as certificates_panel
from certificates.api import standing_certificates
from core.learner_cache import ALL_KEY, ensure_generations, generation_key, timesince_stable_until
from courses.api import content_generation
from lms.api import dashboard_context
from marketplace_link.api import dashboard_panel as storefront_panel

BODY_TEMPLATE = "lms/includes/dashboard_body.html"

_code_version: str | None = None
_code_version_lock = threading.Lock()


def code_version() -> str:
    """A digest of what builds the cached part: the apps' Python, the templates and the
    translations, read once per process."""
    global _code_version
    if _code_version is None:
        with _code_version_lock:
            if _code_version is None:
                digest = hashlib.sha256()
                base = settings.BASE_DIR
                folders = ["lms", "certificates", "marketplace_link", "accounts", "courses"]
                files = [base / "config" / "dashboard.py", base / "core" / "learner_cache.py"]
                for folder in folders:
                    files += sorted((base / folder).rglob("*.py"))
                files += sorted((base / "templates").rglob("*.html"))
                for path in getattr(settings, "LOCALE_PATHS", []):
                    files += sorted(p for p in path.rglob("*") if p.suffix in {".po", ".mo"})
                for path in files:
                    if "migrations" in path.parts or not path.is_file():
                        continue
                    digest.update(str(path.relative_to(base)).encode() + b"\0")
                    digest.update(path.read_bytes())
                _code_version = digest.hexdigest()[:16]
    return _code_version


def _body_key(user_id) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"dashboard-body:{int(user_id)}:{language}:{timezone.get_current_timezone_name()}"


def _build(request, now: datetime) -> tuple[str, bool, datetime | None, bool]:
    """The learner-specific HTML, whether they have courses, until when it reads the same by
    itself (None: no such limit), and whether it may be cached at all."""
    user = request.user
    context = dashboard_context(user)
    # The learner's standing certificates, read once: "My certificates" lists them and the
    # storefront panel looks among them for its qualifying courses'.
    certificates = standing_certificates(user)
    elapsed = []  # the moments the HTML shows as "… ago"
    context["panels"] = {
        **certificates_panel(user, certificates=certificates),
        # The learner's progress, computed once above: the storefront panel shows it for the
        # qualifying courses and must not compute it again.
        **storefront_panel(
            user, progress=context["progress"], certificates=certificates, times=elapsed
        ),
    }
    body = render_to_string(BODY_TEMPLATE, context, request=request)
    ends = [timesince_stable_until(when, now) for when in elapsed]
    ends += [
        timesince_stable_until(entry.enrolment.last_activity_at, now)
        for entry in context["in_progress"]
        if entry.enrolment.last_activity_at
    ]
    # A certificate is expired from the day after its expiry date (Certificate.is_expired, in
    # the current time zone): "valid" turns to "expired" in the storefront panel then.
    zone = timezone.get_current_timezone()
    for certificate in certificates:
        if certificate.expires_on:
            turns = datetime.combine(certificate.expires_on + timedelta(days=1), time(), zone)
            if turns > now:
                ends.append(turns)
    has_courses = bool(context["in_progress"] or context["completed"])
    return body, has_courses, min(ends, default=None), not context["in_a_cohort"]


@login_required
@require_GET
def dashboard(request):
    user = request.user
    seconds = settings.ISOKO_DASHBOARD_CACHE_SECONDS
    now = timezone.now()
    entry = stamp = None
    if seconds:
        key, gen_key = _body_key(user.pk), generation_key(user.pk)
        found = cache.get_many([key, gen_key, ALL_KEY])
        mine, everyone = ensure_generations(user.pk, found)
        stamp = (mine, everyone, content_generation(), admin_link_generation(), code_version())
        entry = found.get(key)
    if entry is not None and entry["stamp"] == stamp and now.timestamp() < entry["until"]:
        body, has_courses = entry["body"], entry["has_courses"]
    else:
        body, has_courses, until, cacheable = _build(request, now)
        if seconds and cacheable:
            limit = now + timedelta(seconds=seconds)
            until = min(until, limit) if until else limit
            cache.set(
                key,
                {
                    "stamp": stamp,
                    "until": until.timestamp(),
                    "body": body,
                    "has_courses": has_courses,
                },
                timeout=max(1, int((until - now).total_seconds()) + 1),
            )
    return render(request, "lms/dashboard.html", {"body": body, "has_courses": has_courses})
