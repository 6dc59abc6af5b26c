"""The e-mails about cohort sessions: the reminders 24 h and 1 h before each session, and the
notices when a session moves or is cancelled (decided by lms/cohorts/sessions.py).

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
from datetime import datetime, timedelta
from email.mime.text import MIMEText

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from core.email import email_to
from core.language import language_for
from lms.cohorts.models import Cohort, CohortSession, SessionReminder
from lms.cohorts.selectors import (
    cohort_members,
    learner_time_zone,
    session_url,
    sessions_ics,
)
from lms.cohorts.tasks import send_session_reminder_email_task
from lms.models import Enrolment

logger = logging.getLogger(__name__)

Kind = SessionReminder.Kind
# How long before a session each reminder goes out.
LEADS = {Kind.DAY_BEFORE: timedelta(hours=24), Kind.HOUR_BEFORE: timedelta(hours=1)}
# Beat runs every 5 minutes; a reminder is due while its mark is less than 30 minutes old, so a
# beat or worker that is down for up to 25 minutes still sends every reminder, late. Longer than
# that and a 24 h reminder is skipped rather than sent at an odd moment (the 1 h one still goes).
WINDOW = timedelta(minutes=30)


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
            recipients(session.cohort)
            .filter(~Exists(already))
            .order_by("learner_id")
            .values_list("learner_id", flat=True)
        )
        return record(session=session, learner_ids=learner_ids, kind=kind, now=now)


def recipients(cohort: Cohort) -> QuerySet[Enrolment]:
    """Who is told about the cohort's sessions: its active members."""
    return cohort_members(cohort).filter(learner__is_active=True)


def record(*, session: CohortSession, learner_ids: list[int], kind: str, now: datetime) -> int:
    """Write one ``SessionReminder`` of ``kind`` per learner and queue its e-mail after commit.
    Returns the number queued."""
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
        message = email_to(
            learner,
            template,
            {
                "name": learner.get_short_name(),
                "kind": reminder.kind,
                "session": session,
                "cohort": session.cohort,
                "course_title": session.cohort.course.title,
                "zone": zone.key,
                "timetable_url": session_url(session),
            },
            language=language,
        )
        calendar = sessions_ics(sessions=[session], method=method, attendee=learner, now=now)
    # Base64 keeps the CRLF line endings of the .ics exactly; ``method`` on the content type
    # must match METHOD inside it (RFC 6047 §2.4).
    part = MIMEText(calendar, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=f"session-{session.pk}.ics")
    message.attach(part)
    return message
