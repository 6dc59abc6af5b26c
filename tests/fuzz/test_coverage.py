"""Every URL pattern is fuzzed or excluded with a reason: walks the resolver, so a new public
address (or a new admin screen of ours) fails here until it is added to the fuzz targets."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from tests.fuzz.paths import PATHS
from tests.fuzz.targets import ADMIN, TARGETS
from tests.fuzz.test_bodies import BODIES

OUR_APPS = (
    "accounts.",
    "certificates.",
    "config.",
    "courses.",
    "lms.",
    "marketplace_link.",
    "impact.",
    "partner_api.",
)
# Patterns that take no input a visitor controls beyond what is fuzzed elsewhere, with why.
EXCLUDED = {
    "account_confirm_email (allauth's)": "shadowed by ours (config/urls.py), fuzzed in PATHS",
    "_util/login/": "a redirect to account_login with the query string: account_login is fuzzed",
    "storefront_applications:approve": "staff POST with no fields, only the id (tests/marketplace)",
    "storefronts_admin:retry": "staff POST with no fields, only the id (tests/marketplace)",
    "certificates_admin:retry": "staff POST with no fields, only the id (tests/certificates)",
    "certificates_admin:pdf": "staff file download by id, no parameters (tests/certificates)",
    "storefront_applications:document": (
        "staff file download by ids, no parameters (tests/marketplace)"
    ),
    "lms_reports_learners_csv": "staff CSV by course id, no parameters (tests/lms/test_reports)",
    "cohort:delete": "Wagtail's generic delete confirmation, no fields of ours",
    "partner_api_admin:revoke": "staff POST with no fields, only the id (tests/partner_api)",
    "api/v1/^(?P<rest>.*)$": (
        "the API's catch-all: any other path under /api/v1/ is a 404 problem document "
        "(tests/partner_api/test_odd_input.py)"
    ),
}
# Wagtail's and Django's own admin screens: framework code behind staff login and MFA. Our
# screens inside /admin/ (modules in OUR_APPS) are not excused by this.
FRAMEWORK_ADMIN = ("admin/", "django-admin/")


def patterns(resolvers=None, prefix="", namespace=""):
    """(key, route, callback module) of every pattern; the key is the URL name when it has one."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            route = prefix + str(entry.pattern)
            yield name or route, route, getattr(entry.callback, "__module__", "")


def covered() -> set[str]:
    names = {t.name for t in TARGETS + ADMIN} | {t.name for t in PATHS} | set(BODIES)
    # Unnamed patterns are known by their route; the media pattern is fuzzed as "media".
    return names | {"^media/(?P<path>(?:images|original_images|marketplace/images)/[^/]+)$"}


def test_every_url_pattern_is_fuzzed_or_excused():
    fuzzed, seen, missing = covered(), set(), []
    for key, route, module in patterns():
        seen.add(key)
        if key in fuzzed or key in EXCLUDED:
            continue
        if key == "account_confirm_email" and module.startswith("allauth."):
            continue  # see EXCLUDED: ours comes first and answers instead
        if route.startswith(FRAMEWORK_ADMIN) and not module.startswith(OUR_APPS):
            continue
        missing.append(f"{route}  ({key}, {module})")
    assert not missing, "URL patterns no fuzz test covers (tests/fuzz/targets.py):\n" + "\n".join(
        missing
    )
    stale = {key for key in EXCLUDED if "(" not in key} - seen
    assert not stale, f"excused patterns that no longer exist: {stale}"
