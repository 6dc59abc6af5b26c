"""`make run` itself, started as a newcomer starts it: the real Makefile target, migrate, seed_demo,
honcho with Procfile.embedded (runserver, the sandbox marketplace, the outbox loop), on a free
non-default port and a free non-default sandbox port, with no DATABASE_URL or REDIS_URL (the
embedded default), in a copy of the tree with its own var/ (tests/run/harness.py).

Over real HTTP, as its visitors would: the site's own error pages with debug off, static files
and media served, every address carrying the port it runs on, and the demo's payoff: the seeded
graduate's storefront application approved by a storefront reviewer, the store live at the
sandbox, the webhook heard by Isoko, the store on /storefronts/ and an order on the seller's
dashboard.
"""

from __future__ import annotations

import http.client
import io
import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.run.harness import DEMO_PASSWORD, make_run

pytestmark = [pytest.mark.make_run, pytest.mark.timeout(1200)]

# From nothing, on a loaded 2-core machine: migrate and seed_demo take minutes.
READY_TIMEOUT = 900.0
LIVE_TIMEOUT = 90.0
SELLER = "seller@example.com"
STOREFRONT_REVIEWER = "reviewer@example.com"
DEBUG_PAGE_MARKERS = (
    "Traceback",
    "URLconf",
    "Django tried these URL patterns",
    "DEBUG = True",
    "DisallowedHost",
    "SECRET_KEY",
    "settings.py",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    started = time.monotonic()
    with make_run(tmp_path_factory.mktemp("make-run"), ready_timeout=READY_TIMEOUT) as run:
        # The numbers the report quotes; shown with -s.
        print(f"\nmake run: site and sandbox answered after {run.ready_after:.0f} s")  # noqa: T201
        yield run
    print(f"make run: {time.monotonic() - started:.0f} s in all, stopped")  # noqa: T201


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def csrf(response) -> str:
    return soup(response).find("input", {"name": "csrfmiddlewaretoken"})["value"]


def log_in(demo, email: str):
    """Through allauth's real login page, as a browser would post it."""
    session = demo.session()
    page = session.get(demo.base + "/accounts/login/", timeout=30)
    assert page.status_code == 200
    response = session.post(
        demo.base + "/accounts/login/",
        data={"csrfmiddlewaretoken": csrf(page), "login": email, "password": DEMO_PASSWORD},
        headers={"Referer": page.url},
        timeout=30,
    )
    assert response.status_code == 200 and urlsplit(response.url).path == "/dashboard/", (
        response.url
    )
    return session


def assert_no_debug_page(response) -> None:
    leaked = [marker for marker in DEBUG_PAGE_MARKERS if marker in response.text]
    assert not leaked, f"{response.url} shows a debug page ({leaked})"


def raw_get(demo, path: str, host: str | None = None) -> tuple[int, str]:
    """GET exactly this path and Host header: no client normalises the dots away."""
    connection = http.client.HTTPConnection("127.0.0.1", demo.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{demo.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# Debug off: the site's own pages, and nothing of its insides
# ---------------------------------------------------------------------------------------------
def test_errors_show_the_sites_own_pages_never_debug_pages(demo):
    session = demo.session()

    missing = session.get(demo.base + "/no-such-page/", timeout=30)
    assert missing.status_code == 404
    assert "We could not find that page" in missing.text
    assert_no_debug_page(missing)

    status, body = raw_get(demo, "/", host="evil.example")
    assert status == 400, body[:500]
    assert not [marker for marker in DEBUG_PAGE_MARKERS if marker in body], body[:2000]

    for path in ("/static/..%2F..%2Fmanage.py", "/static/../../manage.py", "/media/..%2Fdb"):
        status, body = raw_get(demo, path)
        assert status == 404, (path, status, body[:500])
        assert "manage.py" not in body or "We could not find that page" in body

    # The hosts a developer types still work with debug off.
    for host in (f"localhost:{demo.port}", f"127.0.0.1:{demo.port}"):
        status, body = raw_get(demo, "/", host=host)
        assert status == 200, (host, status)


def test_static_files_fonts_and_admin_assets_are_served(demo):
    session = demo.session()
    home = session.get(demo.base + "/", timeout=30)
    assert home.status_code == 200
    assets = [link["href"] for link in soup(home).select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in soup(home).select("script[src]")]
    assert assets, "the home page links no stylesheet"

    staff = log_in(demo, STOREFRONT_REVIEWER)
    admin = staff.get(demo.base + "/admin/", timeout=30)
    assert admin.status_code == 200 and "wagtail" in admin.text.lower()
    admin_assets = [link["href"] for link in soup(admin).select('link[rel="stylesheet"]')]
    admin_assets += [script["src"] for script in soup(admin).select("script[src]")]
    assert any("/static/wagtailadmin/" in url for url in admin_assets), admin_assets

    for url in assets + admin_assets:
        response = session.get(demo.base + url if url.startswith("/") else url, timeout=30)
        assert response.status_code == 200, url
    # The self-hosted fonts (the certificate PDFs use them) and the icon.
    for url in ("/static/fonts/NotoSerif-Regular.latin.ttf", "/static/img/favicon.svg"):
        response = session.get(demo.base + url, timeout=30)
        assert response.status_code == 200 and response.content, url


# ---------------------------------------------------------------------------------------------
# The demo's payoff, and every address carrying the port make run serves on
# ---------------------------------------------------------------------------------------------
def certificate_links(demo, seller) -> tuple[str, str]:
    dashboard = seller.get(demo.base + "/dashboard/", timeout=30)
    page = soup(dashboard)
    download = page.find("a", href=re.compile(r"^/certificates/verify/[^/]+/certificate\.pdf$"))
    assert download is not None, "the seller's dashboard shows no certificate"
    code = download["href"].split("/")[3]
    linkedin = page.find("a", href=re.compile(r"^https://www\.linkedin\.com/profile/add\?"))
    return code, linkedin["href"]


def test_certificate_and_email_addresses_carry_the_port(demo):
    from pypdf import PdfReader

    base = demo.base
    seller = log_in(demo, SELLER)
    code, linkedin = certificate_links(demo, seller)
    verify_url = f"{base}/certificates/verify/{code}/"

    assert parse_qs(urlsplit(linkedin).query)["certUrl"] == [verify_url]

    pdf = seller.get(verify_url + "certificate.pdf", timeout=30)
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert verify_url in re.sub(r"\s+", "", text), text  # the "Verify at" line (and its QR)

    credential = seller.get(verify_url + "credential.json", timeout=30).json()
    assert credential["id"] == verify_url
    assert credential["issuer"]["id"].startswith(base + "/"), credential["issuer"]
    assert credential["credentialStatus"]["statusListCredential"].startswith(base + "/")

    facts = seller.get(verify_url, headers={"Accept": "application/json"}, timeout=30).json()
    assert facts["verify_url"] == verify_url

    mail = demo.mail_text(SELLER, "Your certificate")
    assert verify_url in mail and f"{base}/dashboard/" in mail


def test_graduate_approval_live_store_showcase_and_order(demo):
    base = demo.base
    seller = log_in(demo, SELLER)
    panel = soup(seller.get(base + "/dashboard/", timeout=30)).find(id="my-storefront").parent
    assert "Submitted for review" in panel.get_text(), panel.get_text()

    # A storefront reviewer approves the seeded application in the Wagtail admin.
    staff = log_in(demo, STOREFRONT_REVIEWER)
    index = staff.get(base + "/admin/storefronts/applications/", timeout=30)
    link = soup(index).find("a", string=re.compile("Inzozi Coffee"))
    assert link is not None, index.text[:3000]
    detail = staff.get(base + link["href"], timeout=30)
    form = soup(detail).find("form", action=re.compile(r"/approve/$"))
    approved = staff.post(
        base + form["action"],
        data={"csrfmiddlewaretoken": form.find("input", {"name": "csrfmiddlewaretoken"})["value"]},
        headers={"Referer": detail.url},
        timeout=60,
    )
    assert approved.status_code == 200 and "Approved" in approved.text, approved.text[:3000]
    storefront_link = soup(approved).find("a", href=re.compile(r"^/admin/storefronts/\d+/$"))
    assert storefront_link is not None, "the application page links no storefront"
    storefront_page = base + storefront_link["href"]

    # The sandbox reviews the store and says so by webhook: the admin shows it live.
    def admin_facts() -> dict[str, str] | None:
        page = soup(staff.get(storefront_page, timeout=30))
        facts = {
            row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
            for row in page.select("table.listing tr")
            if row.th and row.td
        }
        return facts if facts.get("Status") == "Live" else None

    try:
        facts = demo.wait_until(admin_facts, LIVE_TIMEOUT, "the admin to show the store live")
    except AssertionError as error:
        events = demo.session().get(demo.sandbox + "/_sandbox/events", timeout=10).text
        raise AssertionError(f"{error}\nsandbox events: {events[:3000]}\n{demo.log()}") from None
    store_url = facts["Public address"]
    store_id = facts["Marketplace store id"]
    assert store_url == f"{demo.sandbox}/s/{store_id}"
    assert "Live" in staff.get(storefront_page, timeout=30).text

    # The store is listed on the public showcase, for anyone.
    showcase = demo.session().get(base + "/storefronts/", timeout=30)
    card = soup(showcase).find("article", class_="storefront-card")
    assert card is not None and "Inzozi Coffee" in card.get_text(), showcase.text[:3000]

    # The sandbox's seller page: live, its logo served by this Isoko at its own port.
    sandbox_page = soup(demo.session().get(store_url, timeout=30))
    assert sandbox_page.select_one("header .status").get_text(strip=True) == "Live"
    logo = sandbox_page.find("img", alt=re.compile("Logo of Inzozi Coffee"))
    assert logo["src"].startswith(base + "/media/"), logo["src"]
    image = demo.session().get(logo["src"], timeout=30)
    assert image.status_code == 200 and image.headers["Content-Type"].startswith("image/")

    # The approval e-mail's links carry the port too.
    assert f"{base}/dashboard/" in demo.mail_text(SELLER, "approved")

    # An order placed at the marketplace reaches the seller's dashboard.
    placed = demo.session().post(
        demo.sandbox + "/_sandbox/orders", data=json.dumps({"store_id": store_id}), timeout=10
    )
    assert placed.status_code in (200, 201), placed.text

    def orders() -> str | None:
        facts = soup(seller.get(base + "/dashboard/", timeout=30)).select_one(".facts")
        text = facts.get_text(" ", strip=True) if facts else ""
        return text if re.search(r"Orders 1\b", text) else None

    demo.wait_until(orders, LIVE_TIMEOUT, "the order to reach the seller's dashboard")

    # Every webhook the sandbox sent was taken by Isoko.
    stats = demo.session().get(demo.sandbox + "/_sandbox/stats", timeout=10).json()
    assert stats["stores_by_status"] == {"ACTIVE": 1}, stats
    assert stats["webhooks"]["failed"] == 0, stats
