"""Every form control on our pages has a label; every page has the landmarks and a skip link."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["account_login", "account_signup", "account_reset_password"]
SIGNED_IN_PAGES = [
    "dashboard",
    "profile_edit",
    "account_delete",
    "account_change_password",
    "account_email",
    "mfa_index",
]


class FormAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.label_targets: set[str] = set()
        self.landmarks: set[str] = set()
        self.skip_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea"):
            if attrs.get("type") not in ("hidden", "submit", "button"):
                self.controls.append(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        if tag in ("main", "nav", "header", "footer"):
            self.landmarks.add(tag)
        if tag == "a" and attrs.get("href") == "#main":
            self.skip_link = True


def audit(html: str) -> FormAudit:
    parser = FormAudit()
    parser.feed(html)
    return parser


def assert_accessible(html: str, page: str) -> None:
    result = audit(html)
    unlabelled = [
        c
        for c in result.controls
        if c.get("id") not in result.label_targets and not c.get("aria-label")
    ]
    assert not unlabelled, (page, unlabelled)
    assert {"main", "nav", "header", "footer"} <= result.landmarks, page
    assert result.skip_link, page


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages(client, site, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_accessible(response.content.decode(), name)


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages(client, site, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_accessible(response.content.decode(), name)


def test_home_and_404(client, site):
    assert_accessible(client.get("/").content.decode(), "home")
    assert_accessible(client.get("/missing/").content.decode(), "404")
