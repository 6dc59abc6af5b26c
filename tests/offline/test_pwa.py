"""The installable app's server side (config/pwa.py): the worker, the manifest, the offline
page, the page hooks and logging out with Clear-Site-Data."""

import json
import re

import pytest
from django.test import override_settings
from PIL import Image

from config import pwa
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _owner(html: str) -> str:
    return re.search(r'<meta name="isoko-owner" content="([^"]*)">', html).group(1)


def test_worker_is_served_from_the_root_with_its_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert "sessionid" not in response.cookies
    body = response.content.decode()
    config = json.loads(re.match(r"self\.ISOKO_SW = (.*);\n", body).group(1))
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    assert "/static/css/isoko.css" in config["static"]
    assert config["offline"] == {
        "en": "/offline/",
        "fr": "/fr/offline/",
        "rw": "/rw/offline/",
        "sw": "/sw/offline/",
        "zh-hans": "/zh-hans/offline/",
    }
    # The source follows, unchanged.
    assert body.endswith(pwa.SW_SOURCE.read_text())


def test_worker_is_never_kept_by_the_page_cache(client):
    with override_settings(ISOKO_PAGE_CACHE=True):
        first = client.get("/sw.js")
        second = client.get("/sw.js")
    assert "X-Page-Cache" not in second
    assert second["Cache-Control"] == first["Cache-Control"] == "no-cache"


def test_worker_version_follows_the_worker_and_the_static_files(tmp_path, monkeypatch):
    source = b"// worker"
    before = pwa.worker_version(source)
    assert pwa.worker_version(source + b" changed") != before
    # A static file edited (size or time, then its content) gives a new version.
    monkeypatch.setattr(pwa, "STATIC_ROOT_DIR", tmp_path)
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("a { color: red }")
    first = pwa.worker_version(source)
    (tmp_path / "css" / "site.css").write_text("a { color: blue; }")
    assert pwa.worker_version(source) != first
    assert pwa.worker_version(source) == pwa.worker_version(source)


def test_worker_manifest_and_offline_page_answer_get_and_head_only(client):
    for path in ("/sw.js", "/manifest.webmanifest", "/offline/"):
        assert client.post(path).status_code == 405, path
        head = client.head(path)
        # A HEAD (link checkers, proxies warming a cache) gets GET's headers and no body.
        assert head.status_code == 200, path
        assert head.content == b"", path
        assert head["Content-Type"] == client.get(path)["Content-Type"], path


def test_manifest_makes_the_site_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/dashboard/"
    assert data["scope"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#0b5d3b"
    assert data["short_name"] == "Isoko" and data["name"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    # Every icon it names is a real PNG of the size it says.
    for icon in data["icons"]:
        path = pwa.STATIC_ROOT_DIR / icon["src"].removeprefix("/static/")
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_manifest_in_the_visitors_language(client):
    english = json.loads(client.get("/manifest.webmanifest").content)
    french = json.loads(client.get("/manifest.webmanifest?lang=fr").content)
    assert french["lang"] == "fr" and english["lang"] == "en"
    assert french["start_url"] == "/fr/dashboard/"
    # An unknown language is the default one, never an error.
    odd = client.get("/manifest.webmanifest?lang=xx%3Cscript")
    assert odd.status_code == 200 and json.loads(odd.content)["lang"] == "en"


def test_maskable_icon_keeps_the_letter_in_the_safe_zone():
    with Image.open(pwa.STATIC_ROOT_DIR / "img/icons/maskable-512.png") as image:
        image = image.convert("RGB")
        # Full bleed: the corners are brand green, not transparent.
        assert image.getpixel((0, 0)) == (0x0B, 0x5D, 0x3B)
        # The white letter lies inside the central circle of radius 40 % (the safe zone).
        for x in range(0, 512, 4):
            for y in range(0, 512, 4):
                if image.getpixel((x, y)) == (255, 255, 255):
                    assert (x - 256) ** 2 + (y - 256) ** 2 <= (0.4 * 512) ** 2


def test_pages_link_the_manifest_and_say_whose_they_are(client):
    html = client.get("/offline/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=en">' in html
    assert "img/icons/apple-touch-icon.png" in html
    assert "js/offline/register.js" in html and 'data-worker="/sw.js"' in html


def test_owner_token_is_per_user_and_empty_for_a_visitor(client, site):
    assert _owner(client.get("/").content.decode()) == ""
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    one = _owner(client.get("/").content.decode())
    client.force_login(second)
    two = _owner(client.get("/").content.decode())
    assert re.fullmatch(r"[0-9a-f]{20}", one) and re.fullmatch(r"[0-9a-f]{20}", two)
    assert one != two
    assert one != str(first.pk)


def test_sync_status_is_reserved_for_learners(client, site):
    assert "data-sync-status" not in client.get("/").content.decode()
    client.force_login(UserFactory())
    html = client.get("/dashboard/").content.decode()
    assert html.count("data-sync-status") == 1
    assert 'data-offline="Offline"' in html
    assert 'role="status"' in html


def test_offline_page_in_every_language_is_nobodys(client):
    for url in ("/offline/", "/fr/offline/", "/zh-hans/offline/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-offline-list" in html and "data-offline-empty" in html
        assert _owner(html) == "unknown"
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies
    assert "<h1>You're offline</h1>" in client.get("/offline/").content.decode()


def test_offline_page_shows_no_learner_data_even_when_logged_in(client):
    user = UserFactory(email="imena@example.com")
    client.force_login(user)
    html = client.get("/offline/").content.decode()
    assert user.email not in html and "/accounts/logout/" not in html
    assert _owner(html) == "unknown"


def test_offline_page_refuses_post(client):
    assert client.post("/offline/").status_code == 405


def test_logout_clears_the_site_data(client):
    client.force_login(UserFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session


def test_logout_in_another_language_clears_too(client):
    client.force_login(UserFactory())
    response = client.post("/fr/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_logout_page_and_anonymous_logout_clear_nothing(client):
    # The confirmation page (GET) logs nobody out; a visitor has nothing to clear.
    client.force_login(UserFactory())
    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and "Clear-Site-Data" not in page
    client.logout()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "Clear-Site-Data" not in response


def test_views_run_no_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        client.get("/sw.js")
        client.get("/manifest.webmanifest")
        client.get("/offline/")


def test_every_precached_file_exists():
    # One missing file fails the whole install (cache.addAll): the worker would never start.
    from django.contrib.staticfiles import finders

    for name in pwa.PRECACHE_STATIC:
        assert finders.find(name), name
