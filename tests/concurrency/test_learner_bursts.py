"""Two quick taps (or a replayed POST) on every learner action: no 5xx, one effect, and the same
answer for every tap. Runs on the SQLite file database (as `make run` serves it) and on
PostgreSQL, whichever the test settings point at.

Each test walks one person through their actions, a burst per action, so the database is set up
and flushed once per journey rather than once per action (a flush costs seconds on PostgreSQL).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent
from courses.models import LessonPage, QuizPage
from lms.models import (
    Completion,
    Enrolment,
    EnrolmentEvent,
    LessonProgress,
    QuizAttempt,
)
from tests.accounts.factories import StaffFactory, UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories
from tests.lms.test_journey import answer_form

pytestmark = pytest.mark.django_db(transaction=True)

Action = EnrolmentEvent.Action


def effects(replies) -> set[tuple[int, str]]:
    return {(reply.status, reply.location) for reply in replies}


def test_self_paced_learner(burst, site):
    """Enrol, mark the lesson complete, start the quiz, autosave, submit (two to
    five taps on "Submit for grading" gave a 500 on SQLite, "database is locked", although the
    attempt was graded once), leave, enrol again."""
    course = factories.small_course(site, modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    quiz = QuizPage.objects.descendant_of(course).get()
    learner = UserFactory()
    continue_url = reverse("lms_continue", args=[course.pk])

    replies = burst(reverse("lms_enrol", args=[course.pk]), user=learner, n=8)
    assert effects(replies) == {(302, continue_url)}
    enrolment = Enrolment.objects.get(learner=learner)
    assert EnrolmentEvent.objects.filter(enrolment=enrolment).count() == 1

    replies = burst(reverse("lms_lesson_complete", args=[lesson.pk]), user=learner, n=8)
    assert effects(replies) == {(302, continue_url)}
    assert LessonProgress.objects.filter(learner=learner).count() == 1

    replies = burst(reverse("lms_quiz_start", args=[quiz.pk]), user=learner, n=6)
    attempt = QuizAttempt.objects.get(learner=learner)
    assert effects(replies) == {(302, reverse("lms_attempt", args=[attempt.public_id]))}

    true_false = next(q for q in quiz.question_pool() if q.block_type == "true_false")
    replies = burst(
        reverse("lms_autosave", args=[attempt.public_id]),
        user=learner,
        n=8,
        json_body={"answers": {true_false.id: "true"}},
    )
    assert {(reply.status, json.loads(reply.body)["saved"]) for reply in replies} == {(200, 1)}
    attempt.refresh_from_db()
    assert attempt.answers == {true_false.id: "true"} and attempt.is_open

    replies = burst(
        reverse("lms_attempt", args=[attempt.public_id]),
        user=learner,
        n=5,
        form=answer_form(attempt, quiz, right=True),
    )
    result_url = reverse("lms_attempt_result", args=[attempt.public_id])
    assert effects(replies) == {(302, result_url)}
    # One tap graded it; every other one waited for it and was shown that result.
    already = "This attempt was already submitted; here is its result."
    assert sorted(reply.messages() for reply in replies) == [[]] + [[already]] * 4
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED and attempt.passed
    assert QuizAttempt.objects.filter(learner=learner).count() == 1
    # Passing the quiz completed the course: once, with one certificate.
    assert Completion.objects.filter(enrolment=enrolment).count() == 1
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, action=Action.COMPLETED).count() == 1
    assert Certificate.objects.filter(learner=learner).count() == 1
    client = Client()
    client.force_login(learner)
    assert client.get(result_url).status_code == 200

    replies = burst(reverse("lms_withdraw", args=[course.pk]), user=learner, n=6)
    assert effects(replies) == {(302, course.url)}
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, action=Action.WITHDREW).count() == 1

    replies = burst(reverse("lms_enrol", args=[course.pk]), user=learner, n=6)
    assert effects(replies) == {(302, continue_url)}
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED  # the completion is kept
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, action=Action.REJOINED).count() == 1
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_graduate_sends_a_storefront_application_and_staff_revoke_the_certificate(
    burst, graduate, draft
):
    from marketplace_link.models import ApplicationEvent

    replies = burst(reverse("marketplace_link:apply_submit"), user=graduate, n=5)
    assert effects(replies) == {(302, reverse("marketplace_link:apply"))}
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert ApplicationEvent.objects.filter(application=draft, action="submitted").count() == 1

    staff = StaffFactory(is_superuser=True)
    log_in_with_mfa(Client(), staff)  # the admin's MFA policy: staff have TOTP set up
    certificate = graduate.certificate
    replies = burst(
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        user=staff,
        n=4,
        form={"revoke-reason": "Exam fraud proven"},
    )
    assert effects(replies) == {(302, reverse("certificates_admin:detail", args=[certificate.pk]))}
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert CertificateEvent.objects.filter(certificate=certificate, action="revoked").count() == 1
