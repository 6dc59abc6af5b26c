import re

import pytest

from accounts.models import User
from tests.accounts.helpers import SIGNUP, confirmation_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_signs_up_verifies_and_logs_in(live_server, page, mailoutbox, screenshot, site):
    page.goto(live_server.url + "/")
    screenshot("home-mobile")
    page.get_by_role("link", name="Sign up").first.click()

    page.get_by_label("Email").fill(SIGNUP["email"])
    page.get_by_label("Full name").fill(SIGNUP["full_name"])
    page.get_by_label("I am a…").select_option("entrepreneur")
    page.get_by_label("Phone (optional)").fill("+250788123456")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label(re.compile(r"^Password:?$")).fill(SIGNUP["password1"])
    page.get_by_label("Password (again)").fill(SIGNUP["password1"])
    screenshot("signup-mobile")
    page.get_by_role("button", name="Sign up", exact=True).click()

    page.wait_for_url("**/confirm-email/**")
    assert User.objects.filter(email=SIGNUP["email"]).exists()
    link = confirmation_link(mailoutbox[-1])
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()

    # Confirming in the same browser logs the learner in.
    page.wait_for_url("**/dashboard/")
    assert "Welcome, Aline" in page.inner_text("h1")

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/")

    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill(SIGNUP["email"])
    page.get_by_label(re.compile(r"^Password:?$")).fill(SIGNUP["password1"])
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/dashboard/")
    screenshot("dashboard-mobile")
    assert "Welcome, Aline" in page.inner_text("h1")
