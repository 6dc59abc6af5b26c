"""allauth's e-mails name the site ("Isoko") and its address, and their subjects are in the site's
sentence case. Without django.contrib.sites they said "register an account on ." """

from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.test import RequestFactory
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.accounts.helpers import SIGNUP, title_case_words

pytestmark = pytest.mark.django_db

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
PREFIXES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if path.name != "base_message.txt"
)


def assert_names_the_site(message, domain="testserver"):
    assert "Hello from Isoko!" in message.body, message.body
    assert f"Thank you for using Isoko!\n{domain}" in message.body, message.body
    assert " on ." not in message.body and "from !" not in message.body
    subject = message.subject.removeprefix("[Isoko] ")
    assert not title_case_words(subject), message.subject


def test_signup_confirmation_says_where_the_account_was_registered(client, mailoutbox, site):
    client.post(reverse("account_signup"), {**SIGNUP, "preferred_language": "en"})
    message = mailoutbox[-1]
    assert "register an account on testserver." in message.body
    assert message.subject == "[Isoko] Please confirm your e-mail address"
    assert_names_the_site(message)


def test_password_reset_and_unknown_account_mails(client, mailoutbox, site):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    known, unknown = mailoutbox[-2:]
    assert known.subject == "[Isoko] Reset your password"
    assert unknown.subject == "[Isoko] Unknown account"
    for message in (known, unknown):
        assert_names_the_site(message)


def test_email_change_confirmation(client, mailoutbox, site):
    client.force_login(UserFactory())
    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.com"})
    message = mailoutbox[-1]
    assert message.to == ["new@example.com"]
    assert "register an account on testserver." in message.body
    assert_names_the_site(message)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_allauth_mail_names_the_site(prefix, mailoutbox):
    # Notices (password or e-mail changed, MFA set up or removed, …) included, for the day
    # ACCOUNT_EMAIL_NOTIFICATIONS is turned on.
    user = UserFactory()
    request = RequestFactory().get("/")
    request.user = user
    with request_context(request):
        get_adapter().send_mail(prefix, user.email, {"user": user, "code": "123456"})
    assert_names_the_site(mailoutbox[-1])
