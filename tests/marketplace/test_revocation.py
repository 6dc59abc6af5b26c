"""Revocation follows through: reissued certificates, the suspension e-mail sent once, the
reasons in the right languages, and the side effect run as a task, not inside staff's request.
Against the real sandbox (a subprocess), as in test_provisioning.py.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone, translation

from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke
from marketplace_link.client import MarketplaceClient
from marketplace_link.models import OutboxMessage, Storefront
from marketplace_link.outbox import storefront_suspend
from marketplace_link.storefront.revocation import (
    on_certificate_revoked,
    revocations_follow_through,
    suspension_email_send,
)
from marketplace_link.tasks import suspend_for_certificate_task
from tests.accounts.factories import StaffFactory
from tests.marketplace import provisioning_fixtures
from tests.marketplace.provisioning_fixtures import approved, closed_port_url, deliver, provision

marketplace = provisioning_fixtures.marketplace
qualifying_course = provisioning_fixtures.qualifying_course
sandbox_process = provisioning_fixtures.sandbox_process

pytestmark = pytest.mark.django_db
Status = Storefront.Status


@pytest.fixture
def live(qualifying_course, marketplace):
    """A provisioned storefront whose seller reads Swahili."""
    application = approved(qualifying_course, language="sw")
    storefront = provision(application)
    assert deliver(storefront.outbox.get()) == "done"
    mail.outbox.clear()
    return storefront


def revoke(certificate, capture) -> None:
    with capture(execute=True):
        certificate_revoke(certificate=certificate, actor=StaffFactory(), reason="Fraud")


def test_revoking_a_reissued_certificate_suspends_the_store(
    live, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    new = certificate_reissue(
        certificate=live.application.certificate, actor=staff, reason="Typo", name="Aline U."
    )
    # Issued (the issuing task renders the PDF; these tests write certificates directly).
    Certificate.objects.filter(pk=new.pk).update(
        status=Certificate.Status.ISSUED, issued_at=timezone.now(), pdf_sha256="0" * 64
    )
    new.refresh_from_db()

    revoke(new, django_capture_on_commit_callbacks)

    live.refresh_from_db()
    assert live.status == Status.SUSPENDED
    assert new.code in live.status_reason
    assert live.outbox.get(kind=OutboxMessage.Kind.SUSPEND).status == OutboxMessage.Status.DONE
    assert len(mail.outbox) == 1


def test_the_reasons_are_in_the_sellers_language_and_in_english_for_the_marketplace(
    live, django_capture_on_commit_callbacks
):
    certificate = live.application.certificate
    with translation.override("zh-hans"):  # the revoking staff member's admin language
        revoke(certificate, django_capture_on_commit_callbacks)

    live.refresh_from_db()
    assert live.status_reason == f"Cheti {certificate.code} kilichompa sifa kimebatilishwa. Fraud"
    remote = MarketplaceClient.from_settings().store_find(str(live.application.public_id))
    assert remote["status_reason"] == f"The qualifying certificate {certificate.code} was revoked."
    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "sw"


def test_the_receiver_only_enqueues_the_suspension(live, django_capture_on_commit_callbacks):
    certificate = live.application.certificate
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED, revoked_reason="Fraud"
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        on_certificate_revoked(sender=Certificate, certificate_id=certificate.pk)
    live.refresh_from_db()
    assert live.status != Status.SUSPENDED  # not in the receiver
    assert len(queued) == 1  # the task, after commit: it retries what fails
    assert suspend_for_certificate_task.acks_late
    assert Exception in suspend_for_certificate_task.autoretry_for

    queued[0]()
    live.refresh_from_db()
    assert live.status == Status.SUSPENDED


def test_a_revocation_whose_task_was_lost_is_followed_through_by_the_sweep(
    live, django_capture_on_commit_callbacks, settings
):
    certificate = live.application.certificate
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down: task lost
        certificate_revoke(certificate=certificate, actor=StaffFactory(), reason="Fraud")
    live.refresh_from_db()
    assert live.status != Status.SUSPENDED

    with django_capture_on_commit_callbacks(execute=True):
        assert revocations_follow_through() == 1
        assert revocations_follow_through() == 0  # idempotent: already suspended
    live.refresh_from_db()
    assert live.status == Status.SUSPENDED and len(mail.outbox) == 1
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "marketplace_link.sweep_revocations" in tasks


def test_the_suspension_email_is_sent_once(live, settings, django_capture_on_commit_callbacks):
    revoke(live.application.certificate, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    # A redelivered task, a duplicate: nothing more.
    assert suspension_email_send(storefront_id=live.pk, reason="Fraud") is False
    assert len(mail.outbox) == 1
    # Suspended again (already suspended): nothing changes, nothing is queued.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert storefront_suspend(live, reason="again") is False
    assert queued == []


def test_a_failed_suspension_email_is_sent_by_the_retry(live, settings):
    assert storefront_suspend(live, reason="Fraud")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", int(closed_port_url().rsplit(":")[-1])
    with pytest.raises(OSError):
        suspension_email_send(storefront_id=live.pk, reason="Fraud")
    live.refresh_from_db()
    assert live.suspension_notified_at is None, "the failed send released its claim"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert suspension_email_send(storefront_id=live.pk, reason="Fraud") is True
    assert len(mail.outbox) == 1
    live.refresh_from_db()
    assert live.suspension_notified_at is not None
