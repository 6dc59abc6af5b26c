"""allauth's pages speak the site's sentence case ("Log in", not "Sign In"), in page titles,
headings, labels, buttons and links, like every other page of the site.

The invitation's set-password page (account/password_reset_from_key.html) belongs to the cohort
invitation flow and is checked with it.
"""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal import auth as totp_auth
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import title_case_words, totp_code

pytestmark = pytest.mark.django_db


def ui_strings(html: str) -> list[str]:
    """The page title and, inside <main>, its headings, labels, buttons and links."""
    soup = BeautifulSoup(html, "html.parser")
    strings = [soup.title.get_text(" ", strip=True).split(" · ")[0]]
    main = soup.find("main")
    for tag in main.find_all(["h1", "h2", "h3", "label", "button", "a", "legend", "summary"]):
        text = tag.get_text(" ", strip=True)
        if text and "@" not in text:
            strings.append(text)
    for tag in main.find_all("input", attrs={"type": "submit"}):
        strings.append(tag.get("value", ""))
    return strings


def title_case_on(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return {
        s: title_case_words(s) for s in ui_strings(response.content.decode()) if title_case_words(s)
    }


def test_pages_for_visitors(client, site):
    unverified = UserFactory(verified=False)
    address = EmailAddress.objects.create(user=unverified, email=unverified.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    urls = [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
        reverse("account_inactive"),
        reverse("account_email_verification_sent"),
        reverse("account_confirm_email", args=[key]),
        reverse("account_confirm_email", args=["no-such-key"]),
    ]
    found = {url: title_case_on(client, url) for url in urls}
    assert found == dict.fromkeys(urls, {})
    login = client.get(reverse("account_login")).content.decode()
    assert ">Log in<" in login.replace("\n", "").replace("  ", "")


def test_pages_for_a_signed_in_person(client, site, totp_clock):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    urls = [
        reverse("account_logout"),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("account_reauthenticate"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
    ]
    found = {url: title_case_on(client, url) for url in urls}
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret, totp_clock.step)})
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    RecoveryCodes.activate(user)
    more = [
        reverse("mfa_index"),
        reverse("mfa_reauthenticate"),
        reverse("mfa_deactivate_totp"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_generate_recovery_codes"),
    ]
    found.update({f"{url} (with TOTP)": title_case_on(client, url) for url in more})
    assert found == dict.fromkeys(found, {})


def test_set_password_page_for_an_account_without_one(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert title_case_on(client, reverse("account_set_password")) == {}


def test_two_factor_login_stage(site, totp_clock):
    user = UserFactory()
    totp_auth.TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert title_case_on(client, reverse("mfa_authenticate")) == {}
