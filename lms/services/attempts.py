"""Quiz attempts: start (freeze the draw), autosave, submit (grade once), expire.

Every refusal raises LmsError and stores nothing new. Submission and expiry lock the attempt
row, so two requests (or a request and the overdue task) racing on one attempt grade it once.

On a flaky link (docs/offline.md, "Quizzes on a flaky link") the phone replays what it kept:
autosaves carry the phone's counter ``seq`` and one older than the last stored is ignored; a
submit replayed after the attempt closed gets the first result. Timed attempts follow the
server's clock only: answers reaching it after deadline + ``ISOKO_QUIZ_GRACE_SECONDS`` are never
stored.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.api import (
    AnswerError,
    CoursePage,
    LearnerQuestion,
    QuizPage,
    course_of,
    grade,
    learner_view,
    question_tags,
)
from lms.errors import LmsError
from lms.models import QuizAttempt
from lms.selectors import enrolment_for
from lms.services.completion import completion_evaluate
from lms.services.enrolment import enrolment_touch

CHOICE_TYPES = {"single_choice", "multiple_choice", "ordering"}
_rng = random.SystemRandom()


def _pool_by_id(quiz: QuizPage) -> dict:
    return {question.id: question for question in quiz.question_pool()}


def _draw(quiz: QuizPage) -> list[dict]:
    """Pick the questions for one attempt and freeze their option order."""
    pool = quiz.question_pool()
    chosen: list = []
    for rule in quiz.draw_rules:
        tag = rule.value["tag"].strip().lower()
        tagged = [q for q in pool if q not in chosen and tag in question_tags(q)]
        chosen += _rng.sample(tagged, min(rule.value["count"], len(tagged)))
    wanted = quiz.questions_per_attempt or len(pool)
    rest = [q for q in pool if q not in chosen]
    chosen += _rng.sample(rest, max(0, min(wanted - len(chosen), len(rest))))
    if quiz.shuffle_questions:
        _rng.shuffle(chosen)
    else:
        order = {q.id: position for position, q in enumerate(pool)}
        chosen.sort(key=lambda q: order[q.id])
    frozen = []
    for question in chosen:
        options = [option.id for option in learner_view(question).options]
        if question.block_type == "ordering" or (
            quiz.shuffle_options and question.block_type in CHOICE_TYPES
        ):
            _rng.shuffle(options)
        frozen.append({"id": question.id, "options": options})
    return frozen


def _course_of(quiz: QuizPage) -> CoursePage:
    course = course_of(quiz)
    if course is None:
        raise CoursePage.DoesNotExist(f"quiz {quiz.pk} is not inside a course")
    return course


def quiz_attempt_start(*, learner, quiz: QuizPage) -> QuizAttempt:
    """Start an attempt, or resume the open one. Enforces enrolment and the attempt limit."""
    course = _course_of(quiz)
    enrolment = enrolment_for(learner=learner, course=course)
    if enrolment is None:
        raise LmsError(_("Enrol in the course to take its quizzes."), "not_enrolled", 403)
    open_attempt = QuizAttempt.objects.filter(learner=learner, quiz=quiz, status="open").first()
    if open_attempt and not _past_grace(open_attempt):
        return open_attempt
    if open_attempt:
        _close(open_attempt.pk, status=QuizAttempt.Status.EXPIRED)
    finished = QuizAttempt.objects.filter(learner=learner, quiz=quiz).count()
    if quiz.max_attempts and finished >= quiz.max_attempts:
        raise LmsError(
            _("You have used all %(count)d attempts for this quiz.") % {"count": quiz.max_attempts},
            "no_attempts_left",
        )
    questions = _draw(quiz)
    if not questions:
        raise LmsError(_("This quiz has no questions yet."), "empty_quiz")
    now = timezone.now()
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                learner=learner,
                quiz=quiz,
                course=course,
                number=finished + 1,
                started_at=now,
                questions=questions,
                deadline=deadline,
            )
    except IntegrityError:
        # Two "start" clicks at once: the database let one attempt through; use it.
        return QuizAttempt.objects.get(learner=learner, quiz=quiz, status="open")
    enrolment_touch(enrolment=enrolment, item=quiz)
    return attempt


def grace() -> timedelta:
    """How long after its deadline a timed attempt still accepts answers (server time)."""
    return timedelta(seconds=settings.ISOKO_QUIZ_GRACE_SECONDS)


def _past_grace(attempt: QuizAttempt, now=None) -> bool:
    """True once the server's clock is past deadline + grace (the boundary itself is in time)."""
    return attempt.deadline is not None and (now or timezone.now()) > attempt.deadline + grace()


def _still_available(attempt: QuizAttempt, learner) -> None:
    """Refuse answers for a quiz taken offline by its trainer, or from a learner who left the
    course: the attempt stays open and nothing is stored, so the phone keeps the answers."""
    if not attempt.quiz.live:
        raise LmsError(
            _(
                "This quiz was unpublished by its trainer, so your answers could not be "
                "submitted. They are kept; ask the trainer or try again later."
            ),
            "quiz_unavailable",
            409,
        )
    if enrolment_for(learner=learner, course=attempt.course) is None:
        raise LmsError(
            _(
                "You are no longer enrolled in this course, so your answers could not be "
                "submitted. Enrol again to submit them."
            ),
            "not_enrolled",
            403,
        )


def _removed(attempt: QuizAttempt, answers, pool: dict) -> int:
    """How many answers are for questions removed from the quiz since the attempt began."""
    frozen = {entry["id"] for entry in attempt.questions}
    return sum(1 for qid in answers if qid in frozen and qid not in pool)


def removed_notice(count: int) -> str:
    return ngettext(
        "The quiz changed since you started: %(count)d answer was for a question that was "
        "removed, so it does not count.",
        "The quiz changed since you started: %(count)d answers were for questions that were "
        "removed, so they do not count.",
        count,
    ) % {"count": count}


def _clean_answers(attempt: QuizAttempt, answers, pool: dict) -> dict:
    """Check a payload against the attempt's frozen questions; return it normalised."""
    if not isinstance(answers, dict):
        raise LmsError(_("The answers could not be read. Nothing was saved."), "malformed")
    frozen = {entry["id"]: entry["options"] for entry in attempt.questions}
    cleaned = {}
    for question_id, answer in answers.items():
        if question_id not in frozen:
            raise LmsError(
                _("An answer was for a question that is not in this attempt. Nothing was saved."),
                "unknown_question",
            )
        question = pool.get(question_id)
        if question is None:
            continue  # removed from the quiz since the attempt began: ignored
        if answer in (None, "", []):
            cleaned[question_id] = None
            continue
        try:
            grade(question, answer)
        except AnswerError as error:
            raise LmsError(
                _("An answer did not fit its question (%(reason)s). Nothing was saved.")
                % {"reason": error},
                "bad_answer",
            ) from error
        cleaned[question_id] = answer
    return cleaned


def quiz_attempt_save(*, learner, attempt_id, answers, seq: int | None = None) -> QuizAttempt:
    """Autosave: merge answers into the open attempt. Saving the same answers again changes
    nothing, so a retry after a dropped connection is safe. With ``seq`` (the phone's counter),
    a save older than the last one stored is ignored (``attempt.stale`` is then True): a replay
    arriving out of order never overwrites newer answers."""
    with transaction.atomic():
        attempt = _locked(learner, attempt_id)
        if not attempt.is_open:
            raise LmsError(
                _("This attempt is closed; your answers were already graded."), "closed", 409
            )
        if not _past_grace(attempt):
            _still_available(attempt, learner)
            pool = _pool_by_id(attempt.quiz)
            cleaned = _clean_answers(attempt, answers, pool)
            attempt.stale = seq is not None and seq < attempt.answers_seq
            attempt.removed = _removed(attempt, answers, pool)
            if attempt.stale:
                return attempt
            attempt.answers = {**attempt.answers, **cleaned}
            fields = ["answers"]
            if seq is not None:
                attempt.answers_seq = seq
                fields.append("answers_seq")
            attempt.save(update_fields=fields)
            return attempt
    # Too late: close it on what was saved in time (committed even though we refuse the save).
    _close(attempt.pk, status=QuizAttempt.Status.EXPIRED)
    raise LmsError(
        _("Time is up. Your attempt was graded on the answers saved in time."), "deadline", 409
    )


def quiz_attempt_submit(
    *, learner, attempt_id, answers=None, seq: int | None = None
) -> tuple[QuizAttempt, str | None]:
    """Grade the attempt once. Returns (attempt, notice): the notice explains a late or repeated
    submission, which gets the first result and stores nothing new (``attempt.replayed`` is then
    True). Answers sent with a ``seq`` older than the last autosave stored are not merged."""
    with transaction.atomic():
        attempt = _locked(learner, attempt_id)
        attempt.replayed, attempt.removed = False, 0
        if not attempt.is_open:
            attempt.replayed = True
            if attempt.status == QuizAttempt.Status.EXPIRED:
                return attempt, _(
                    "Time was up before your answers reached the server. Your attempt was "
                    "graded on the answers saved in time."
                )
            return attempt, _("This attempt was already submitted; here is its result.")
        if _past_grace(attempt):
            _grade_and_close(attempt, status=QuizAttempt.Status.EXPIRED)
            notice = _(
                "Time was up before you submitted. Your attempt was graded on the answers "
                "saved in time."
            )
        else:
            _still_available(attempt, learner)
            pool = _pool_by_id(attempt.quiz)
            if answers is not None:
                cleaned = _clean_answers(attempt, answers, pool)
                attempt.removed = _removed(attempt, answers, pool)
                if seq is None or seq >= attempt.answers_seq:
                    attempt.answers = {**attempt.answers, **cleaned}
            _grade_and_close(attempt, status=QuizAttempt.Status.SUBMITTED, pool=pool)
            notice = removed_notice(attempt.removed) if attempt.removed else None
    _after_close(attempt)
    return attempt, notice


def _locked(learner, attempt_id) -> QuizAttempt:
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("quiz")
        .filter(public_id=attempt_id, learner=learner)
        .first()
    )
    if attempt is None:
        raise LmsError(_("There is no such attempt."), "not_found", 404)
    return attempt


def _grade_and_close(attempt: QuizAttempt, *, status: str, pool: dict | None = None) -> None:
    pool = _pool_by_id(attempt.quiz) if pool is None else pool
    earned, possible, results = Decimal(0), 0, {}
    for entry in attempt.questions:
        question = pool.get(entry["id"])
        if question is None:
            continue  # removed from the quiz since the attempt began: not counted
        points = question.value["points"]
        try:
            fraction = grade(question, attempt.answers.get(entry["id"])).fraction
        except AnswerError:
            fraction = 0.0  # an autosaved answer the question no longer accepts
        results[entry["id"]] = {"fraction": round(fraction, 4), "points": points}
        earned += Decimal(str(fraction)) * points
        possible += points
    score = (earned * 100 / possible) if possible else Decimal(0)
    attempt.score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.results = results
    attempt.status = status
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["answers", "score", "passed", "results", "status", "finished_at"])


def _close(attempt_pk: int, *, status: str) -> QuizAttempt | None:
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update(skip_locked=True)
            .select_related("quiz")
            .filter(pk=attempt_pk, status=QuizAttempt.Status.OPEN)
            .first()
        )
        if attempt is None:
            return None  # already closed, or being closed by someone else right now
        _grade_and_close(attempt, status=status)
    _after_close(attempt)
    return attempt


def _after_close(attempt: QuizAttempt) -> None:
    if attempt.passed:
        enrolment = enrolment_for(learner=attempt.learner, course=attempt.course)
        if enrolment is not None:
            completion_evaluate(enrolment=enrolment)


def quiz_attempt_expire_overdue(*, batch: int = 500) -> int:
    """Close open attempts past their deadline and grace, grading what was autosaved."""
    cutoff = timezone.now() - grace()
    ids = list(
        QuizAttempt.objects.filter(status=QuizAttempt.Status.OPEN, deadline__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    return sum(1 for pk in ids if _close(pk, status=QuizAttempt.Status.EXPIRED))


def attempt_questions(attempt: QuizAttempt) -> list[LearnerQuestion]:
    """The attempt's questions as the learner sees them, options in the frozen order."""
    pool = _pool_by_id(attempt.quiz)
    shown = []
    for entry in attempt.questions:
        question = pool.get(entry["id"])
        if question is None:
            continue
        view = learner_view(question)
        by_id = {option.id: option for option in view.options}
        ordered = [by_id[i] for i in entry["options"] if i in by_id]
        shown.append(replace(view, options=ordered or view.options))
    return shown
