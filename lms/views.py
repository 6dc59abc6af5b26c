"""Learner actions. Each view checks who is asking, calls one service, and renders or redirects;
LmsError becomes a message (HTML) or a JSON error with its status, in one place (_refused)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import wants_json
from courses.api import CoursePage, FeedbackPolicy, LessonPage, QuizPage, course_of
from lms.errors import LmsError
from lms.models import QuizAttempt
from lms.offline_steps import queued_lesson, step_key_and_time
from lms.rate_limits import learner_rate_limited
from lms.selectors import enrolment_for, learner_progress
from lms.services import (
    enrolment_create,
    enrolment_withdraw,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.services.attempts import attempt_questions
from lms.services.replay import lesson_complete_once

MAX_PAYLOAD_BYTES = 64 * 1024


def _refused(request, error: LmsError, fallback_url: str):
    if wants_json(request):
        return JsonResponse({"error": str(error.message), "code": error.code}, status=error.status)
    if error.status == 404:
        raise Http404(str(error.message))
    messages.error(request, error.message)
    return HttpResponseRedirect(fallback_url)


def _live(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


@require_http_methods(["GET", "POST"])
@learner_rate_limited("enrol")
def enrol(request, course_id: int):
    course = _live(CoursePage, course_id)
    if request.method == "GET" or not request.user.is_authenticated:
        # GET is where the login page sends the learner back: show the course, button and all.
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={course.url}%23enrol")
        return redirect(course.url)
    try:
        enrolment_create(learner=request.user, course=course)
    except LmsError as error:
        return _refused(request, error, course.url)
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect("lms_continue", course_id=course.pk)


def _login_url() -> str:
    from django.urls import reverse

    return reverse("account_login")


@login_required
@require_POST
def withdraw(request, course_id: int):
    course = _live(CoursePage, course_id)
    enrolment_withdraw(learner=request.user, course=course)
    messages.info(request, _("You left the course. Your progress is kept if you come back."))
    return redirect(course.url)


@login_required
@require_GET
def continue_course(request, course_id: int):
    course = _live(CoursePage, course_id)
    enrolment = enrolment_for(learner=request.user, course=course)
    if enrolment is None:
        return redirect(course.url)
    progress = learner_progress(learner=request.user, enrolments=[enrolment])[0]
    next_id = progress.next_item_id
    if next_id is None:
        return redirect(course.url)
    item = get_object_or_404(course.get_descendants().live().specific(), pk=next_id)
    return redirect(item.url)


@login_required
@require_POST
@learner_rate_limited("progress")
def complete_lesson(request, lesson_id: int):
    """Mark a lesson complete: the lesson page's form, or a step queued on the learner's phone
    (static/js/offline/queue.js) sent again with its ``Idempotency-Key`` and ``occurred_at``
    (lms/offline_steps.py reads them; lms/services/replay.py records the step once)."""
    try:
        key, occurred_at = step_key_and_time(request)
        lesson = queued_lesson(request, lesson_id)
        outcome = lesson_complete_once(
            learner=request.user, lesson=lesson, key=key, occurred_at=occurred_at
        )
    except LmsError as error:
        lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
        if lesson is None and not wants_json(request):
            raise Http404(str(error.message)) from error
        return _refused(request, error, lesson.url if lesson else "/")
    if wants_json(request):
        return JsonResponse(outcome.as_json())
    return redirect("lms_continue", course_id=course_of(lesson).pk)


@login_required
@require_POST
@learner_rate_limited("start")
def start_quiz(request, quiz_id: int):
    quiz = _live(QuizPage, quiz_id)
    try:
        attempt = quiz_attempt_start(learner=request.user, quiz=quiz)
    except LmsError as error:
        return _refused(request, error, quiz.url)
    return redirect("lms_attempt", attempt_id=attempt.public_id)


def answers_from_form(post, attempt: QuizAttempt) -> dict:
    """Read an attempt form: one field per question; ordering items are numbered ``qid:item``."""
    answers: dict = {}
    for entry in attempt.questions:
        qid = entry["id"]
        values = post.getlist(qid)
        positions = {}
        for item_id in entry["options"]:
            raw = post.get(f"{qid}:{item_id}", "").strip()
            if raw:
                positions[item_id] = raw
        if positions:
            try:
                ranked = sorted(positions, key=lambda item: int(positions[item]))
            except ValueError as error:
                raise LmsError(_("Number each item with 1, 2, 3…"), "malformed") from error
            answers[qid] = ranked if len(ranked) == len(entry["options"]) else None
        elif len(values) > 1 or (values and post.get(f"{qid}__many")):
            answers[qid] = values
        elif values:
            answers[qid] = values[0]
    return answers


def _own_attempt(request, attempt_id) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("quiz", "course"),
        public_id=attempt_id,
        learner=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
@learner_rate_limited("submit")
def attempt_page(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if request.method == "POST":
        try:
            answers = answers_from_form(request.POST, attempt)
            if request.POST.get("action") == "save":
                quiz_attempt_save(
                    learner=request.user, attempt_id=attempt.public_id, answers=answers
                )
                messages.success(request, _("Your answers are saved."))
                return redirect("lms_attempt", attempt_id=attempt.public_id)
            attempt, notice = quiz_attempt_submit(
                learner=request.user, attempt_id=attempt.public_id, answers=answers
            )
        except LmsError as error:
            return _refused(request, error, request.path)
        if notice:
            messages.warning(request, notice)
        return redirect("lms_attempt_result", attempt_id=attempt.public_id)
    if not attempt.is_open:
        return redirect("lms_attempt_result", attempt_id=attempt.public_id)
    seconds_left = time_left = None
    if attempt.deadline:
        seconds_left = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
        time_left = f"{seconds_left // 60}:{seconds_left % 60:02d}"
    return render(
        request,
        "lms/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "course": attempt.course,
            "questions": attempt_questions(attempt),
            "saved": attempt.answers,
            "seconds_left": seconds_left,
            "time_left": time_left,
        },
    )


@login_required
@require_POST
@learner_rate_limited("autosave")
def attempt_autosave(request, attempt_id):
    """JSON autosave from quiz.js: {"answers": {question id: answer}}. Idempotent."""
    if len(request.body) > MAX_PAYLOAD_BYTES:
        return JsonResponse({"error": _("Too much data."), "code": "too_large"}, status=413)
    try:
        payload = json.loads(request.body or b"null")
        if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
            raise ValueError("answers must be an object")
    except ValueError:
        return JsonResponse(
            {"error": _("The answers could not be read. Nothing was saved."), "code": "malformed"},
            status=400,
        )
    try:
        attempt = quiz_attempt_save(
            learner=request.user, attempt_id=attempt_id, answers=payload["answers"]
        )
    except LmsError as error:
        return JsonResponse({"error": str(error.message), "code": error.code}, status=error.status)
    return JsonResponse({"saved": len(attempt.answers)})


def feedback_visible(attempt: QuizAttempt, attempts_used: int) -> bool:
    policy = attempt.quiz.feedback_policy
    if policy == FeedbackPolicy.AFTER_EACH_ATTEMPT:
        return True
    if policy == FeedbackPolicy.AFTER_PASSING:
        return bool(attempt.passed)
    if policy == FeedbackPolicy.AFTER_LAST_ATTEMPT:
        return bool(attempt.quiz.max_attempts) and attempts_used >= attempt.quiz.max_attempts
    return False


@login_required
@require_GET
def attempt_result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_open:
        return redirect("lms_attempt", attempt_id=attempt.public_id)
    used = QuizAttempt.objects.filter(learner=request.user, quiz=attempt.quiz).count()
    show = feedback_visible(attempt, used)
    from lms.attempt_review import review_rows

    return render(
        request,
        "lms/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "course": attempt.course,
            "show_feedback": show,
            "rows": review_rows(attempt, with_key=show),
        },
    )
