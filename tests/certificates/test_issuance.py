"""Issuing: once per completion, pending → issued, the PDF and credential stored, e-mailed."""

import hashlib
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from certificates.models import Certificate, CertificateEvent
from certificates.services import (
    certificate_issue,
    certificate_issue_for_completion,
    certificate_prepare,
)
from tests.accounts.factories import UserFactory
from tests.certificates.conftest import complete, issue

pytestmark = pytest.mark.django_db


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.real_pdf  # reads the learner's name, the course and the code back
def test_issue_stores_pdf_hash_credential_and_emails_the_learner(issued, learner, course):
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.ISSUED
    assert issued.name == "Éric Ngabo Uwimana"
    assert issued.course_title == "Selling coffee online"
    assert issued.hours == 12
    assert len(issued.code) >= 22 and str(issued.pk) != issued.code
    with issued.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == issued.pdf_sha256
    text = pdf_text(issued)
    assert "Éric Ngabo Uwimana" in text and "Selling coffee online" in text
    assert issued.code in text.replace("\n", "").replace(" ", "")
    assert issued.credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert issued.credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert [e.action for e in issued.events.all()] == ["created", "issued", "emailed"]
    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert issued.code in message.body
    (attachment,) = message.attachments
    assert attachment[2] == "application/pdf" and attachment[1].startswith(b"%PDF")


def test_issuing_twice_is_a_no_op(issued, completion):
    again = certificate_issue_for_completion(completion_id=completion.pk)
    assert again.pk == issued.pk
    assert certificate_issue(certificate_id=issued.pk).pk == issued.pk
    assert Certificate.objects.count() == 1
    assert len(mail.outbox) == 1
    assert issued.events.filter(action="issued").count() == 1


def test_a_redelivery_after_a_lost_email_enqueue_sends_the_email(
    issued, django_capture_on_commit_callbacks
):
    # The worker died between the issuing commit and the e-mail's enqueue: issued, never e-mailed.
    Certificate.objects.filter(pk=issued.pk).update(emailed_at=None)
    issued.events.filter(action="emailed").delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(certificate_id=issued.pk)  # the issuing task, redelivered
    issued.refresh_from_db()
    assert issued.emailed_at is not None
    assert len(mail.outbox) == 1
    assert issued.events.filter(action="issued").count() == 1
    assert issued.events.filter(action="emailed").count() == 1


def test_completing_a_course_issues_through_the_event(
    course, learner, django_capture_on_commit_callbacks
):
    """The real chain: completion_evaluate → lms's course_completed signal, on commit → our
    receiver → the issuing task (eager)."""
    from lms.services import enrolment_create, lesson_complete
    from tests.courses import factories

    module = factories.module(course, "Only module")
    lesson = factories.lesson(module, "Only lesson")
    enrolment = enrolment_create(learner=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(learner=learner, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    certificate = Certificate.objects.get(learner=learner, course=course)
    assert certificate.status == Certificate.Status.ISSUED
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_valid_certificate(issued):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            learner=issued.learner, course=issued.course, name="x", course_title="x"
        )


def test_a_course_without_certificates_issues_none(completion, course):
    course.issues_certificate = False
    course.save_revision().publish()
    assert certificate_prepare(completion_id=completion.pk) is None
    assert not Certificate.objects.exists()


def test_unknown_completion_is_ignored(db):
    assert certificate_prepare(completion_id=987654) is None


def test_expiry_sets_valid_until(course, learner):
    course.certificate_valid_months = 24
    course.save_revision().publish()
    certificate = certificate_issue_for_completion(completion_id=complete(course, learner).pk)
    assert certificate.expires_on.year == certificate.issued_on.year + 2
    assert "validUntil" in certificate.credential


def test_failures_are_counted_and_the_certificate_parked(
    completion, settings, django_capture_on_commit_callbacks
):
    settings.ISOKO_CERTIFICATE_RENDERER = "tests.certificates.faults.broken_renderer"
    settings.ISOKO_CERTIFICATE_MAX_ATTEMPTS = 3
    pending = certificate_prepare(completion_id=completion.pk)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            certificate_issue(certificate_id=pending.pk)
    # The fourth delivery parks it instead of trying again.
    certificate_issue(certificate_id=pending.pk)
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.PENDING
    assert pending.parked_at is not None and pending.attempts == 3
    assert "RuntimeError: the renderer is broken" in pending.last_error
    actions = list(pending.events.values_list("action", flat=True))
    assert actions.count("failed") == 3 and actions[-1] == "parked"
    # Later deliveries do nothing; staff retry gives it a fresh start.
    certificate_issue(certificate_id=pending.pk)
    pending.refresh_from_db()
    assert pending.attempts == 3
    settings.ISOKO_CERTIFICATE_RENDERER = "certificates.pdf.render_pdf"
    from certificates.services import certificate_retry

    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_retry(certificate=pending, actor=staff)
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.ISSUED
    assert pending.events.filter(action="retried", actor=staff).exists()


def test_learner_gets_the_email_in_their_language(
    completion, learner, django_capture_on_commit_callbacks
):
    learner.profile.preferred_language = "fr"
    learner.profile.save()
    issue(completion, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Félicitations" in message.body


def test_the_completion_receiver_only_enqueues_the_issuing_task(
    completion, django_capture_on_commit_callbacks
):
    from lms.api import course_completed

    with django_capture_on_commit_callbacks(execute=False) as queued:
        course_completed.send(sender=type(completion), completion_id=completion.pk)
    assert not Certificate.objects.exists()  # nothing issued inside the sender's request
    (task,) = queued  # enqueued after commit
    assert task.func.__self__.name == "certificates.issue_for_completion"
    assert task.args == (completion.pk,)
    task()
    assert Certificate.objects.get(completion=completion).status == Certificate.Status.ISSUED


def test_name_snapshot_survives_profile_edits(issued, learner):
    learner.profile.full_name = "Someone Else"
    learner.profile.save()
    issued.refresh_from_db()
    assert issued.name == "Éric Ngabo Uwimana"
    assert CertificateEvent.objects.filter(certificate=issued).exists()
