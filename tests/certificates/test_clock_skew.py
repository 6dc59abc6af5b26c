"""Verifiers whose clock is a little behind ours (or who read it before fetching) must accept
every document we sign: the status list re-signed right after a revocation, and a certificate's
credential right after it is issued. The tolerance is credential.CLOCK_SKEW_TOLERANCE."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.credential import CLOCK_SKEW_TOLERANCE
from certificates.services import certificate_revoke
from certificates.verification import credential_verify, parse_time
from tests.accounts.factories import UserFactory
from tests.certificates.conftest import complete, issue

pytestmark = pytest.mark.django_db

BEHIND = timedelta(seconds=5)


@pytest.fixture(autouse=True)
def fast_renderer(settings):
    settings.ISOKO_CERTIFICATE_RENDERER = "tests.certificates.renderers.tiny_pdf"


@pytest.fixture
def two_certificates(course, completion, django_capture_on_commit_callbacks):
    first = issue(completion, django_capture_on_commit_callbacks)
    other = complete(course, UserFactory(profile__full_name="Aline Uwase"))
    return first, issue(other, django_capture_on_commit_callbacks)


def test_a_verifier_behind_accepts_the_status_list_signed_right_after_a_revocation(
    client, two_certificates
):
    kept, revoked = two_certificates
    clock = timezone.now() - BEHIND  # the verifier reads its clock, then fetches
    certificate_revoke(certificate=revoked, actor=None, reason="Exam fraud")
    document = client.get(reverse("certificates:status_list", args=[0])).json()
    result = credential_verify(kept.credential, now=clock)
    assert result.status == "valid", result.errors
    assert parse_time(document["validFrom"]) <= clock
    assert credential_verify(revoked.credential, now=clock).status == "revoked"


def test_a_verifier_behind_accepts_a_credential_issued_a_moment_ago(two_certificates):
    fresh, _ = two_certificates
    result = credential_verify(fresh.credential, now=timezone.now() - BEHIND)
    assert result.status == "valid", result.errors


def test_the_tolerance_is_a_few_minutes_and_no_more(two_certificates):
    """Beyond the documented tolerance the answer is still "not yet valid", as it should be."""
    fresh, _ = two_certificates
    assert timedelta(minutes=1) <= CLOCK_SKEW_TOLERANCE <= timedelta(minutes=10)
    too_early = fresh.issued_at - CLOCK_SKEW_TOLERANCE - timedelta(seconds=1)
    result = credential_verify(fresh.credential, now=too_early)
    assert result.status != "valid"


def test_the_command_takes_the_verifiers_clock(tmp_path, two_certificates, capsys):
    import json

    from django.core.management import call_command

    fresh, _ = two_certificates
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(fresh.credential))
    behind = (timezone.now() - BEHIND).isoformat()
    call_command("verify_credential", str(path), "--now", behind)
    assert "status: valid" in capsys.readouterr().out
