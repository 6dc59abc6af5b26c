"""Optional expiry per course: the date on the certificate, a reminder 30 days before (once),
and "expired" on the verification page afterwards."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.emails import expiry_reminders_send
from certificates.models import Certificate
from certificates.services import add_months
from tests.certificates.conftest import complete, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(course, learner, django_capture_on_commit_callbacks):
    course.certificate_valid_months = 12
    course.save_revision().publish()
    certificate = issue(complete(course, learner), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return certificate


def test_add_months_clamps_to_the_end_of_the_month():
    from datetime import date

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def test_expiry_is_printed_and_signed(expiring):
    assert expiring.expires_on == add_months(expiring.issued_on, 12)
    assert expiring.credential["validUntil"].startswith(expiring.expires_on.isoformat())


def test_reminder_goes_once_30_days_before(expiring):
    too_early = expiring.expires_on - timedelta(days=31)
    assert expiry_reminders_send(today=too_early) == 0
    assert mail.outbox == []
    due = expiring.expires_on - timedelta(days=30)
    assert expiry_reminders_send(today=due) == 1  # eager: the e-mail task ran
    (message,) = mail.outbox
    assert "expires soon" in message.subject
    assert reverse("certificates:verify", args=[expiring.code]) in message.body
    assert expiry_reminders_send(today=due + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert expiring.events.filter(action="expiry_reminded").count() == 1


def test_revoked_certificates_get_no_reminder(expiring):
    Certificate.objects.filter(pk=expiring.pk).update(
        status=Certificate.Status.REVOKED, revoked_reason="Fraud", revoked_at=timezone.now()
    )
    assert expiry_reminders_send(today=expiring.expires_on - timedelta(days=10)) == 0


def test_verify_page_says_expired_after_the_date(client, expiring):
    Certificate.objects.filter(pk=expiring.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    url = reverse("certificates:verify", args=[expiring.code])
    assert client.get(url, HTTP_ACCEPT="application/json").json()["status"] == "expired"
    assert "Expired" in client.get(url).content.decode()


def test_beat_runs_the_reminders_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["certificate-expiry-reminders"]
    assert entry["task"] == "certificates.send_expiry_reminders"


def test_an_expired_credential_verifies_as_expired(expiring):
    from certificates.credential import credential_sign, credential_unsigned
    from certificates.verification import credential_verify

    expiring.expires_on = timezone.localdate() - timedelta(days=2)
    result = credential_verify(credential_sign(credential_unsigned(expiring)))
    assert result.status == "expired" and result.checks["signature"]
