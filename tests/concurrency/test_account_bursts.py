"""Double taps on the account forms: sign up, log in. allauth writes users, e-mail addresses,
sessions and last_login outside our services; none of it may answer 5xx."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import SIGNUP

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_then_log_in(burst, site, mailoutbox):
    replies = burst(reverse("account_signup"), user=None, n=4, form=SIGNUP)
    # One tap made the account; every tap is sent to "check your e-mail", and one e-mail went.
    sent = reverse("account_email_verification_sent")
    assert {(reply.status, reply.location) for reply in replies} == {(302, sent)}
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1
    assert EmailAddress.objects.filter(email=SIGNUP["email"]).count() == 1
    assert len(mailoutbox) == 1

    user = UserFactory()
    form = {"login": user.email, "password": PASSWORD}
    replies = burst(reverse("account_login"), user=None, n=4, form=form)
    assert {(reply.status, reply.location) for reply in replies} == {(302, reverse("dashboard"))}
    user.refresh_from_db()
    assert user.last_login is not None
