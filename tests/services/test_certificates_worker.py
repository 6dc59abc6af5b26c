"""Certificates issued by real Celery worker processes, through Redis, into PostgreSQL.

- issuance end to end, and a duplicate delivery of the "course completed" event;
- a worker SIGKILLed in the middle of a batch, then restarted: every certificate exactly once,
  every PDF matching its hash, no stray file;
- a poisoned certificate (a renderer that kills its process, or one that raises) is parked after
  exactly ISOKO_CERTIFICATE_MAX_ATTEMPTS deliveries, the queue goes quiet, and staff see it.

The workers are production-like (see ``start_worker``): the issuing task that the receiver of
lms's "course completed" event enqueues, its retries and the e-mail are each a message through
Redis. Their e-mail goes to the worker's own
in-memory outbox, which this process cannot see, so ``emailed_at`` and the EMAILED event are
what the tests read.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent
from certificates.tasks import issue_certificate_task
from lms.models import Completion
from lms.signals import course_completed
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.certificates.conftest import complete
from tests.courses import factories
from tests.services.helpers import broker_holds, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
Status = Certificate.Status
Action = CertificateEvent.Action
CRASHING = "tests.certificates.faults.crashing_renderer"
BROKEN = "tests.certificates.faults.broken_renderer"
# Short enough that the killed worker's messages come back within the test (see the kill test).
VISIBILITY_TIMEOUT = 5


@pytest.fixture
def course(site):
    from courses.models import CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Isoko standard",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
    )
    catalog = factories.catalog(site)
    return factories.course(
        catalog, "Selling coffee online", estimated_hours=12, certificate_template=template
    )


@pytest.fixture
def remove_pdfs(transactional_db):
    """Delete the PDFs the workers wrote for this test's certificates (private storage is shared
    by every test run)."""
    yield
    for certificate in Certificate.objects.exclude(pdf=""):
        for path in _files_for(certificate):
            path.unlink(missing_ok=True)


def graduates(course, count: int) -> list:
    return [
        complete(course, UserFactory(profile__full_name=f"Graduate {n} Nsengimana"))
        for n in range(count)
    ]


def _files_for(certificate: Certificate) -> list[Path]:
    """Every file under the certificate's storage folder whose name starts with its code: the
    PDF, and any copy a second save left beside it."""
    folder = Path(settings.PRIVATE_ROOT) / "certificates" / certificate.code[:2]
    return sorted(folder.glob(f"{certificate.code}*"))


def assert_pdf_sound(certificate: Certificate) -> None:
    with certificate.pdf.open("rb") as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
    stored = Path(settings.PRIVATE_ROOT) / certificate.pdf.name
    assert _files_for(certificate) == [stored], "a stray file beside the certificate's PDF"


def fail_with_logs(message: str, *workers) -> None:
    logs = "\n".join(f"--- worker {w.pid} ---\n{w.log()[-3000:]}" for w in workers)
    pytest.fail(f"{message}; the workers' logs:\n{logs}")


def succeeded(worker, task_name: str) -> int:
    """How many runs of `task_name` the worker logged as succeeded."""
    return len(re.findall(rf"Task {re.escape(task_name)}\[[^\]]+\] succeeded", worker.log()))


def completed(completion: Completion) -> None:
    """Send "course completed" as lms does once the completion commits (no transaction is open
    here, so the receiver's enqueue-on-commit goes to the broker at once)."""
    course_completed.send(sender=Completion, completion_id=completion.pk)


def events(certificate: Certificate, action: str) -> int:
    return CertificateEvent.objects.filter(certificate=certificate, action=action).count()


# ---------------------------------------------------------------------------------------------
# Issuance end to end, and a duplicate delivery
# ---------------------------------------------------------------------------------------------
def test_a_worker_issues_and_emails_the_certificate_once(start_worker, course, remove_pdfs):
    learner = UserFactory(email="eric@example.com", profile__full_name="Éric Ngabo Uwimana")
    completion = complete(course, learner)
    worker = start_worker()

    # The event as lms sends it after commit; its receiver enqueues the issuing task, through
    # Redis to the worker's process.
    completed(completion)
    done = wait_for(
        lambda: Certificate.objects.filter(
            completion=completion, status=Status.ISSUED, emailed_at__isnull=False
        ).exists(),
        timeout=60,
    )
    if not done:
        fail_with_logs("the worker did not issue and e-mail the certificate", worker)

    certificate = Certificate.objects.get(completion=completion)
    assert (certificate.learner, certificate.course_id) == (learner, course.pk)
    assert certificate.name == "Éric Ngabo Uwimana"
    assert certificate.issued_at and certificate.issued_on
    assert certificate.attempts == 1
    assert certificate.credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert_pdf_sound(certificate)
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1

    # The same event delivered again (a producer retry, a redelivery), and the issuing task for
    # this certificate run again: both find it issued and do nothing.
    completed(completion)
    issue_certificate_task.delay(certificate.pk)
    settled = wait_for(
        lambda: (
            succeeded(worker, "certificates.issue_for_completion") == 2
            and succeeded(worker, "certificates.issue") == 1
        ),
        timeout=30,
    )
    if not settled:
        fail_with_logs("the worker did not take the duplicate deliveries", worker)
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1
    again = Certificate.objects.get(pk=certificate.pk)
    assert (again.pdf_sha256, again.emailed_at, again.attempts) == (
        certificate.pdf_sha256,
        certificate.emailed_at,
        1,
    )
    trail = [Action.CREATED, Action.ISSUED, Action.EMAILED]
    assert [events(certificate, action) for action in trail] == [1, 1, 1]
    assert succeeded(worker, "certificates.send_certificate_email") == 1


# ---------------------------------------------------------------------------------------------
# A worker SIGKILLed mid-batch
# ---------------------------------------------------------------------------------------------
def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(start_worker, course, remove_pdfs):
    completions = graduates(course, 40)
    env = {"ISOKO_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    first = start_worker(env=env, pool="prefork", concurrency=2)
    for completion in completions:
        completed(completion)

    # Kill once some are issued and at least one is mid-render (its delivery counted, not yet
    # issued): rendering is most of a task's time, so the kill lands inside it.
    issued = Certificate.objects.filter(status=Status.ISSUED)
    rendering = Certificate.objects.filter(status=Status.PENDING, attempts__gt=0)
    if not wait_for(lambda: issued.count() >= 8 and rendering.exists(), timeout=60):
        fail_with_logs("the first worker issued too few certificates", first)
    first.kill()  # the parent and both pool children: nothing acknowledged
    killed_at = time.monotonic()
    at_kill, interrupted = issued.count(), list(rendering.values_list("pk", flat=True))
    assert at_kill < len(completions), "the batch finished before the kill: make it bigger"

    # Redis hands unacknowledged messages back once they are older than the visibility timeout;
    # a starting worker sweeps for them at once (kombu sweeps again only every ~100 s).
    time.sleep(max(0.0, killed_at + VISIBILITY_TIMEOUT + 1 - time.monotonic()))
    second = start_worker(env=env, pool="prefork", concurrency=2)
    everyone = Certificate.objects.filter(status=Status.ISSUED, emailed_at__isnull=False)
    if not wait_for(lambda: everyone.count() == len(completions), timeout=60):
        fail_with_logs(
            f"after the restart {everyone.count()} of {len(completions)} were issued and "
            f"e-mailed ({at_kill} issued and {len(interrupted)} mid-render at the kill)",
            first,
            second,
        )

    per_pair = Certificate.objects.values("learner", "course").annotate(n=Count("pk"))
    assert sorted(row["n"] for row in per_pair) == [1] * len(completions)
    assert not Certificate.objects.exclude(status=Status.ISSUED).exists()
    # The interrupted deliveries were redelivered, counted, and issued on the second try.
    assert all(Certificate.objects.get(pk=pk).attempts == 2 for pk in interrupted), (
        "a certificate caught mid-render was not redelivered exactly once"
    )
    for completion in completions:
        certificate = Certificate.objects.get(completion=completion)
        assert_pdf_sound(certificate)
        assert events(certificate, Action.ISSUED) == 1
        assert events(certificate, Action.EMAILED) == 1


# ---------------------------------------------------------------------------------------------
# A poisoned certificate is parked, the queue goes quiet, staff see it
# ---------------------------------------------------------------------------------------------
def parked_and_quiet(completion, worker) -> Certificate:
    parked = wait_for(
        lambda: Certificate.objects.filter(completion=completion, parked_at__isnull=False).exists(),
        timeout=60,
    )
    if not parked:
        fail_with_logs("the certificate was not parked", worker)
    certificate = Certificate.objects.get(completion=completion)
    trail = CertificateEvent.objects.filter(certificate=certificate).count()

    # No endless redelivery: once the broker holds no message of this queue, waiting or
    # unacknowledged (twice, half a second apart: a message moves from the list to the unacked
    # hash in two steps), nothing more can happen to it.
    def drained() -> bool:
        return not broker_holds(worker.queue)

    if not wait_for(lambda: drained() and (time.sleep(0.5) or drained()), timeout=30):
        fail_with_logs("the queue did not go quiet", worker)
    quiet = Certificate.objects.get(pk=certificate.pk)
    assert (quiet.attempts, quiet.parked_at) == (certificate.attempts, certificate.parked_at)
    assert CertificateEvent.objects.filter(certificate=certificate).count() == trail
    assert worker.process.poll() is None, "the worker's parent process died"
    assert certificate.status == Status.PENDING and not certificate.pdf
    assert certificate.attempts == settings.ISOKO_CERTIFICATE_MAX_ATTEMPTS
    assert events(certificate, Action.PARKED) == 1
    return certificate


def staff_client() -> Client:
    """A superuser with TOTP set up, as the admin's MFA policy requires."""
    user = UserFactory(email="registrar@example.com", is_staff=True, is_superuser=True)
    return log_in_with_mfa(Client(), user)


def assert_staff_see_it(certificate: Certificate) -> None:
    client = staff_client()
    response = client.get(reverse("certificates_admin:index"), {"attention": "on"})
    assert response.status_code == 200
    # The list is Wagtail's generic one: its rows are the page's object_list.
    assert [c.pk for c in response.context["object_list"]] == [certificate.pk]
    assert "1 certificate is parked after repeated failures." in response.content.decode()
    detail = client.get(reverse("certificates_admin:detail", args=[certificate.pk]))
    assert detail.status_code == 200
    assert "Parked after repeated failures" in detail.content.decode()


def test_a_renderer_that_kills_its_worker_is_parked(start_worker, course):
    """The pool child dies in each delivery; the parent survives and Celery redelivers the
    message (reject_on_worker_lost). The delivery count, committed before rendering, parks it."""
    completion = complete(course, UserFactory(profile__full_name="Poison Pill"))
    worker = start_worker(
        env={"ISOKO_CERTIFICATE_RENDERER": CRASHING}, pool="prefork", concurrency=1
    )
    completed(completion)

    certificate = parked_and_quiet(completion, worker)
    log, most = worker.log(), settings.ISOKO_CERTIFICATE_MAX_ATTEMPTS
    # `most` deliveries each lost their pool child; one more found the count spent and parked.
    assert log.count("exited with 'signal 9 (SIGKILL)'") == most
    assert (
        len(re.findall(r"Task certificates\.issue_for_completion\[\S+\] received", log)) == most + 1
    )
    assert Certificate.objects.filter(completion=completion).count() == 1
    # Nothing raised, so the reason staff see says the worker was lost each time.
    assert "the worker was lost each time" in certificate.last_error
    assert_staff_see_it(certificate)


def test_a_renderer_that_keeps_raising_is_parked(start_worker, course):
    """Each failure is recorded and retried with backoff (shortened here); the delivery after the
    last allowed one parks the certificate instead of rendering."""
    completion = complete(course, UserFactory(profile__full_name="Broken Renderer"))
    worker = start_worker(
        env={"ISOKO_CERTIFICATE_RENDERER": BROKEN, "ISOKO_CERTIFICATE_RETRY_DELAY": "0.05"}
    )
    completed(completion)

    certificate = parked_and_quiet(completion, worker)
    assert events(certificate, Action.FAILED) == settings.ISOKO_CERTIFICATE_MAX_ATTEMPTS
    assert certificate.last_error == "RuntimeError: the renderer is broken"
    parked = CertificateEvent.objects.get(certificate=certificate, action=Action.PARKED)
    assert parked.reason == certificate.last_error
    assert_staff_see_it(certificate)
