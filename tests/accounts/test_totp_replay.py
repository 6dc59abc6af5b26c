"""RFC 6238 §5.2: a TOTP code that was accepted once is never accepted again for that user.

allauth 65 marks a code used at login, but only in the cache (one per process with the embedded
default's locmem cache) and not at set-up. The clock is pinned to one 30-second step so that a
test can never straddle two steps; clearing the cache stands in for a second worker process.
"""

import threading

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, StaffFactory
from tests.accounts.helpers import totp_code as code_at
from tests.conftest import _clear_cache as forget_cache

pytestmark = pytest.mark.django_db

STEP = 59_000_000  # a 30-second step in 2026


def log_in_password(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")


def log_in(user, code: str) -> tuple[Client, object]:
    client = Client()
    log_in_password(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    return client, response


def logged_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def activate(client, code_for) -> str:
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:  # allauth asks for the password again first
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert response.status_code == 302, response.context["form"].errors
    return secret


def staff_with_totp(secret=None):
    staff = StaffFactory(is_superuser=True)
    secret = secret or pyotp.random_base32()
    totp_auth.TOTP.activate(staff, secret)
    return staff, secret


def test_code_typed_at_set_up_is_refused_at_login_in_the_same_step(totp_clock):
    staff = StaffFactory(is_superuser=True)
    client = Client()
    client.force_login(staff)
    secret = activate(client, lambda s: code_at(s, totp_clock.step))
    client.logout()

    client, response = log_in(staff, code_at(secret, totp_clock.step))
    assert not logged_in(client, staff)
    assert response.status_code == 200
    assert "already been used" in response.content.decode()

    totp_clock.step += 1
    response = client.post(reverse("mfa_authenticate"), {"code": code_at(secret, totp_clock.step)})
    assert logged_in(client, staff)


def test_code_used_to_log_in_is_refused_a_second_time_even_by_another_worker(totp_clock):
    staff, secret = staff_with_totp()
    code = code_at(secret, totp_clock.step)
    first, _ = log_in(staff, code)
    assert logged_in(first, staff)

    forget_cache()  # another gunicorn worker: its own locmem cache knows nothing of the first
    second, response = log_in(staff, code)
    assert not logged_in(second, staff)
    assert "already been used" in response.content.decode()

    totp_clock.step += 1
    third, _ = log_in(staff, code_at(secret, totp_clock.step))
    assert logged_in(third, staff)


def test_an_older_code_is_refused_once_a_newer_one_was_used(totp_clock, monkeypatch):
    # With a tolerance window (MFA_TOTP_TOLERANCE), the code of the step before is valid too;
    # once the newer code was accepted, the older one (read off the screen earlier) is not.
    staff, secret = staff_with_totp()
    window = [totp_clock.step - 1, totp_clock.step, totp_clock.step + 1]
    monkeypatch.setattr(totp_auth, "yield_hotp_counters_from_time", lambda: iter(window))
    first, _ = log_in(staff, code_at(secret, totp_clock.step))
    assert logged_in(first, staff)
    forget_cache()
    second, _ = log_in(staff, code_at(secret, totp_clock.step - 1))
    assert not logged_in(second, staff)


def test_login_code_is_refused_for_reauthentication_in_the_same_step(totp_clock):
    staff, secret = staff_with_totp()
    code = code_at(secret, totp_clock.step)
    client, _ = log_in(staff, code)
    assert logged_in(client, staff)
    forget_cache()
    response = client.post(reverse("mfa_reauthenticate"), {"code": code})
    assert response.status_code == 200
    assert "already been used" in response.content.decode()
    totp_clock.step += 1
    response = client.post(
        reverse("mfa_reauthenticate"), {"code": code_at(secret, totp_clock.step)}
    )
    assert response.status_code == 302


def test_recovery_code_works_once(totp_clock):
    staff, secret = staff_with_totp()
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(staff).get_unused_codes()
    client, _ = log_in(staff, codes[0])
    assert logged_in(client, staff)
    again, response = log_in(staff, codes[0])
    assert not logged_in(again, staff)
    assert (
        codes[0]
        not in Authenticator.objects.get(user=staff, type="recovery_codes")
        .wrap()
        .get_unused_codes()
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share the database only on PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_logins_racing_with_one_code_let_one_in():
    from accounts.services import totp_step_claim

    staff = StaffFactory(is_superuser=True)
    results = []
    barrier = threading.Barrier(4)

    def claim():
        barrier.wait()
        try:
            results.append(totp_step_claim(user_id=staff.pk, step=STEP))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
