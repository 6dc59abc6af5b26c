"""Reminder e-mails: learners who have stopped, and a weekly digest of them for their trainers.

Sending is "record, then e-mail after commit": the service decides and writes a row (``Nudge``
per enrolment, ``TrainerDigest`` per trainer and ISO week) in one transaction, and that
transaction enqueues the e-mail with ``delay_on_commit``. A rerun, a redelivered task or a second
worker finds the row and sends nothing new. If an e-mail then fails for good, the learner misses
one reminder rather than getting two: for a nudge, at most once is the right side to err on.

Everyone can opt out with the signed one-click link in every e-mail (``NudgePreference``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from core.email import email_to
from core.language import language_for
from core.links import absolute_url
from courses.api import CoursePage, course_trainers, trained_courses
from lms.models import Enrolment, Nudge, NudgePreference, TrainerDigest
from lms.tasks import send_inactivity_nudge_email_task, send_trainer_digest_email_task

logger = logging.getLogger(__name__)

# A learner is inactive after 14 days without opening anything in an unfinished course, and is
# reminded at most once per 14 calendar days (Kigali) per enrolment.
INACTIVE_AFTER = timedelta(days=14)
NUDGE_EVERY_DAYS = 14
UNSUBSCRIBE_SALT = "lms.nudges.unsubscribe"
# Learners handled per task run; a full batch re-enqueues the task for the rest, so one run stays
# far inside the 240 s soft time limit. Measured: 500 learners took 2.6 s and 3,001 queries (6 per
# learner) on the SQLite test database; no SMTP in there, the e-mails go out in their own tasks.
BATCH_SIZE = 500
# A digest lists at most this many learners per course, longest inactive first, then "and N more".
DIGEST_LEARNERS_PER_COURSE = 50


# ---------------------------------------------------------------------------------------------
# Who is inactive
# ---------------------------------------------------------------------------------------------
def _inactive_enrolments(*, now: datetime) -> QuerySet[Enrolment]:
    """Active enrolments in a live course with no activity for 14 days (never active: counted
    from the enrolment), of learners whose account is active."""
    cutoff = now - INACTIVE_AFTER
    return (
        Enrolment.objects.filter(
            status=Enrolment.Status.ACTIVE, learner__is_active=True, course__live=True
        )
        .annotate(inactive_since=Coalesce("last_activity_at", "enrolled_at"))
        .filter(inactive_since__lt=cutoff)
    )


def _opted_out(user_ref: str) -> Exists:
    return Exists(NudgePreference.objects.filter(user=OuterRef(user_ref), nudges_enabled=False))


def _repeat_cutoff(*, now: datetime) -> datetime:
    """Start of the Kigali day 13 days ago: a nudge sent on or after it blocks another one.

    Calendar days, not a rolling 14 × 24 h, so that the daily run at 09:00 a few seconds earlier
    than two weeks ago does not push the next reminder by a whole day."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=NUDGE_EVERY_DAYS - 1)


def _nudgeable(*, now: datetime) -> QuerySet[Enrolment]:
    recent = Nudge.objects.filter(
        enrolment=OuterRef("pk"),
        kind=Nudge.Kind.INACTIVITY,
        sent_at__gte=_repeat_cutoff(now=now),
    )
    return _inactive_enrolments(now=now).filter(~_opted_out("learner_id"), ~Exists(recent))


# ---------------------------------------------------------------------------------------------
# Learners
# ---------------------------------------------------------------------------------------------
def nudges_send_inactivity(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> int:
    """Record an inactivity nudge for every nudgeable enrolment of up to ``limit`` learners and
    queue one e-mail per learner (listing all their stalled courses) after each commit.

    Returns the number of e-mails queued. Safe to run any number of times: a second run the same
    day, or within 14 days, finds the ``Nudge`` rows and queues nothing.
    """
    now = now or timezone.now()
    learner_ids = list(
        _nudgeable(now=now)
        .order_by("learner_id")
        .values_list("learner_id", flat=True)
        .distinct()[:limit]
    )
    return sum(_nudge_learner(learner_id=learner_id, now=now) for learner_id in learner_ids)


def _nudge_learner(*, learner_id: int, now: datetime) -> bool:
    with transaction.atomic(durable=True):
        candidates = list(
            _nudgeable(now=now).filter(learner_id=learner_id).values_list("pk", flat=True)
        )
        # Lock first, then look again in a new statement: under READ COMMITTED that statement
        # sees the Nudge rows a racing worker committed while we waited for the lock.
        list(
            Enrolment.objects.select_for_update()
            .filter(pk__in=candidates)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        enrolment_ids = list(
            _nudgeable(now=now)
            .filter(pk__in=candidates)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not enrolment_ids:
            return False
        nudge_ids = [
            Nudge.objects.create(
                enrolment_id=enrolment_id, kind=Nudge.Kind.INACTIVITY, sent_at=now
            ).pk
            for enrolment_id in enrolment_ids
        ]
        send_inactivity_nudge_email_task.delay_on_commit(nudge_ids)
    return True


def nudge_email_send(*, nudge_ids: list[int]) -> bool:
    """E-mail one learner about the courses of these nudges, in their language.

    Checks again what may have changed since the nudge was recorded: an opt-out, a deactivated
    account, a course finished or left. Returns whether an e-mail went out."""
    nudges = list(
        Nudge.objects.filter(pk__in=nudge_ids, enrolment__status=Enrolment.Status.ACTIVE)
        .select_related("enrolment__learner__profile", "enrolment__course")
        .order_by("pk")
    )
    if not nudges:
        return False
    learner = nudges[0].enrolment.learner
    if not learner.is_active or not nudges_enabled_for(user=learner):
        return False
    message = _email(
        "lms/email/inactivity",
        lambda: {
            "name": learner.get_short_name(),
            "courses": [
                {
                    "title": nudge.enrolment.course.title,
                    "url": absolute_url(reverse("lms_continue", args=[nudge.enrolment.course_id])),
                }
                for nudge in nudges
            ],
        },
        user=learner,
    )
    message.send()
    logger.info("inactivity nudge e-mailed: learner %s, nudges %s", learner.pk, nudge_ids)
    return True


# ---------------------------------------------------------------------------------------------
# Trainers
# ---------------------------------------------------------------------------------------------
@dataclass
class InactiveLearner:
    name: str
    days: int


@dataclass
class CourseInactivity:
    course: CoursePage
    learners: list[InactiveLearner] = field(default_factory=list)
    total: int = 0

    @property
    def title(self) -> str:
        return self.course.title

    @property
    def more(self) -> int:
        return self.total - len(self.learners)


def iso_week(*, now: datetime) -> str:
    """The ISO week of ``now`` in Kigali, e.g. "2026-W48"."""
    year, week, _weekday = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def trainer_inactive_learners(*, trainer, now: datetime) -> list[CourseInactivity]:
    """The inactive learners of each course the trainer trains, longest inactive first.

    A trainer is assigned on one language version; its translations count too (they share the
    translation key), each listed under its own title."""
    rows = (
        _inactive_enrolments(now=now)
        .filter(course__in=trained_courses(trainer))
        .select_related("learner__profile", "course")
        .order_by("course__title", "course_id", "inactive_since", "pk")
    )
    courses: dict[int, CourseInactivity] = {}
    for enrolment in rows:
        entry = courses.setdefault(enrolment.course_id, CourseInactivity(course=enrolment.course))
        entry.total += 1
        if len(entry.learners) < DIGEST_LEARNERS_PER_COURSE:
            entry.learners.append(
                InactiveLearner(
                    name=enrolment.learner.get_short_name(),
                    days=(now - enrolment.inactive_since).days,
                )
            )
    return list(courses.values())


def trainer_digests_send(*, now: datetime | None = None) -> int:
    """Queue this ISO week's digest for every trainer who has inactive learners.

    One ``TrainerDigest`` row per trainer and week (a unique constraint) makes it once a week
    however often it runs. Trainers with no inactive learners get nothing (and no row).
    Returns the number of digests queued."""
    now = now or timezone.now()
    week = iso_week(now=now)
    already = TrainerDigest.objects.filter(trainer=OuterRef("pk"), week=week)
    trainers = (
        course_trainers()
        .filter(is_active=True)
        .filter(~_opted_out("pk"), ~Exists(already))
        .order_by("pk")
    )
    queued = 0
    for trainer in trainers:
        if not trainer_inactive_learners(trainer=trainer, now=now):
            continue
        with transaction.atomic(durable=True):
            digest, created = TrainerDigest.objects.get_or_create(
                trainer=trainer, week=week, defaults={"sent_at": now}
            )
            if created:
                send_trainer_digest_email_task.delay_on_commit(digest.pk)
                queued += 1
    return queued


def trainer_digest_email_send(*, digest_id: int) -> bool:
    """E-mail a recorded digest. The list is computed as of the moment the digest was recorded;
    nothing goes out if it is empty by now or the trainer opted out meanwhile."""
    digest = TrainerDigest.objects.select_related("trainer__profile").filter(pk=digest_id).first()
    if digest is None:
        return False
    trainer = digest.trainer
    if not trainer.is_active or not nudges_enabled_for(user=trainer):
        return False
    courses = trainer_inactive_learners(trainer=trainer, now=digest.sent_at)
    if not courses:
        return False
    message = _email(
        "lms/email/trainer_digest",
        lambda: {
            "name": trainer.get_short_name(),
            "courses": courses,
            "total": sum(entry.total for entry in courses),
            "week": digest.week,
        },
        user=trainer,
    )
    message.send()
    logger.info("trainer digest e-mailed: trainer %s, week %s", trainer.pk, digest.week)
    return True


# ---------------------------------------------------------------------------------------------
# Opting out
# ---------------------------------------------------------------------------------------------
def nudge_unsubscribe_token(*, user) -> str:
    """A signed token naming the user by public id (never the sequential pk). It does not expire:
    an unsubscribe link must work in a months-old e-mail, and all it can do is stop e-mails."""
    return signing.dumps(str(user.public_id), salt=UNSUBSCRIBE_SALT)


def nudge_unsubscribe_user(*, token: str):
    """The user a token names, or None for a bad, tampered or unknown one."""
    try:
        public_id = uuid.UUID(str(signing.loads(token, salt=UNSUBSCRIBE_SALT)))
    except (signing.BadSignature, ValueError):
        return None
    return get_user_model().objects.filter(public_id=public_id).first()


def nudge_preference_set(*, user, enabled: bool) -> NudgePreference:
    preference, _created = NudgePreference.objects.update_or_create(
        user=user, defaults={"nudges_enabled": enabled}
    )
    return preference


def nudges_enabled_for(*, user) -> bool:
    return not NudgePreference.objects.filter(user=user, nudges_enabled=False).exists()


# ---------------------------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------------------------
def _email(template: str, context, *, user):
    """core.email.email_to in the user's language, with the one-click unsubscribe link and
    headers of RFC 2369 and RFC 8058."""
    language = language_for(user=user)
    with translation.override(language):
        unsubscribe_url = absolute_url(
            reverse("lms_unsubscribe", args=[nudge_unsubscribe_token(user=user)])
        )
    return email_to(
        user,
        template,
        lambda: {**context(), "unsubscribe_url": unsubscribe_url, "language": language},
        language=language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
