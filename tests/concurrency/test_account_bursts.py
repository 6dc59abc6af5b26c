"""Double taps on the account forms: sign up, confirm the address, log in. allauth writes users,
e-mail addresses, sessions and last_login outside our services; none of it may answer 5xx, and
every tap gets the answer the first one got."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import SIGNUP, confirmation_link

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_confirm_and_log_in(burst, site, mailoutbox):
    replies = burst(reverse("account_signup"), user=None, n=4, form=SIGNUP)
    # One tap made the account and was sent to "check your e-mail". The others were too if they
    # raced it to the database (accounts.forms.SignupForm.try_save); one that came a moment
    # later was told the address is registered, as a second signup always is.
    sent = reverse("account_email_verification_sent")

    def outcome(reply):
        if (reply.status, reply.location) == (302, sent):
            return "sent"
        if reply.status == 200 and "already registered" in reply.body:
            return "taken"
        return reply

    outcomes = [outcome(reply) for reply in replies]
    assert "sent" in outcomes and set(outcomes) <= {"sent", "taken"}, outcomes
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1
    assert EmailAddress.objects.filter(email=SIGNUP["email"]).count() == 1
    assert len(mailoutbox) == 1

    link = confirmation_link(mailoutbox[0])
    replies = burst(link, user=None, n=4)
    assert {(reply.status, reply.location) for reply in replies} == {
        (302, reverse("account_login"))
    }
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified
    # A tap that arrives once the address is confirmed gets the same answer (allauth: 404).
    response = Client().post(link)
    assert (response.status_code, response["Location"]) == (302, reverse("account_login"))

    user = UserFactory()
    form = {"login": user.email, "password": PASSWORD}
    replies = burst(reverse("account_login"), user=None, n=4, form=form)
    assert {(reply.status, reply.location) for reply in replies} == {(302, reverse("dashboard"))}
    user.refresh_from_db()
    assert user.last_login is not None
