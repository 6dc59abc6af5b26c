"""Staff and anyone with Wagtail admin access must set up TOTP before any admin page is served."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.accounts.factories import PASSWORD, StaffFactory, UserFactory
from tests.accounts.helpers import totp_code

pytestmark = pytest.mark.django_db


def login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return response


def current_totp_code(secret: str) -> str:
    """The code allauth accepts now (the real clock, or the totp_clock fixture's)."""
    from allauth.mfa.totp.internal import auth as totp_auth

    return totp_code(secret, next(totp_auth.yield_hotp_counters_from_time()))


def activate_totp(client) -> str:
    # allauth asks for the password again before a new authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = current_totp_code(secret)
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.context["form"].errors
    return secret


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_staff_without_mfa_is_sent_to_set_it_up(client, path):
    staff = StaffFactory(is_superuser=True)
    login(client, staff)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_staff_can_reach_admin_once_totp_is_set_up(client, site):
    staff = StaffFactory(is_superuser=True)
    login(client, staff)
    activate_totp(client)
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_login_with_totp_requires_the_code(client, site, totp_clock):
    staff = StaffFactory(is_superuser=True)
    login(client, staff)
    secret = activate_totp(client)
    client.logout()
    totp_clock.step += 1  # the code typed at set-up is spent (tests/accounts/test_totp_replay.py)

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(secret, totp_clock.step)}
    )
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_wagtail_editor_without_staff_flag_also_needs_mfa(client):
    trainer = UserFactory()
    group = Group.objects.create(name="Trainers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    trainer.groups.add(group)
    login(client, trainer)
    response = client.get("/admin/")
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_admin_login_pages_cannot_skip_allauth(client):
    for path in ("/admin/login/", "/django-admin/login/"):
        response = client.post(path, {"username": "x@example.com", "password": "x"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_anonymous_admin_goes_to_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_learner_cannot_reach_either_admin(client):
    # Refused outright (tests/accounts/test_admin_access.py), never sent to set up MFA.
    learner = UserFactory()
    login(client, learner)
    assert client.get("/admin/").status_code == 403
    assert client.get("/django-admin/").status_code == 403


def test_django_admin_is_for_superusers_only(client, site):
    staff = StaffFactory(is_superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, staff)
    activate_totp(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 403


def test_wagtail_front_end_login_cannot_skip_allauth(client, site):
    """Wagtail's page-privacy login (/_util/login/) is Django's bare LoginView: it would give a
    session on the password alone, without allauth's MFA stage or rate limits."""

    staff = StaffFactory(is_superuser=True)
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
    )
    for prefix in ("", "/fr"):
        response = client.post(
            f"{prefix}/_util/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert response.status_code == 302
        assert response.url == f"{prefix}/accounts/login/?next=/admin/"
