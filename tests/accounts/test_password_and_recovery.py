import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.test_mfa import activate_totp, login

pytestmark = pytest.mark.django_db


def test_password_reset_by_email_in_the_users_language(client, mailoutbox):
    user = UserFactory()
    user.profile.preferred_language = "fr"
    user.profile.save()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    message = mailoutbox[-1]
    assert message.subject.startswith("[Isoko]")
    assert "Isoko" in message.body and "testserver!" not in message.body
    assert "mot de passe" in message.body.lower()  # French, as the learner prefers
    link = re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", message.body).group(1)

    response = client.get(link)  # allauth moves the key into the session and redirects
    assert response.status_code == 302
    new_password = "Nyungwe-forest-2026!"
    response = client.post(response.url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": new_password}
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_for_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response.url.endswith("/accounts/password/reset/done/")


def test_totp_comes_with_recovery_codes_that_log_in_once(client):
    user = UserFactory()
    login(client, user)
    activate_totp(client)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    codes = recovery.wrap().get_unused_codes()
    assert len(codes) >= 10
    client.logout()

    for attempt in range(2):
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        client.post(reverse("mfa_authenticate"), {"code": codes[0]})
        logged_in = client.session.get("_auth_user_id") == str(user.pk)
        assert logged_in is (attempt == 0)  # a recovery code works exactly once
        client.logout()


def test_a_totp_code_without_the_password_is_not_enough(client):
    victim, attacker = UserFactory(), UserFactory()
    login(client, victim)
    secret = activate_totp(client)
    client.logout()
    # The attacker knows a valid code of the victim's, but not the victim's password.
    login(client, attacker)
    client.logout()
    client.post(reverse("account_login"), {"login": victim.email, "password": "guess"})
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert "_auth_user_id" not in client.session


def test_email_change_takes_effect_only_after_verification(client, mailoutbox):
    user = UserFactory(email="old@example.com")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@example.com"  # not yet: the new address is unverified

    link = re.search(r"https?://[^/\s]+(/\S*accounts/confirm-email/[^/\s]+/)", mailoutbox[-1].body)
    assert mailoutbox[-1].to == ["new@example.com"]
    client.post(link.group(1))
    user.refresh_from_db()
    assert user.email == "new@example.com"
    client.logout()
    client.post(reverse("account_login"), {"login": "new@example.com", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
