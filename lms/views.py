"""Learner actions. Each view checks who is asking, calls one service, and renders or redirects;
LmsError becomes a message (HTML) or a JSON error with its status, in one place (_refused)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
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
from lms.services.attempts import attempt_questions, removed_notice
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


def _malformed() -> JsonResponse:
    return JsonResponse(
        {"error": _("The answers could not be read. Nothing was saved."), "code": "malformed"},
        status=400,
    )


def _read_seq(raw) -> int | None:
    """The phone's autosave counter: absent, or a whole number from 0 (quiz.js)."""
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise ValueError("seq must be a whole number")
    seq = int(raw)
    if not 0 <= seq < 2**62:
        raise ValueError("seq out of range")
    return seq


def _json_payload(request) -> dict:
    """A JSON body from quiz.js: {"answers": {...}, "seq": n, "saved_at": ISO 8601}."""
    payload = json.loads(request.body or b"null")
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        raise ValueError("answers must be an object")
    payload["seq"] = _read_seq(payload.get("seq"))
    saved_at = payload.get("saved_at")
    if saved_at is not None and (not isinstance(saved_at, str) or not parse_datetime(saved_at)):
        raise ValueError("saved_at must be an ISO 8601 time")  # the phone's; informative only
    return payload


def _submitted(request, attempt: QuizAttempt, notice: str | None):
    result_url = reverse("lms_attempt_result", args=[attempt.public_id])
    if wants_json(request):
        return JsonResponse(
            {
                "result_url": result_url,
                "status": attempt.status,
                "replayed": getattr(attempt, "replayed", False),
                "notice": notice or "",
            }
        )
    if notice:
        messages.warning(request, notice)
    return HttpResponseRedirect(result_url)


@login_required
@require_http_methods(["GET", "POST"])
@learner_rate_limited("submit")
def attempt_page(request, attempt_id):
    """The attempt form. POST "save" or "submit" as a form, or as JSON from quiz.js (a submit
    queued on the phone and replayed on reconnect): ``{"action", "answers", "seq"}``; with
    ``Accept: application/json`` the answer is ``{"result_url", "status", "replayed", "notice"}``,
    the same for a replay of an attempt already graded."""
    attempt = _own_attempt(request, attempt_id)
    if request.method == "POST":
        if len(request.body) > MAX_PAYLOAD_BYTES:
            return JsonResponse({"error": _("Too much data."), "code": "too_large"}, status=413)
        try:
            if request.content_type == "application/json":
                payload = _json_payload(request)
                answers, seq, action = payload["answers"], payload["seq"], payload.get("action")
            else:
                seq = _read_seq(request.POST.get("seq"))
                action = request.POST.get("action")
        except ValueError:
            if wants_json(request):
                return _malformed()
            messages.error(request, _("The answers could not be read. Nothing was saved."))
            return HttpResponseRedirect(request.path)
        try:
            if request.content_type != "application/json":
                answers = answers_from_form(request.POST, attempt)
            if action == "save":
                quiz_attempt_save(
                    learner=request.user, attempt_id=attempt.public_id, answers=answers, seq=seq
                )
                if wants_json(request):
                    return JsonResponse({"saved": True})
                messages.success(request, _("Your answers are saved."))
                return redirect("lms_attempt", attempt_id=attempt.public_id)
            attempt, notice = quiz_attempt_submit(
                learner=request.user, attempt_id=attempt.public_id, answers=answers, seq=seq
            )
        except LmsError as error:
            return _refused(request, error, request.path)
        return _submitted(request, attempt, notice)
    if not attempt.is_open:
        return redirect("lms_attempt_result", attempt_id=attempt.public_id)
    seconds_left = time_left = None
    if attempt.deadline:
        seconds_left = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
        time_left = f"{seconds_left // 60}:{seconds_left % 60:02d}"
    response = render(
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
            "grace_seconds": settings.ISOKO_QUIZ_GRACE_SECONDS,
        },
    )
    # The learner's own page: the phone (its HTTP cache and the service worker's caches) may keep
    # it to reopen the attempt offline, a shared cache never; always revalidated when online.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@require_POST
@learner_rate_limited("autosave")
def attempt_autosave(request, attempt_id):
    """JSON autosave from quiz.js: {"answers": {question id: answer}, "seq": n, "saved_at": ISO}.
    Idempotent; a save with a lower ``seq`` than the last one stored is ignored (answered 200
    with ``"stale": true``), so replays arriving out of order never overwrite newer answers."""
    if len(request.body) > MAX_PAYLOAD_BYTES:
        return JsonResponse({"error": _("Too much data."), "code": "too_large"}, status=413)
    try:
        payload = _json_payload(request)
    except ValueError:
        return _malformed()
    try:
        attempt = quiz_attempt_save(
            learner=request.user,
            attempt_id=attempt_id,
            answers=payload["answers"],
            seq=payload["seq"],
        )
    except LmsError as error:
        return JsonResponse({"error": str(error.message), "code": error.code}, status=error.status)
    body = {"saved": len(attempt.answers), "seq": attempt.answers_seq, "stale": attempt.stale}
    if attempt.removed:
        body["notice"] = removed_notice(attempt.removed)
    return JsonResponse(body)


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
