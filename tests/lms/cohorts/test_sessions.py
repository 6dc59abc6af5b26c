"""Cohort sessions for learners: the timetable, time zones, .ics files, the 24 h and 1 h
reminders (frozen time, idempotent), and the notices when a session moves or is cancelled."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from config.celery import app as celery_app
from lms.cohorts import ics
from lms.cohorts.models import LearnerSettings, SessionReminder
from lms.cohorts.reminders import session_reminder_email_send, session_reminders_send
from lms.cohorts.services import cohort_enrol
from lms.cohorts.sessions import cohort_session_notify, cohort_session_update
from lms.cohorts.tasks import send_session_reminder_email_task, send_session_reminders_task
from lms.models import Cohort, CohortSession, Enrolment
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

# Monday 4 March 2030, 09:00 in Kigali (UTC+2) and 08:00 in Paris (UTC+1 until 31 March).
START = datetime(2030, 3, 4, 7, 0, tzinfo=UTC)
DAY_MARK = START - timedelta(hours=24)
HOUR_MARK = START - timedelta(hours=1)


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------------------------
@shared(needs=("site",))
def sessions_policy_course(site):
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    week = factories.module(course, "Week 1")
    factories.lesson(week, "Digital trade basics")
    return course


@pytest.fixture
def policy_course(sessions_policy_course):
    """Built once for the tests of this module that use it: see tests/shared_data.py."""
    return sessions_policy_course


def new_cohort(course, name="Kigali, March 2030") -> Cohort:
    return Cohort.objects.create(
        course=course,
        name=name,
        starts_on=date(2030, 3, 1),
        ends_on=date(2030, 3, 31),
        capacity=20,
    )


@pytest.fixture
def cohort(policy_course):
    return new_cohort(policy_course)


def new_session(cohort, title="Opening", starts_at=START, hours=3, **fields) -> CohortSession:
    return CohortSession.objects.create(
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **fields,
    )


@pytest.fixture
def session(cohort):
    return new_session(
        cohort,
        agenda="Welcome; the eWTP model, and questions.",
        venue="Kigali Convention Centre, room 3",
    )


def member(cohort, email, *, language="en", time_zone=""):
    user = UserFactory(email=email)
    user.profile.preferred_language = language
    user.profile.save()
    if time_zone:
        LearnerSettings.objects.create(user=user, time_zone=time_zone)
    cohort_enrol(cohort=cohort, learner=user)
    return user


@pytest.fixture
def aline(cohort):
    return member(cohort, "aline@example.com")


def login(client, user):
    client.force_login(user)
    return client


def timetable_url(cohort) -> str:
    return reverse("lms_cohort_timetable", args=[cohort.public_id])


def run_reminders(capture, **kwargs) -> int:
    with capture(execute=True):
        return session_reminders_send(**kwargs)


# A tiny RFC 5545 reader, enough to check what we write.
def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def content_lines(text: str) -> list[str]:
    """Check the physical form (CRLF only, 75 octets at most), then unfold."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert "\n" not in line and "\r" not in line
        assert len(line.encode()) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def parse_line(line: str) -> tuple[str, dict[str, str], str]:
    """name;param=value;param="quoted:value":value (the first colon outside quotes)."""
    match = re.fullmatch(r'((?:[^":]|"[^"]*")*):(.*)', line)
    assert match, line
    name, *params = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', match[1])
    return name, dict(param.split("=", 1) for param in params), match[2]


def parse_ics(text: str) -> dict:
    calendar: dict = {"events": []}
    current = calendar
    for line in content_lines(text):
        name, params, value = parse_line(line)
        if name == "BEGIN" and value == "VEVENT":
            current = {}
            calendar["events"].append(current)
        elif name == "END" and value == "VEVENT":
            current = calendar
        elif name not in ("BEGIN", "END"):
            current[name] = unescape(value)
            current[f"{name};params"] = params
    return calendar


def ics_attachment(message):
    [part] = [a for a in message.attachments if not isinstance(a, tuple)]
    return part


# ---------------------------------------------------------------------------------------------
# Timetable
# ---------------------------------------------------------------------------------------------
def test_timetable_lists_sessions_in_order_with_place_and_materials(client, cohort, aline):
    lesson = cohort.course.get_descendants().type(factories.LessonPage).specific().get()
    # A transactional test run before this one may have flushed the root collection.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = get_document_model().objects.create(
        title="Briefing note", file=ContentFile(b"%PDF-1.4", name="briefing.pdf"), collection=root
    )
    later = new_session(
        cohort,
        "Pilot zones",
        starts_at=START + timedelta(days=7),
        meeting_url="https://meet.example.org/isoko",
    )
    first = new_session(
        cohort, "Opening", agenda="Welcome.\nThe eWTP model.", venue="Kigali Convention Centre"
    )
    first.lessons.add(lesson)
    first.documents.add(document)
    new_session(cohort, "Data protection", starts_at=START + timedelta(days=14), cancelled=True)

    response = login(client, aline).get(timetable_url(cohort))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Opening") < html.index("Pilot zones") < html.index("Data protection")
    assert "4 March 2030, 09:00" in html and "12:00" in html
    assert 'datetime="2030-03-04T09:00:00+02:00"' in html
    assert "Kigali Convention Centre" in html and "Welcome.<br>The eWTP model." in html
    assert 'href="https://meet.example.org/isoko"' in html
    assert f'href="{lesson.url}"' in html and "Digital trade basics" in html
    assert f'href="{document.url}"' in html and "Briefing note" in html
    assert re.search(r"<s>Data protection</s>\s*<span class=\"badge\">Cancelled</span>", html)
    assert reverse("lms_cohort_session_ics", args=[cohort.public_id, later.pk]) in html
    assert reverse("lms_cohort_calendar", args=[cohort.public_id]) in html
    assert "Times are shown in Africa/Kigali time." in html


def test_timetable_in_the_learners_own_time_zone(client, cohort, session, aline):
    client = login(client, aline)
    assert "09:00" in client.get(timetable_url(cohort)).content.decode()

    response = client.post(timetable_url(cohort), {"time_zone": "Europe/Paris"})

    assert response.status_code == 302 and response["Location"] == timetable_url(cohort)
    assert LearnerSettings.objects.get(user=aline).time_zone == "Europe/Paris"
    html = client.get(timetable_url(cohort)).content.decode()
    assert "4 March 2030, 08:00" in html and "09:00" not in html
    assert 'datetime="2030-03-04T08:00:00+01:00"' in html
    assert "Times are shown in Europe/Paris time." in html
    assert '<option value="Europe/Paris" selected>' in html

    # Back to the default: the empty choice.
    client.post(timetable_url(cohort), {"time_zone": ""})
    assert LearnerSettings.objects.get(user=aline).time_zone == ""
    assert "09:00" in client.get(timetable_url(cohort)).content.decode()


def test_an_unknown_time_zone_is_refused(client, cohort, session, aline):
    response = login(client, aline).post(timetable_url(cohort), {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not LearnerSettings.objects.filter(user=aline).exists()


def test_the_time_zone_is_validated_on_the_model_too(aline):
    row = LearnerSettings(user=aline, time_zone="Europe/Atlantis")
    with pytest.raises(Exception, match="not a known time zone"):
        row.full_clean()
    LearnerSettings(user=aline, time_zone="America/Sao_Paulo").full_clean()
    LearnerSettings(user=aline, time_zone="").full_clean()


def test_an_empty_timetable_says_so(client, cohort, aline):
    html = login(client, aline).get(timetable_url(cohort)).content.decode()
    assert "No sessions are scheduled yet" in html


def test_the_timetable_runs_the_same_queries_for_more_sessions(client, cohort, aline):
    lesson = cohort.course.get_descendants().type(factories.LessonPage).specific().get()
    client = login(client, aline)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(timetable_url(cohort)).status_code == 200
        return len(queries)

    for day in range(2):
        new_session(cohort, f"Session {day}", starts_at=START + timedelta(days=day)).lessons.add(
            lesson
        )
    count()  # warms the caches (site root paths...) that a first request fills
    few = count()
    for day in range(2, 8):
        new_session(cohort, f"Session {day}", starts_at=START + timedelta(days=day)).lessons.add(
            lesson
        )
    assert count() == few


# ---------------------------------------------------------------------------------------------
# Who may see it
# ---------------------------------------------------------------------------------------------
def every_url(cohort, session) -> list[str]:
    return [
        timetable_url(cohort),
        reverse("lms_cohort_calendar", args=[cohort.public_id]),
        reverse("lms_cohort_session_ics", args=[cohort.public_id, session.pk]),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, cohort, session):
    for url in every_url(cohort, session):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
    response = client.post(timetable_url(cohort), {"time_zone": "Europe/Paris"})
    assert response.status_code == 302 and not LearnerSettings.objects.exists()


def test_members_facilitators_and_staff_may_see_it(client, cohort, session, aline):
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)
    for user in (aline, facilitator, StaffFactory(email="staff@example.com")):
        client.force_login(user)
        for url in every_url(cohort, session):
            assert client.get(url).status_code == 200, (user.email, url)


def test_everybody_else_gets_404(client, policy_course, cohort, session, aline):
    other = new_cohort(policy_course, "Another intake")
    other_facilitator = UserFactory(email="other-facilitator@example.com")
    other.facilitators.add(other_facilitator)
    other_member = member(other, "other@example.com")
    stranger = UserFactory(email="stranger@example.com")
    withdrawn = member(cohort, "left@example.com")
    Enrolment.objects.filter(learner=withdrawn).update(status=Enrolment.Status.WITHDRAWN)

    for user in (stranger, other_member, other_facilitator, withdrawn):
        client.force_login(user)
        for url in every_url(cohort, session):
            assert client.get(url).status_code == 404, (user.email, url)
        response = client.post(timetable_url(cohort), {"time_zone": "Europe/Paris"})
        assert response.status_code == 404
    assert not LearnerSettings.objects.exists()


def test_wrong_ids_and_methods(client, policy_course, cohort, session, aline):
    client = login(client, aline)
    other_session = new_session(new_cohort(policy_course, "Another intake"), "Elsewhere")
    bad = [
        reverse("lms_cohort_timetable", args=["00000000-0000-0000-0000-000000000000"]),
        reverse("lms_cohort_session_ics", args=[cohort.public_id, other_session.pk]),
        reverse("lms_cohort_session_ics", args=[cohort.public_id, 999999]),
    ]
    for url in bad:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/learn/cohorts/{cohort.pk}/").status_code == 404  # not by pk
    for url in every_url(cohort, session)[1:]:
        assert client.post(url).status_code == 405


# ---------------------------------------------------------------------------------------------
# .ics
# ---------------------------------------------------------------------------------------------
def test_escape_and_fold():
    assert ics.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert ics.fold("x" * 75) == "x" * 75
    folded = ics.fold("DESCRIPTION:" + "é" * 100)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join([lines[0]] + [line[1:] for line in lines[1:]]) == "DESCRIPTION:" + "é" * 100
    assert ics.utc(START.astimezone(timezone.get_default_timezone())) == "20300304T070000Z"


def test_session_ics_download(client, cohort, session, aline):
    session.title = 'Law 058/2021, "privacy"; a\\b'
    session.agenda = "Line one, with a comma\nLine two; " + "données personnelles " * 8
    session.meeting_url = "https://meet.example.org/isoko?room=3"
    cohort_session_update(session=session)

    response = login(client, aline).get(
        reverse("lms_cohort_session_ics", args=[cohort.public_id, session.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'
    assert "private" in response["Cache-Control"]
    text = response.content.decode()
    assert any(line.startswith(" ") for line in text.split("\r\n"))  # long lines were folded
    calendar = parse_ics(text)
    assert calendar["PRODID"] == ics.PRODID and calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN" and calendar["METHOD"] == "PUBLISH"
    [event] = calendar["events"]
    assert event["UID"] == f"session-{session.pk}@isoko"
    assert event["DTSTART"] == "20300304T070000Z" and event["DTEND"] == "20300304T100000Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert event["SUMMARY"] == session.title
    assert event["DESCRIPTION"] == (
        session.agenda.strip() + "\n\nOnline meeting: https://meet.example.org/isoko?room=3"
    )
    assert event["LOCATION"] == "Kigali Convention Centre, room 3"
    assert event["URL"].endswith(f"{timetable_url(cohort)}#session-{session.pk}")
    assert event["SEQUENCE"] == "1"  # the save above moved it online: a new version
    assert event["STATUS"] == "CONFIRMED"
    assert "ORGANIZER" not in event and "ATTENDEE" not in event
    # Raw form of the escaped title.
    assert 'SUMMARY:Law 058/2021\\, "privacy"\\; a\\\\b\r\n' in text


def test_cohort_calendar_has_every_session_and_marks_the_cancelled(client, cohort, session, aline):
    new_session(cohort, "Cancelled one", starts_at=START + timedelta(days=7), cancelled=True)

    response = login(client, aline).get(reverse("lms_cohort_calendar", args=[cohort.public_id]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kigali-march-2030.ics"'
    calendar = parse_ics(response.content.decode())
    assert calendar["X-WR-CALNAME"] == "Kigali, March 2030"
    first, cancelled = calendar["events"]
    assert first["SUMMARY"] == "Opening" and first["STATUS"] == "CONFIRMED"
    assert cancelled["STATUS"] == "CANCELLED" and cancelled["SUMMARY"] == "Cancelled: Cancelled one"
    assert len({first["UID"], cancelled["UID"]}) == 2


# ---------------------------------------------------------------------------------------------
# Reminders, under frozen time
# ---------------------------------------------------------------------------------------------
def test_24h_and_1h_reminders_go_once_each_to_every_enrolled_learner(
    cohort, session, aline, policy_course, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    eric = member(cohort, "eric@example.com")
    left = member(cohort, "left@example.com")
    Enrolment.objects.filter(learner=left).update(status=Enrolment.Status.WITHDRAWN)
    gone = member(cohort, "gone@example.com")
    gone.is_active = False
    gone.save()
    member(new_cohort(policy_course, "Another intake"), "other@example.com")

    assert run_reminders(capture, now=DAY_MARK - timedelta(minutes=1)) == 0
    assert run_reminders(capture, now=DAY_MARK) == 2
    assert sorted(m.to[0] for m in mailoutbox) == [aline.email, eric.email]
    assert all(m.subject == "In 24 hours: Opening" for m in mailoutbox)

    # Every later beat run inside the window finds the records.
    for minutes in (5, 10, 29):
        assert run_reminders(capture, now=DAY_MARK + timedelta(minutes=minutes)) == 0
    assert len(mailoutbox) == 2

    assert run_reminders(capture, now=HOUR_MARK - timedelta(seconds=1)) == 0
    assert run_reminders(capture, now=HOUR_MARK + timedelta(minutes=3)) == 2
    assert run_reminders(capture, now=HOUR_MARK + timedelta(minutes=8)) == 0
    assert [m.subject for m in mailoutbox[2:]] == ["In one hour: Opening"] * 2

    rows = SessionReminder.objects.order_by("kind", "learner_id")
    assert [(r.kind, r.learner_id, r.sequence) for r in rows] == [
        ("1h", aline.pk, 0),
        ("1h", eric.pk, 0),
        ("24h", aline.pk, 0),
        ("24h", eric.pk, 0),
    ]
    assert all(r.emailed_at is not None for r in rows)


def test_a_beat_down_for_more_than_the_window_skips_that_reminder(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    late = DAY_MARK + timedelta(minutes=31)
    # The 24 h reminder would be 31 minutes late: not sent at an odd moment.
    assert run_reminders(django_capture_on_commit_callbacks, now=late) == 0
    assert mailoutbox == []


def test_cancelled_sessions_get_no_reminder(
    cohort, aline, mailoutbox, django_capture_on_commit_callbacks
):
    new_session(cohort, cancelled=True)
    assert run_reminders(django_capture_on_commit_callbacks, now=DAY_MARK) == 0
    assert run_reminders(django_capture_on_commit_callbacks, now=HOUR_MARK) == 0
    assert mailoutbox == []


def test_the_beat_task_with_a_patched_clock(
    monkeypatch, cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    entry = settings.CELERY_BEAT_SCHEDULE["cohort-session-reminders"]
    assert entry == {"task": "lms.send_session_reminders", "schedule": 300.0}
    assert entry["task"] in celery_app.tasks  # registered under that name

    monkeypatch.setattr(timezone, "now", lambda: DAY_MARK + timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders_task.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders_task.apply().get() == 0
    assert [m.to for m in mailoutbox] == [[aline.email]]
    reminder = SessionReminder.objects.get()
    assert reminder.sent_at == reminder.emailed_at == DAY_MARK + timedelta(minutes=2)


def test_restart_records_exist_so_nothing_is_resent(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    # A worker dies right after committing the records, before sending: the e-mail is lost
    # (at most once, as for every reminder), but a restarted beat never sends it twice.
    with django_capture_on_commit_callbacks(execute=False) as lost:
        assert session_reminders_send(now=DAY_MARK) == 1
    assert len(lost) == 1 and mailoutbox == []
    later = DAY_MARK + timedelta(minutes=5)
    assert run_reminders(django_capture_on_commit_callbacks, now=later) == 0
    assert mailoutbox == []
    assert SessionReminder.objects.count() == 1

    # The broker redelivers the e-mail task twice (acks_late): one e-mail.
    reminder = SessionReminder.objects.get()
    assert send_session_reminder_email_task.apply(args=[reminder.pk]).get() is True
    assert send_session_reminder_email_task.apply(args=[reminder.pk]).get() is False
    assert len(mailoutbox) == 1


def test_nothing_is_sent_before_commit_nor_to_someone_who_left_in_between(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert session_reminders_send(now=DAY_MARK) == 1
    assert mailoutbox == []
    Enrolment.objects.filter(learner=aline).update(status=Enrolment.Status.WITHDRAWN)
    callbacks[0]()
    assert mailoutbox == []


def test_a_unique_constraint_backs_the_records(cohort, session, aline):
    fields = {"session": session, "learner": aline, "kind": "24h", "sequence": 0}
    SessionReminder.objects.create(**fields, sent_at=DAY_MARK)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionReminder.objects.create(**fields, sent_at=DAY_MARK)


def test_smtp_errors_roll_back_and_propagate_for_a_retry(
    monkeypatch, cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        session_reminders_send(now=DAY_MARK)
    reminder = SessionReminder.objects.get()

    def refuse(self, fail_silently=False):
        raise SMTPException("451 try again later")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        with pytest.raises(SMTPException):
            session_reminder_email_send(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert reminder.emailed_at is None
    assert issubclass(SMTPException, send_session_reminder_email_task.autoretry_for)
    assert session_reminder_email_send(reminder_id=reminder.pk) is True
    assert len(mailoutbox) == 1


# ---------------------------------------------------------------------------------------------
# The e-mail: language, time zone, attachment
# ---------------------------------------------------------------------------------------------
def test_reminders_are_in_the_learners_language_and_time_zone(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    member(cohort, "chantal@example.com", language="fr", time_zone="Europe/Paris")
    run_reminders(django_capture_on_commit_callbacks, now=DAY_MARK)

    by_address = {m.to[0]: m for m in mailoutbox}
    english, french = by_address["aline@example.com"], by_address["chantal@example.com"]
    assert english.extra_headers["Content-Language"] == "en"
    assert english.body.startswith("Hello Aline Uwase,")
    assert "4 March 2030, 09:00 – 12:00 (Africa/Kigali)" in english.body
    assert "Kigali Convention Centre, room 3" in english.body
    assert f"{timetable_url(cohort)}#session-{session.pk}" in english.body
    assert french.extra_headers["Content-Language"] == "fr"
    assert french.body.startswith("Bonjour Aline Uwase,")
    assert "4 mars 2030, 08:00 – 11:00 (Europe/Paris)" in french.body
    assert "L’équipe Isoko" in french.body


def test_the_reminder_carries_the_ics_as_a_calendar_request(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    aline.profile.preferred_name = "Uwase, Aline: MINICT"
    aline.profile.save()
    run_reminders(django_capture_on_commit_callbacks, now=DAY_MARK)
    [message] = mailoutbox
    part = ics_attachment(message)

    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_filename() == f"session-{session.pk}.ics"
    raw = part.get_payload(decode=True)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = parse_ics(raw.decode())
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar["events"]
    assert event["UID"] == f"session-{session.pk}@isoko" and event["SEQUENCE"] == "0"
    assert event["DTSTART"] == "20300304T070000Z"
    assert event["ORGANIZER"] == "mailto:no-reply@isoko.example"
    assert event["ATTENDEE"] == f"mailto:{aline.email}"
    assert event["ATTENDEE;params"] == {
        "CN": '"Uwase, Aline: MINICT"',  # quoted: it holds a comma and a colon
        "ROLE": "REQ-PARTICIPANT",
        "RSVP": "FALSE",
    }
    # The whole message serialises (what the SMTP backend does).
    assert b"Content-Type: text/calendar" in message.message().as_bytes()


# ---------------------------------------------------------------------------------------------
# Moving or cancelling a session
# ---------------------------------------------------------------------------------------------
def test_moving_a_session_raises_its_sequence_and_tells_the_learners_once(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    eric = member(cohort, "eric@example.com")
    capture = django_capture_on_commit_callbacks

    with capture(execute=True):
        session.title = "Opening (new title)"
        session.agenda = "Only words changed."
        cohort_session_update(session=session)
    assert session.sequence == 0 and mailoutbox == []  # not a change of time or place

    with capture(execute=True):
        session.starts_at += timedelta(days=1)
        session.ends_at += timedelta(days=1)
        cohort_session_update(session=session)
    session.refresh_from_db()
    assert session.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == [aline.email, eric.email]
    message = mailoutbox[0]
    assert message.subject == "Session changed: Opening (new title)"
    assert "5 March 2030, 09:00" in message.body
    event = parse_ics(ics_attachment(message).get_payload(decode=True).decode())["events"][0]
    assert event["SEQUENCE"] == "1" and event["DTSTART"] == "20300305T070000Z"

    with capture(execute=True):
        cohort_session_update(session=session)  # nothing changed
        assert cohort_session_notify(session=session, changes={"starts_at"}) == 0  # again
    assert len(mailoutbox) == 2
    assert SessionReminder.objects.filter(kind="changed").count() == 2

    with capture(execute=True):
        session.venue = "Online only"
        cohort_session_update(session=session, update_fields=["venue"])
    session.refresh_from_db()
    assert session.sequence == 2 and len(mailoutbox) == 4


def test_cancelling_a_session_sends_a_cancel_once_and_no_reminders(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        session.cancelled = True
        cohort_session_update(session=session)
    assert session.sequence == 1
    [message] = mailoutbox
    assert message.subject == "Session cancelled: Opening"
    part = ics_attachment(message)
    assert part.get_param("method") == "CANCEL"
    calendar = parse_ics(part.get_payload(decode=True).decode())
    assert calendar["METHOD"] == "CANCEL"
    assert calendar["events"][0]["STATUS"] == "CANCELLED"
    assert calendar["events"][0]["SEQUENCE"] == "1"

    with capture(execute=True):
        session.venue = "Nowhere"  # editing a cancelled session concerns nobody
        cohort_session_update(session=session)
        cohort_session_update(session=session)
    assert len(mailoutbox) == 1
    assert run_reminders(capture, now=DAY_MARK) == 0
    assert len(mailoutbox) == 1

    with capture(execute=True):
        session.cancelled = False  # back on: a change like any other
        cohort_session_update(session=session)
    assert mailoutbox[-1].subject == "Session changed: Opening"
    assert len(mailoutbox) == 2


def test_only_the_latest_change_is_emailed_when_two_come_before_the_mail(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session.venue = "Room 4"
        cohort_session_update(session=session)
        session.venue = "Room 5"
        cohort_session_update(session=session)
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    assert "Venue: Room 5" in message.body


def test_changes_to_a_past_session_tell_nobody(
    cohort, aline, mailoutbox, django_capture_on_commit_callbacks
):
    past = new_session(cohort, starts_at=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        past.venue = "Corrected room"
        cohort_session_update(session=past)
    assert past.sequence == 1 and mailoutbox == []


def test_moving_a_session_in_the_wagtail_admin_tells_the_learners(
    editor_client, cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("cohortsession:edit", args=[session.pk])
    data = {
        "cohort": cohort.pk,
        "title": session.title,
        "agenda": session.agenda,
        "starts_at": "2030-03-04 14:00",  # Kigali time, was 09:00
        "ends_at": "2030-03-04 17:00",
        "venue": session.venue,
        "meeting_url": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.starts_at == datetime(2030, 3, 4, 12, 0, tzinfo=UTC)
    assert session.sequence == 1
    [message] = mailoutbox
    assert message.to == [aline.email] and "14:00 – 17:00" in message.body


def admin_edit_data(cohort, session, **changes):
    data = {
        "cohort": cohort.pk,
        "title": session.title,
        "agenda": session.agenda,
        "starts_at": "2030-03-04 09:00",  # Kigali time, as the session fixture
        "ends_at": "2030-03-04 12:00",
        "venue": session.venue,
        "meeting_url": "",
    }
    data.update(changes)
    return data


def test_cancelling_in_the_wagtail_admin_sends_the_cancel_once(
    editor_client, cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("cohortsession:edit", args=[session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, admin_edit_data(cohort, session, title="Renamed"))
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.title == "Renamed" and session.sequence == 0 and mailoutbox == []

    cancel = admin_edit_data(cohort, session, cancelled="on")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, cancel).status_code == 302
        assert editor_client.post(url, cancel).status_code == 302  # saved again, unchanged
    session.refresh_from_db()
    assert session.cancelled and session.sequence == 1
    [message] = mailoutbox
    assert message.to == [aline.email]
    assert message.subject == "Session cancelled: Renamed"
    assert ics_attachment(message).get_param("method") == "CANCEL"
    assert SessionReminder.objects.filter(kind="cancelled").count() == 1


def test_a_bare_model_save_tells_nobody(
    cohort, session, aline, mailoutbox, django_capture_on_commit_callbacks
):
    # Data fixes and seeds save sessions directly: only cohort_session_update tells learners.
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at += timedelta(days=1)
        session.ends_at += timedelta(days=1)
        session.cancelled = True
        session.save()
    session.refresh_from_db()
    assert session.sequence == 0
    assert mailoutbox == [] and not SessionReminder.objects.exists()


@pytest.mark.parametrize("value", ["", "Europe/Paris", "Mars/Olympus", None])
def test_the_zone_select_is_the_markup_djangos_select_makes(value):
    # ZoneSelect builds the ~600 options in Python instead of one template each; the page must
    # not tell the difference (the same attributes, options, labels and selection).
    from django import forms
    from django.test.html import parse_html

    from lms.cohorts.views.sessions import ZoneSelect, _time_zone_choices

    attrs = {"id": "id_time_zone", "aria-describedby": "time-zone-help"}
    ours = ZoneSelect(choices=_time_zone_choices()).render("time_zone", value, attrs)
    django = forms.Select(choices=_time_zone_choices()).render("time_zone", value, attrs)
    assert parse_html(ours) == parse_html(django)
    assert ours.count("<option") > 300
