"""A staff member makes a token in the admin, copies it once, and revokes it (Chromium)."""

import re
from pathlib import Path

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from partner_api.models import ApiToken
from tests.accounts.factories import StaffFactory
from tests.e2e.test_trainer_review_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_staff_makes_copies_and_revokes_a_token(live_server, chromium, site):
    admin = StaffFactory(email="ops@example.com", is_superuser=True)
    secret = pyotp.random_base32()
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": secret})
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, admin.email, secret)
    page.goto(f"{live_server.url}/admin/api-tokens/")
    page.get_by_role("link", name="New token").click()
    page.get_by_label("Name").fill("Development board")
    page.get_by_label("Enrolments of learners").check()
    page.get_by_label("Certificates of learners").check()
    page.get_by_role("button", name="Create the token").click()
    field = page.get_by_label(re.compile("Token “Development board”"))
    plaintext = field.input_value()
    assert re.fullmatch(r"isk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", plaintext)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "partner-api-token-created.png"), full_page=True)
    page.get_by_role("link", name="I have copied it").click()
    assert plaintext not in page.content()
    page.get_by_role("button", name="Revoke this token").click()
    page.get_by_text("no longer opens the API").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "partner-api-token-revoked.png"), full_page=True)
    context.close()
    assert ApiToken.objects.get().revoked_at is not None
