"""Crawl the seeded demo as a visitor and as each demo role, in each UI language.

Each role logs in through the real login form (staff with their TOTP code), crawls from / in
English, then switches language with the site's own switcher and crawls again from where it
lands, in each other language. The crawl (tests/crawl/crawler.py) follows every same-site link
and GET form and fails on any 5xx, debug page, broken internal link, axe-core WCAG 2 A/AA
violation, or page wider than a 390 px phone. It renders a page in the browser only where its
page frame (each role has its own header) or its <main> is new in that language
(tests/crawl/fingerprint.py); every page is fetched and checked as a response.

The table of pages reached per role and language is printed in the terminal summary
(tests/crawl/conftest.py), so CI's log shows what the crawl covered.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from demo.seed import DEMO_PASSWORD
from tests.crawl.conftest import COVERAGE, STAFF
from tests.crawl.crawler import OUR_ADMIN, crawl
from tests.e2e.conftest import fresh_code

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

# The visitor first: the public pages it reaches are then only fetched, not rendered again, for
# the roles after it that see them in the same state (the crawler's `rendered`).
ROLES = (
    "visitor",
    "entrepreneur",
    "seller",
    "policymaker",
    "academic",
    "facilitator",
    "trainer",
    "reviewer",
    "admin",
)
# Every page a role reaches in English. In each other language the same templates hold other
# words (their length, their markup), so the visitor checks the first pages it reaches there and
# each signed-in role the first few: its own pages (dashboard, cohorts, admin) are linked from
# every page's header, so they come first.
ENGLISH_CAP = 150
OTHER_CAP = {"visitor": 20}
OTHER_CAP_SIGNED_IN = 10
# Staff also start from our pages in the admin (the rest of the admin is Wagtail's).
STAFF_STARTS = {"trainer": OUR_ADMIN, "reviewer": OUR_ADMIN, "admin": OUR_ADMIN}
RENDERED: dict[str, dict] = {code: {} for code, _name in settings.LANGUAGES}
PAGE_LISTS = Path(__file__).resolve().parents[2] / "var" / "crawl"


def log_in(page, base: str, email: str, secret: str | None) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if secret:
        page.wait_for_url("**/2fa/authenticate/**")
        page.get_by_label("Code").fill(fresh_code(secret))
        page.get_by_role("button", name=re.compile("^(Log in|Confirm)$")).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/" not in url)


def switch_language(page, base: str, code: str) -> None:
    # The switcher is a plain form: it works once the document is parsed. Nothing here is
    # checked in the browser (the crawl then fetches and renders the page it lands on), so
    # neither page waits for its images.
    page.goto(base + "/", wait_until="domcontentloaded")
    page.locator("#language-select").select_option(code)
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate("document.documentElement.lang") == code


def test_the_demo_is_seeded_in_the_test_database(demo, db):
    """First in the module, and asking for `db`: pytest-django then sets up the test database
    even when this module runs alone (tests/db_baseline.py require_test_database says why). Its
    transaction is over before the crawls begin (the live server could not write during one on
    SQLite: the test settings' transactions take the write lock at BEGIN)."""
    from allauth.mfa.models import Authenticator

    _base, secrets = demo
    totp = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert sorted(totp.values_list("user__email", flat=True)) == sorted(secrets) == sorted(STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_crawl(role, demo, chromium):
    base, secrets = demo
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    findings = []
    try:
        if role != "visitor":
            email = f"{role}@example.com"
            log_in(page, base, email, secrets.get(email))
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                start, cap = base + "/", ENGLISH_CAP
            else:
                switch_language(page, base, code)
                start, cap = page.url, OTHER_CAP.get(role, OTHER_CAP_SIGNED_IN)
            also = STAFF_STARTS.get(role, ()) if code == settings.LANGUAGE_CODE else ()
            result = crawl(
                page,
                start,
                page_cap=cap,
                rendered=RENDERED[code],
                role=role,
                language=code,
                also=also,
            )
            COVERAGE[(role, code)] = (len(result.pages), len(result.checked))
            _write_page_list(role, code, result)
            findings += [f"[{role}, {code}] {finding}" for finding in result.findings]
    finally:
        context.close()
    assert not findings, "\n".join(findings)


def _write_page_list(role: str, code: str, result) -> None:
    """var/crawl/<role>-<language>.txt: each page reached, "checked" where this role rendered it
    in the browser, else "fetched" and the page checked for it (the same shape, or the same
    frame and main; "frame X, main Y" where they were checked on two pages), then the other
    files; for reading what the crawl covered."""
    PAGE_LISTS.mkdir(parents=True, exist_ok=True)
    checked = set(result.checked)
    lines = [
        f"checked  {p}" if p in checked else f"fetched  {p}  (as {result.same.get(p, '?')})"
        for p in result.pages
    ]
    lines += [f"file     {path}" for path in result.files]
    (PAGE_LISTS / f"{role}-{code}.txt").write_text("\n".join(lines) + "\n")
