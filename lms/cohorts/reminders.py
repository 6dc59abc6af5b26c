"""Cohort sessions for learners: who sees a timetable, in which time zone, its calendar files,
the e-mails 24 h and 1 h before each session, and the notices when a session moves or is
cancelled.

Sending is "record, then e-mail after commit", as for the inactivity nudges (lms/nudges.py): the
service decides and writes one ``SessionReminder`` per learner in one transaction, and that
transaction enqueues a per-recipient e-mail task with ``delay_on_commit``. The unique constraint
(session, learner, kind, sequence) makes each e-mail once per version of the session: a second
beat run, a restarted beat or a redelivered task finds the row and sends nothing new. The e-mail
task sets ``emailed_at`` under a row lock, so a task delivered twice sends once; only a worker
killed between handing the e-mail to the server and committing can send it twice.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime, timedelta
from email.mime.text import MIMEText
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model

from courses.api import LessonPage
from lms.cohorts import ics
from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.models import LearnerSettings, SessionReminder, validate_time_zone
from lms.cohorts.services import cohort_members
from lms.errors import LmsError
from lms.models import Cohort, CohortSession, Enrolment
from lms.nudges import absolute_url, language_for
from lms.tasks import send_session_reminder_email_task

logger = logging.getLogger(__name__)

Kind = SessionReminder.Kind
# How long before a session each reminder goes out.
LEADS = {Kind.DAY_BEFORE: timedelta(hours=24), Kind.HOUR_BEFORE: timedelta(hours=1)}
# Beat runs every 5 minutes; a reminder is due while its mark is less than 30 minutes old, so a
# beat or worker that is down for up to 25 minutes still sends every reminder, late. Longer than
# that and a 24 h reminder is skipped rather than sent at an odd moment (the 1 h one still goes).
WINDOW = timedelta(minutes=30)
# The fields whose change moves the learners' calendar entry and is e-mailed to them.
NOTIFY_FIELDS = ("starts_at", "ends_at", "venue", "meeting_url", "cancelled")


# ---------------------------------------------------------------------------------------------
# Time zones
# ---------------------------------------------------------------------------------------------
def learner_time_zone_name(*, user) -> str:
    """The time zone the user chose, or "" for the site's (settings.TIME_ZONE)."""
    if not user.is_authenticated:
        return ""
    row = LearnerSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return row or ""


def time_zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone of that name; the site's for "" or for a name the tz database no longer has."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone removed from a later tz database release: fall back rather than fail the page.
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def learner_time_zone(*, user) -> zoneinfo.ZoneInfo:
    return time_zone_named(learner_time_zone_name(user=user))


def learner_time_zone_set(*, user, time_zone: str) -> LearnerSettings:
    """Save the user's time zone ("" = the site's). Raises LmsError for an unknown name."""
    time_zone = time_zone.strip()
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise LmsError(error.messages[0], "bad_time_zone") from error
    row, _created = LearnerSettings.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    return row


# ---------------------------------------------------------------------------------------------
# Timetable
# ---------------------------------------------------------------------------------------------
def cohort_timetable_visible(*, user, cohort: Cohort) -> bool:
    """Learners enrolled in the cohort, its facilitators, and staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user_may_manage_cohort(user=user, cohort=cohort):
        return True
    return cohort_members(cohort).filter(learner=user).exists()


def timetable_sessions(*, cohort: Cohort) -> QuerySet[CohortSession]:
    """The cohort's sessions in order, with their live lessons and documents: three queries
    whatever the number of sessions."""
    return (
        CohortSession.objects.filter(cohort=cohort)
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("lessons", queryset=LessonPage.objects.live().order_by("path")),
            Prefetch("documents", queryset=get_document_model().objects.order_by("title", "pk")),
        )
    )


def timetable_url(*, cohort: Cohort) -> str:
    return absolute_url(reverse("lms_cohort_timetable", args=[cohort.public_id]))


def session_url(session: CohortSession) -> str:
    return f"{timetable_url(cohort=session.cohort)}#session-{session.pk}"


def sessions_ics(
    *,
    sessions: Iterable[CohortSession],
    name: str = "",
    method: str = "PUBLISH",
    attendee=None,
    now: datetime | None = None,
) -> str:
    """The calendar file of these sessions (each with its ``cohort`` loaded). For an e-mail
    (``method`` REQUEST or CANCEL), ``attendee`` is the learner it goes to."""
    organizer = attendee_entry = None
    if attendee is not None:
        sender_name, sender_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
        organizer = (sender_name or "Isoko", sender_email)
        attendee_entry = (_display_name(attendee), attendee.email)
    return ics.calendar(
        sessions,
        url_for=session_url,
        method=method,
        name=name,
        dtstamp=now,
        organizer=organizer,
        attendee=attendee_entry,
    )


# ---------------------------------------------------------------------------------------------
# Reminders before a session
# ---------------------------------------------------------------------------------------------
def session_reminders_send(*, now: datetime | None = None) -> int:
    """Record and queue the reminders whose moment (24 h or 1 h before a session that is not
    cancelled) fell within the last ``WINDOW``. Returns the number of e-mails queued.

    Safe to run any number of times, by any number of beats: a learner already reminded of this
    session (this kind, this version) is skipped."""
    now = now or timezone.now()
    queued = 0
    for kind, lead in LEADS.items():
        session_ids = list(
            CohortSession.objects.filter(
                cancelled=False,
                starts_at__gt=now + lead - WINDOW,
                starts_at__lte=now + lead,
            )
            .order_by("starts_at", "pk")
            .values_list("pk", flat=True)
        )
        for session_id in session_ids:
            queued += _remind(session_id=session_id, kind=kind, now=now)
    return queued


def _remind(*, session_id: int, kind: str, now: datetime) -> int:
    lead = LEADS[kind]
    with transaction.atomic(durable=True):
        # The session row lock makes two beats (or a beat and an admin edit) take turns; the
        # queries below then see what the other one committed.
        session = (
            CohortSession.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .filter(pk=session_id, cancelled=False)
            .first()
        )
        if session is None:
            return 0
        mark = session.starts_at - lead
        if not now - WINDOW < mark <= now:
            return 0  # moved since the first query
        # Reminded already: of this version of the session, or of an earlier one after this
        # mark's window opened (a change of room just after the reminder does not send it twice;
        # a move to another day does send it again, for the new day).
        already = SessionReminder.objects.filter(
            session=session, learner=OuterRef("learner_id"), kind=kind
        ).filter(Q(sequence=session.sequence) | Q(sent_at__gt=mark - WINDOW))
        learner_ids = list(
            _recipients(session.cohort)
            .filter(~Exists(already))
            .order_by("learner_id")
            .values_list("learner_id", flat=True)
        )
        return _record(session=session, learner_ids=learner_ids, kind=kind, now=now)


def _recipients(cohort: Cohort) -> QuerySet[Enrolment]:
    return cohort_members(cohort).filter(learner__is_active=True)


def _record(*, session: CohortSession, learner_ids: list[int], kind: str, now: datetime) -> int:
    reminders = SessionReminder.objects.bulk_create(
        SessionReminder(
            session=session,
            learner_id=learner_id,
            kind=kind,
            sequence=session.sequence,
            sent_at=now,
        )
        for learner_id in learner_ids
    )
    for reminder in reminders:
        send_session_reminder_email_task.delay_on_commit(reminder.pk)
    if reminders:
        logger.info(
            "session %s: %s %s notices queued (sequence %s)",
            session.pk,
            len(reminders),
            kind,
            session.sequence,
        )
    return len(reminders)


# ---------------------------------------------------------------------------------------------
# A session moved or cancelled
# ---------------------------------------------------------------------------------------------
def session_changes(*, before: Mapping[str, Any], session: CohortSession) -> set[str]:
    """The NOTIFY_FIELDS whose value differs between ``before`` (a row's saved values) and the
    session about to be saved."""
    return {
        name for name in NOTIFY_FIELDS if name in before and before[name] != getattr(session, name)
    }


def cohort_session_update(
    *, session: CohortSession, changes: Collection[str], now: datetime | None = None
) -> int:
    """Tell the cohort's learners that ``session`` (saved, its ``sequence`` already raised)
    changed in ``changes``: an e-mail with the new calendar entry, once per learner and
    version. lms/cohorts/signals.py calls it after every save, the admin's included.

    Nothing is sent for a session that is over, nor for edits to a cancelled session; reopening
    a cancelled session is a change like any other. Returns the number of e-mails queued."""
    changes = set(changes) & set(NOTIFY_FIELDS)
    now = now or timezone.now()
    if not changes or session.ends_at <= now:
        return 0
    if session.cancelled:
        if "cancelled" not in changes:
            return 0
        kind = Kind.CANCELLED
    else:
        kind = Kind.CHANGED
    with transaction.atomic():
        session = (
            CohortSession.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=session.pk)
        )
        already = SessionReminder.objects.filter(
            session=session, kind=kind, sequence=session.sequence
        ).values("learner_id")
        learner_ids = list(
            _recipients(session.cohort)
            .exclude(learner_id__in=already)
            .order_by("learner_id")
            .values_list("learner_id", flat=True)
        )
        return _record(session=session, learner_ids=learner_ids, kind=kind, now=now)


# ---------------------------------------------------------------------------------------------
# The e-mail
# ---------------------------------------------------------------------------------------------
TEMPLATES = {
    Kind.DAY_BEFORE: "lms/email/session_reminder",
    Kind.HOUR_BEFORE: "lms/email/session_reminder",
    Kind.CHANGED: "lms/email/session_changed",
    Kind.CANCELLED: "lms/email/session_cancelled",
}


def session_reminder_email_send(*, reminder_id: int, now: datetime | None = None) -> bool:
    """E-mail one recorded reminder or notice, in the learner's language and time zone, with
    the session's calendar entry attached. Returns whether an e-mail went out.

    Checks again what may have changed since the row was written: the learner left the cohort or
    was deactivated, the session was cancelled, moved again (a newer notice is on its way) or is
    over. An SMTP error rolls back and propagates, so the task retries it."""
    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            SessionReminder.objects.select_for_update(of=("self",))
            .select_related("session__cohort__course", "learner__profile")
            .filter(pk=reminder_id, emailed_at__isnull=True)
            .first()
        )
        if reminder is None or not _still_relevant(reminder, now=now):
            return False
        _message(reminder, now=now).send()
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
    logger.info(
        "session %s: %s e-mailed to learner %s",
        reminder.session_id,
        reminder.kind,
        reminder.learner_id,
    )
    return True


def _still_relevant(reminder: SessionReminder, *, now: datetime) -> bool:
    session, learner = reminder.session, reminder.learner
    if not learner.is_active:
        return False
    if not cohort_members(session.cohort).filter(learner=learner).exists():
        return False
    if reminder.kind in LEADS:
        return not session.cancelled and session.starts_at > now
    if session.sequence != reminder.sequence:
        return False  # changed again since: the newer notice says it all
    if reminder.kind == Kind.CANCELLED:
        return session.cancelled
    return not session.cancelled and session.ends_at > now


def _message(reminder: SessionReminder, *, now: datetime) -> EmailMultiAlternatives:
    session, learner = reminder.session, reminder.learner
    language = language_for(user=learner)
    zone = learner_time_zone(user=learner)
    method = "CANCEL" if reminder.kind == Kind.CANCELLED else "REQUEST"
    template = TEMPLATES[reminder.kind]
    with translation.override(language), timezone.override(zone):
        context = {
            "name": _display_name(learner),
            "kind": reminder.kind,
            "session": session,
            "cohort": session.cohort,
            "course_title": session.cohort.course.title,
            "zone": zone.key,
            "timetable_url": session_url(session),
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        calendar = sessions_ics(sessions=[session], method=method, attendee=learner, now=now)
    message = EmailMultiAlternatives(
        subject,
        body,
        to=[learner.email],
        headers={
            "Content-Language": language,
            # RFC 3834: keeps out-of-office replies away from a no-reply address.
            "Auto-Submitted": "auto-generated",
        },
    )
    # Base64 keeps the CRLF line endings of the .ics exactly; ``method`` on the content type
    # must match METHOD inside it (RFC 6047 §2.4).
    part = MIMEText(calendar, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=f"session-{session.pk}.ics")
    message.attach(part)
    return message


def _display_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else user.email.split("@")[0]
