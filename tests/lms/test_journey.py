"""The whole self-paced journey through the test client: enrol, read, quiz, complete."""

import pytest
from django.urls import reverse

from core import learner_cache
from courses.models import LessonPage, QuizPage
from lms.models import Completion, Enrolment, LessonProgress, QuizAttempt
from lms.signals import course_completed

pytestmark = pytest.mark.django_db


def answer_form(attempt, quiz, right: bool) -> dict:
    """Form data answering every frozen question right (or wrong)."""
    pool = {q.id: q for q in quiz.question_pool()}
    data = {"action": "submit"}
    for entry in attempt.questions:
        question = pool[entry["id"]]
        value, kind, qid = question.value, question.block_type, entry["id"]
        if kind in {"single_choice", "multiple_choice"}:
            options = value["options"].bound_blocks
            chosen = [o.id for o in options if o.value["is_correct"] == right]
            data[qid] = chosen if kind == "multiple_choice" else chosen[0]
            if kind == "multiple_choice":
                data[f"{qid}__many"] = "1"
        elif kind == "true_false":
            data[qid] = (
                value["correct_answer"]
                if right
                else ("false" if value["correct_answer"] == "true" else "true")
            )
        elif kind == "numeric":
            data[qid] = str(value["answer"]) if right else "-1"
        elif kind == "short_text":
            data[qid] = value["accepted_answers"][1] if right else "nope"
        elif kind == "ordering":
            items = [item.id for item in value["items"].bound_blocks]
            order = items if right else list(reversed(items))
            for position, item in enumerate(order, 1):
                data[f"{qid}:{item}"] = str(position)
    return data


def test_full_journey(learner_client, learner, course, django_capture_on_commit_callbacks):
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    quiz = QuizPage.objects.descendant_of(course).get()
    # The outline is public; a locked lesson invites enrolment.
    assert learner_client.get(course.url).status_code == 200
    assert learner_client.get(lessons[1].url).status_code == 403
    assert learner_client.get(lessons[0].url).status_code == 200  # free preview

    response = learner_client.post(reverse("lms_enrol", args=[course.pk]))
    assert response.status_code == 302
    assert learner_client.post(reverse("lms_enrol", args=[course.pk])).status_code == 302
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert learner_client.get(lessons[1].url).status_code == 200

    for lesson in lessons:
        response = learner_client.post(reverse("lms_lesson_complete", args=[lesson.pk]))
        assert response.status_code == 302
    assert LessonProgress.objects.filter(learner=learner).count() == 3
    assert not Completion.objects.exists()  # the quiz is still to pass

    response = learner_client.post(reverse("lms_quiz_start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == reverse("lms_attempt", args=[attempt.public_id])
    html = learner_client.get(response["Location"]).content.decode()
    assert "Who registers businesses?" in html and "KEYFEEDBACK" not in html
    response = learner_client.post(response["Location"], answer_form(attempt, quiz, right=False))
    attempt.refresh_from_db()
    # Reversing three items leaves the middle one in place: 1/3 of one question of six.
    assert attempt.status == "submitted" and not attempt.passed and float(attempt.score) == 5.56

    learner_client.post(reverse("lms_quiz_start", args=[quiz.pk]))
    second = QuizAttempt.objects.get(status="open")
    assert second.number == 2
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        learner_client.post(
            reverse("lms_attempt", args=[second.public_id]), answer_form(second, quiz, right=True)
        )
    second.refresh_from_db()
    assert second.passed and second.score == 100
    completion = Completion.objects.get()
    assert completion.enrolment.status == "completed"
    # Exactly one "course completed" event, sent on commit; its receiver enqueued the issuing
    # task, which (run eagerly) issued the certificate, whose e-mail is the last callback.
    # (The dashboard's per-learner generation is bumped on commit too: core.learner_cache.)
    callbacks = [c for c in callbacks if getattr(c, "func", None) is not learner_cache._bump]
    event, *tasks = callbacks
    assert event.func == course_completed.send
    assert event.keywords == {"sender": Completion, "completion_id": completion.pk}
    names = [callback.func.__self__.name for callback in tasks]
    assert names == ["certificates.issue_for_completion", "certificates.send_certificate_email"]

    result = learner_client.get(reverse("lms_attempt_result", args=[second.public_id]))
    assert "100%" in result.content.decode()
    dashboard = learner_client.get(reverse("dashboard")).content.decode()
    assert "Completed courses" in dashboard and "Selling coffee online" in dashboard
