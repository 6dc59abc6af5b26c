"""Completion: the rule, the single event, and edits that never take completion back."""

import pytest
from django.db import transaction

from core.learner_cache import is_generation_bump  # the dashboard's generation, bumped on commit
from courses.models import LessonPage, QuizPage
from lms.models import Completion, Enrolment
from lms.services import (
    completion_evaluate,
    enrolment_create,
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.signals import course_completed
from tests.courses import factories
from tests.lms.test_journey import answer_form

pytestmark = pytest.mark.django_db


def pass_quiz(learner, quiz):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    answers = {}
    form = answer_form(attempt, quiz, right=True)
    from django.http import QueryDict

    from lms.views import answers_from_form

    query = QueryDict(mutable=True)
    for key, value in form.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    answers = answers_from_form(query, attempt)
    return quiz_attempt_submit(learner=learner, attempt_id=attempt.public_id, answers=answers)[0]


def test_complete_when_required_lessons_and_quizzes_are_done(
    learner, course, django_capture_on_commit_callbacks
):
    enrolment = enrolment_create(learner=learner, course=course)
    lessons = LessonPage.objects.descendant_of(course)
    quiz = QuizPage.objects.descendant_of(course).get()
    optional = lessons.last()
    optional.required_for_completion = False
    optional.save()
    for lesson in lessons.exclude(pk=optional.pk):
        lesson_complete(learner=learner, lesson=lesson)
    assert completion_evaluate(enrolment=enrolment) is None
    with django_capture_on_commit_callbacks() as callbacks:
        assert pass_quiz(learner, quiz).passed
    assert Completion.objects.filter(enrolment=enrolment).exists()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"
    assert len([c for c in callbacks if not is_generation_bump(c)]) == 1
    # Evaluating again (another lesson, a retake, a replay) emits nothing more.
    with django_capture_on_commit_callbacks() as callbacks:
        lesson_complete(learner=learner, lesson=optional)
        completion_evaluate(enrolment=enrolment)
        pass_quiz(learner, quiz)
    assert not [c for c in callbacks if not is_generation_bump(c)]
    assert Completion.objects.count() == 1


@pytest.fixture
def received():
    """What receivers of ``course_completed`` get, in order."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    course_completed.connect(receiver, dispatch_uid="tests.completion_probe")
    yield calls
    course_completed.disconnect(dispatch_uid="tests.completion_probe")


def complete_everything(learner, course):
    for lesson in LessonPage.objects.descendant_of(course):
        lesson_complete(learner=learner, lesson=lesson)
    pass_quiz(learner, QuizPage.objects.descendant_of(course).get())


def test_the_event_is_sent_after_commit_with_the_completion_id(
    learner, course, received, django_capture_on_commit_callbacks
):
    enrolment_create(learner=learner, course=course)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complete_everything(learner, course)
    completion = Completion.objects.get()
    assert received == []  # stored, not committed yet: nothing sent
    for callback in callbacks:
        callback()  # the commit
    assert received == [(Completion, {"signal": course_completed, "completion_id": completion.pk})]


def test_no_event_for_a_completion_that_rolled_back(
    learner, course, received, django_capture_on_commit_callbacks
):
    enrolment = enrolment_create(learner=learner, course=course)
    lessons = list(LessonPage.objects.descendant_of(course))
    for lesson in lessons[1:]:
        lesson_complete(learner=learner, lesson=lesson)
    pass_quiz(learner, QuizPage.objects.descendant_of(course).get())
    assert not Completion.objects.exists()

    class Failed(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Failed), transaction.atomic():
            lesson_complete(learner=learner, lesson=lessons[0])  # completes the course...
            assert Completion.objects.filter(enrolment=enrolment).exists()
            raise Failed  # ...in a transaction that rolls back
    assert not Completion.objects.exists()
    assert received == []


def test_later_content_edits_do_not_take_completion_back(learner, course):
    enrolment = enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        lesson_complete(learner=learner, lesson=lesson)
    pass_quiz(learner, QuizPage.objects.descendant_of(course).get())
    module = course.get_children().first()
    factories.lesson(module, "A new required lesson")
    assert completion_evaluate(enrolment=enrolment) is not None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"


def test_withdrawn_learners_do_not_complete(learner, course):
    from lms.services import enrolment_withdraw

    enrolment = enrolment_create(learner=learner, course=course)
    enrolment_withdraw(learner=learner, course=course)
    enrolment.refresh_from_db()
    assert completion_evaluate(enrolment=enrolment) is None
