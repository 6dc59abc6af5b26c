import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_accessible_and_editable_content(client, site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert site.hero_heading in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ('role="banner"', "<nav", "<main", 'role="contentinfo"'):
        assert landmark in html
    assert 'lang="en"' in html
    assert '<label for="language-select"' in html
    assert "Who Isoko is for" in html  # a CMS section


def test_home_page_weighs_under_100_kb_without_cdn(client, site):
    """HTML + CSS + JS as sent compressed (WhiteNoise serves .gz); images aside."""
    html = client.get("/").content
    assert b"https://cdn" not in html and b"//fonts.googleapis" not in html
    total = len(gzip.compress(html))
    # The only JavaScript on the home page is the offline app's: the worker's registration and
    # the sync status (deferred, docs/offline.md); the page works without them.
    scripts = set(re.findall(rb'<script src="/static/([^"]+)"', html))
    assert scripts <= {b"js/offline/register.js", b"js/offline/status.js"}, scripts
    assert b"<script>" not in html  # nothing inline (the Content-Security-Policy)
    for asset in ("css/isoko.css", *(name.decode() for name in scripts)):
        with open(finders.find(asset), "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < 100 * 1024, total


def test_language_switcher_serves_french(client, site):
    response = client.get(reverse("language_switch"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/fr/"
    response = client.get("/fr/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
    html = response.content.decode()
    assert "Aller au contenu principal" in html  # UI strings from the catalogue
    assert "Apprenez à vendre le Rwanda" in html  # the page's French translation


def test_friendly_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_500_page_renders_without_the_database():
    from django.test import RequestFactory

    from config.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_public_pages_send_a_strict_content_security_policy(client, site):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "Content-Security-Policy" in client.get(reverse("account_login")).headers
