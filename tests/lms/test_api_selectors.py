"""What lms.api answers for the apps downstream of it, instead of letting them query its tables."""

import pytest

from lms.api import completion_facts, completion_ids, course_progress
from lms.models import Enrolment
from lms.services import enrolment_create, enrolment_withdraw, lesson_complete
from tests.accounts.factories import UserFactory
from tests.certificates.conftest import complete
from tests.courses import factories

pytestmark = pytest.mark.django_db


def test_completion_facts(learner, course):
    completion = complete(course, learner)
    facts = completion_facts(completion_id=completion.pk)
    assert (facts.completion_id, facts.learner, facts.course_id, facts.cohort_id) == (
        completion.pk,
        learner,
        course.pk,
        None,
    )
    assert facts.completed_at == completion.completed_at
    assert completion_facts(completion_id=987654) is None


def test_completion_ids_of_a_learner_in_some_courses(learner, course):
    other = factories.course(course.get_parent(), "Another course")
    mine, elsewhere = complete(course, learner), complete(other, learner)
    complete(course, UserFactory())  # someone else's
    assert completion_ids(learner=learner, course_ids=[course.pk]) == [mine.pk]
    assert completion_ids(learner=learner, course_ids=[course.pk, other.pk]) == [
        mine.pk,
        elsewhere.pk,
    ]


def test_course_progress_leaves_withdrawn_enrolments_out(learner, course):
    other = factories.course(course.get_parent(), "Another course")
    lesson = factories.lesson(factories.module(other, "Only module"), "Only lesson")
    enrolment_create(learner=learner, course=course)
    enrolment_create(learner=learner, course=other)
    lesson_complete(learner=learner, lesson=lesson)
    (entry,) = course_progress(learner=learner, course_ids=[other.pk])
    assert entry.enrolment.course_id == other.pk and entry.percent == 100
    enrolment_withdraw(learner=learner, course=other)
    assert Enrolment.objects.filter(course=other, status="withdrawn").exists()
    assert course_progress(learner=learner, course_ids=[other.pk]) == []
    (entry,) = course_progress(learner=learner, course_ids=[course.pk, other.pk])
    assert entry.enrolment.course_id == course.pk and entry.percent == 0
