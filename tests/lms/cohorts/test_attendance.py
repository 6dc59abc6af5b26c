"""Attendance: the roster (with and without JavaScript), the audit, self check-in codes, the
permission boundaries of every view, and completion through attendance."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from core.learner_cache import is_generation_bump  # the dashboard's generation, bumped on commit
from lms.cohorts import checkin
from lms.cohorts.attendance import attendance_set, roster_for, session_counts
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import Attendance, AttendanceChange, Cohort, CohortSession, Completion, Enrolment
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

KIGALI = ZoneInfo("Africa/Kigali")
START = datetime(2027, 3, 1, 9, 0, tzinfo=KIGALI)
END = START + timedelta(hours=3)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@shared(needs=("site",))
def attendance_world(site):
    """A cohort of a cohort-format course (one required quiz), two sessions, two learners, its
    facilitator; another cohort with its own facilitator; staff; someone in no cohort."""
    catalog = factories.catalog(site)
    course = factories.course(catalog, "Policy", format="cohort")
    week = factories.module(course, "Week 1")
    factories.lesson(week, "Reading")
    quiz = factories.quiz(week, "Policy check", pass_mark=70, max_attempts=3)
    cohort = Cohort.objects.create(
        course=course,
        name="Kigali 2027",
        starts_on=START.date(),
        ends_on=START.date() + timedelta(days=7),
        capacity=10,
        attendance_threshold=75,
    )
    other_cohort = Cohort.objects.create(
        course=course,
        name="Huye 2027",
        starts_on=START.date(),
        ends_on=START.date() + timedelta(days=7),
        capacity=10,
    )
    facilitator = UserFactory(email="facilitator@example.com")
    other_facilitator = UserFactory(email="other.facilitator@example.com")
    cohort.facilitators.add(facilitator)
    other_cohort.facilitators.add(other_facilitator)
    first = CohortSession.objects.create(
        cohort=cohort, title="Opening", starts_at=START, ends_at=END, venue="Room 3"
    )
    second = CohortSession.objects.create(
        cohort=cohort,
        title="Closing",
        starts_at=START + timedelta(days=7),
        ends_at=END + timedelta(days=7),
    )
    other_session = CohortSession.objects.create(
        cohort=other_cohort, title="Huye opening", starts_at=START, ends_at=END
    )
    alice = UserFactory(email="alice@example.com", profile__full_name="Alice Mukamana")
    bosco = UserFactory(email="bosco@example.com", profile__full_name="Bosco Habimana")
    outsider = UserFactory(email="outsider@example.com")
    for learner in (alice, bosco):
        cohort_enrol(cohort=cohort, learner=learner)
    return SimpleNamespace(
        course=course,
        quiz=quiz,
        cohort=cohort,
        other_cohort=other_cohort,
        session=first,
        second=second,
        other_session=other_session,
        facilitator=facilitator,
        other_facilitator=other_facilitator,
        staff=StaffFactory(email="staff@example.com"),
        alice=alice,
        bosco=bosco,
        outsider=outsider,
    )


@pytest.fixture
def world(attendance_world):
    """The attendance world (built once for the tests of this module that use it: see
    tests/shared_data.py)."""
    return attendance_world


def url(name: str, session: CohortSession) -> str:
    return reverse(name, args=[session.cohort.public_id, session.pk])


def at(moment: datetime, monkeypatch) -> None:
    monkeypatch.setattr(checkin, "now", lambda: moment)


# --- The service ------------------------------------------------------------------------------


def test_attendance_set_audits_each_change_once(world):
    attendance_set(
        session=world.session,
        learner=world.alice,
        status="absent",
        actor=world.facilitator,
        via="roster",
    )
    attendance_set(
        session=world.session,
        learner=world.alice,
        status="present",
        actor=world.alice,
        via="code",
    )
    # The same mark again (a double tap, a replay): no new audit row.
    attendance_set(
        session=world.session,
        learner=world.alice,
        status="present",
        actor=world.facilitator,
        via="roster",
    )
    assert Attendance.objects.get(session=world.session, learner=world.alice).status == "present"
    changes = list(
        AttendanceChange.objects.order_by("pk").values_list("previous", "status", "via", "actor")
    )
    assert changes == [
        ("", "absent", "roster", world.facilitator.pk),
        ("absent", "present", "code", world.alice.pk),
    ]


def test_attendance_set_refuses_outsiders_cancelled_sessions_and_bad_statuses(world):
    with pytest.raises(LmsError) as refused:
        attendance_set(
            session=world.session,
            learner=world.outsider,
            status="present",
            actor=world.facilitator,
            via="roster",
        )
    assert refused.value.code == "not_in_cohort"
    world.second.cancelled = True
    world.second.save()
    with pytest.raises(LmsError) as refused:
        attendance_set(
            session=world.second,
            learner=world.alice,
            status="present",
            actor=world.facilitator,
            via="roster",
        )
    assert refused.value.code == "cancelled"
    with pytest.raises(LmsError) as refused:
        attendance_set(
            session=world.session,
            learner=world.alice,
            status="late",
            actor=world.facilitator,
            via="roster",
        )
    assert refused.value.code == "bad_status"
    assert not Attendance.objects.exists() and not AttendanceChange.objects.exists()


def test_a_withdrawn_learner_is_no_longer_on_the_roster(world):
    Enrolment.objects.filter(learner=world.bosco).update(status=Enrolment.Status.WITHDRAWN)
    roster = roster_for(world.session)
    assert [row.learner for row in roster.rows] == [world.alice]
    with pytest.raises(LmsError):
        attendance_set(
            session=world.session,
            learner=world.bosco,
            status="present",
            actor=world.facilitator,
            via="roster",
        )


# --- The roster -------------------------------------------------------------------------------


def test_roster_lists_every_learner_with_one_form_each(world):
    attendance_set(
        session=world.session,
        learner=world.bosco,
        status="excused",
        actor=world.facilitator,
        via="roster",
    )
    response = client_for(world.facilitator).get(url("lms_cohort_roster", world.session))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice Mukamana" in html and "Bosco Habimana" in html
    assert f'id="learner-{world.alice.pk}"' in html
    roster = url("lms_cohort_roster", world.session)
    assert html.count(f'<form method="post" action="{roster}">') == 2
    assert re.search(r'value="excused"[^>]*aria-pressed="true"', html)
    assert response.context["counts"] == {"present": 0, "absent": 0, "excused": 1, "unmarked": 1}
    assert 'src="/static/js/roster.js"' in html and "<script>" not in html
    assert "Content-Security-Policy" in response.headers


def test_roster_without_javascript_posts_and_returns_to_the_row(world):
    client = client_for(world.facilitator)
    roster = url("lms_cohort_roster", world.session)
    response = client.post(roster, {"learner": world.alice.pk, "status": "present"})
    assert response.status_code == 302
    assert response["Location"] == f"{roster}#learner-{world.alice.pk}"
    assert Attendance.objects.get(learner=world.alice, session=world.session).status == "present"
    change = AttendanceChange.objects.get()
    assert (change.previous, change.status, change.via, change.actor) == (
        "",
        "present",
        "roster",
        world.facilitator,
    )
    page = client.get(roster)
    assert page.context["counts"]["present"] == 1
    assert re.search(
        rf'id="learner-{world.alice.pk}".*?value="present"[^>]*aria-pressed="true"',
        page.content.decode(),
        re.S,
    )


def test_roster_with_javascript_answers_json(world):
    client = client_for(world.facilitator)
    roster = url("lms_cohort_roster", world.session)
    response = client.post(
        roster,
        {"learner": world.bosco.pk, "status": "excused"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "learner": world.bosco.pk,
        "status": "excused",
        "label": "Excused",
        "counts": {"present": 0, "absent": 0, "excused": 1, "unmarked": 1},
    }
    # Tapping the same button again is harmless: same answer, no second audit row.
    again = client.post(
        roster,
        {"learner": world.bosco.pk, "status": "excused"},
        headers={"accept": "application/json"},
    )
    assert again.json()["status"] == "excused"
    assert AttendanceChange.objects.count() == 1
    assert Attendance.objects.count() == 1


def test_roster_refuses_a_learner_of_another_cohort_and_bad_input(world):
    client = client_for(world.facilitator)
    roster = url("lms_cohort_roster", world.session)
    json_headers = {"accept": "application/json"}
    outsider = client.post(
        roster, {"learner": world.outsider.pk, "status": "present"}, headers=json_headers
    )
    assert outsider.status_code == 403 and outsider.json()["code"] == "not_in_cohort"
    nobody = client.post(roster, {"learner": "nobody", "status": "present"}, headers=json_headers)
    assert nobody.status_code == 403
    # "²" is a digit to str.isdigit() but not to int(): it was a 500.
    for odd in ("²", "9" * 30):
        answer = client.post(roster, {"learner": odd, "status": "present"}, headers=json_headers)
        assert answer.status_code == 403, odd
    bad = client.post(roster, {"learner": world.alice.pk, "status": "late"}, headers=json_headers)
    assert bad.status_code == 400 and bad.json()["code"] == "bad_status"
    # Without JavaScript the refusal comes back as a message on the roster.
    html = client.post(roster, {"learner": world.outsider.pk, "status": "present"}, follow=True)
    assert "not in the cohort" in html.content.decode()
    assert not Attendance.objects.exists()


def test_roster_of_a_cancelled_session_shows_no_forms_and_refuses_marks(world):
    world.session.cancelled = True
    world.session.save()
    client = client_for(world.facilitator)
    roster = url("lms_cohort_roster", world.session)
    page = client.get(roster)
    assert "cancelled" in page.content.decode() and 'name="status"' not in page.content.decode()
    response = client.post(
        roster,
        {"learner": world.alice.pk, "status": "present"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 409
    assert not Attendance.objects.exists()


def test_roster_counts_ignore_marks_of_people_who_left(world):
    attendance_set(
        session=world.session,
        learner=world.bosco,
        status="present",
        actor=world.facilitator,
        via="roster",
    )
    Enrolment.objects.filter(learner=world.bosco).update(status=Enrolment.Status.WITHDRAWN)
    expected = {"present": 0, "absent": 0, "excused": 0, "unmarked": 1}
    assert session_counts(world.session) == expected == roster_for(world.session).counts


def test_roster_queries_do_not_grow_with_the_cohort(world, django_assert_max_num_queries):
    world.cohort.capacity = 100
    world.cohort.save()
    for number in range(30):
        learner = UserFactory(email=f"delegate{number}@example.com")
        cohort_enrol(cohort=world.cohort, learner=learner)
        Attendance.objects.create(session=world.session, learner=learner, status="present")
    client = client_for(world.facilitator)
    with django_assert_max_num_queries(10):
        response = client.get(url("lms_cohort_roster", world.session))
    assert response.context["counts"]["present"] == 30


# --- Permission boundaries, for every view -----------------------------------------------------


SESSION_VIEWS = ["lms_cohort_roster", "lms_cohort_checkin_code"]


@pytest.mark.parametrize("name", SESSION_VIEWS)
def test_facilitator_views_refuse_everyone_but_the_cohorts_facilitators_and_staff(world, name):
    target = url(name, world.session)
    anonymous = client_for(None).get(target)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for refused in (world.alice, world.outsider, world.other_facilitator):
        assert client_for(refused).get(target).status_code == 403, refused.email
    for allowed in (world.facilitator, world.staff):
        assert client_for(allowed).get(target).status_code == 200, allowed.email
    # A session of another cohort, reached through this cohort's address: not found.
    wrong = reverse(name, args=[world.cohort.public_id, world.other_session.pk])
    assert client_for(world.facilitator).get(wrong).status_code == 404


def test_roster_posts_are_refused_to_everyone_but_facilitators_and_staff(world):
    target = url("lms_cohort_roster", world.session)
    data = {"learner": world.alice.pk, "status": "present"}
    anonymous = client_for(None).post(target, data)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for refused in (world.alice, world.outsider, world.other_facilitator):
        assert client_for(refused).post(target, data).status_code == 403
    assert not Attendance.objects.exists()
    assert client_for(world.staff).post(target, data).status_code == 302
    change = AttendanceChange.objects.get()
    assert change.actor == world.staff


def test_my_cohorts_lists_only_the_facilitators_own_cohorts(world, django_assert_max_num_queries):
    target = reverse("lms_cohort_mine")
    anonymous = client_for(None).get(target)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(world.alice).get(target).status_code == 403
    client = client_for(world.facilitator)
    with django_assert_max_num_queries(8):
        page = client.get(target)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kigali 2027" in html and "Huye 2027" not in html
    assert url("lms_cohort_roster", world.session) in html
    assert url("lms_cohort_checkin_code", world.second) in html
    assert url("lms_cohort_roster", world.other_session) not in html
    other = client_for(world.other_facilitator).get(target).content.decode()
    assert "Huye 2027" in other and "Kigali 2027" not in other
    staff = client_for(world.staff).get(target).content.decode()
    assert "Huye 2027" in staff and "Kigali 2027" in staff


def test_my_cohorts_is_empty_for_a_new_member_of_the_facilitators_group(world):
    from django.contrib.auth.models import Group

    newcomer = UserFactory(email="newcomer@example.com")
    newcomer.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    page = client_for(newcomer).get(reverse("lms_cohort_mine"))
    assert page.status_code == 200 and page.context["cohorts"] == []


def test_check_in_is_for_the_cohorts_learners_only(world, monkeypatch):
    at(START, monkeypatch)
    target = url("lms_cohort_checkin", world.session)
    anonymous = client_for(None).get(target + "?code=123456")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for refused in (world.outsider, world.facilitator, world.other_facilitator, world.staff):
        assert client_for(refused).get(target).status_code == 403, refused.email
        code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(START))
        assert client_for(refused).post(target, {"code": code}).status_code == 403
    assert client_for(world.alice).get(target).status_code == 200
    wrong = reverse("lms_cohort_checkin", args=[world.cohort.public_id, world.other_session.pk])
    assert client_for(world.alice).get(wrong).status_code == 404
    assert not Attendance.objects.exists()


# --- Check-in codes --------------------------------------------------------------------------


def test_codes_are_six_digits_that_change_every_step_and_per_session(world):
    step = checkin.step_at(START)
    code = checkin.code_for(session_id=world.session.pk, step=step)
    assert re.fullmatch(r"\d{6}", code)
    assert code == checkin.code_for(session_id=world.session.pk, step=step)
    following = [checkin.code_for(session_id=world.session.pk, step=step + n) for n in range(5)]
    assert len(set(following)) > 1
    assert code != checkin.code_for(session_id=world.second.pk, step=step)


def test_code_check_accepts_the_current_and_previous_step_only(world):
    session = world.session
    moment = START + timedelta(minutes=30)
    step = checkin.step_at(moment)
    current = checkin.code_for(session_id=session.pk, step=step)
    previous = checkin.code_for(session_id=session.pk, step=step - 1)
    expired = checkin.code_for(session_id=session.pk, step=step - 2)
    assert checkin.code_check(session, current, at=moment) is checkin.Check.OK
    assert checkin.code_check(session, checkin.display(current), at=moment) is checkin.Check.OK
    assert checkin.code_check(session, previous, at=moment) is checkin.Check.OK
    assert checkin.code_check(session, expired, at=moment) is checkin.Check.WRONG
    assert checkin.code_check(session, "12345", at=moment) is checkin.Check.WRONG
    assert checkin.code_check(session, "abcdef", at=moment) is checkin.Check.WRONG


def test_code_check_only_within_the_window_plus_minus_fifteen_minutes(world):
    session = world.session

    def check(moment):
        code = checkin.code_for(session_id=session.pk, step=checkin.step_at(moment))
        return checkin.code_check(session, code, at=moment)

    assert check(START - timedelta(minutes=15)) is checkin.Check.OK
    assert check(END + timedelta(minutes=15)) is checkin.Check.OK
    assert check(START - timedelta(minutes=15, seconds=1)) is checkin.Check.CLOSED
    assert check(END + timedelta(minutes=15, seconds=1)) is checkin.Check.CLOSED
    assert checkin.current_code(session, at=START - timedelta(minutes=16)) is None
    assert checkin.current_code(session, at=START) is not None


def test_a_learner_checks_in_with_the_current_code(world, monkeypatch):
    moment = START + timedelta(minutes=5)
    at(moment, monkeypatch)
    client = client_for(world.alice)
    target = url("lms_cohort_checkin", world.session)
    code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(moment))
    # The QR code's link fills the code in; the learner still taps "Check in" (GET changes nothing).
    form = client.get(f"{target}?code={code}")
    assert f'value="{code}"' in form.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(target, {"code": checkin.display(code)})
    assert response.status_code == 302 and response["Location"] == target
    assert Attendance.objects.get(learner=world.alice).status == "present"
    change = AttendanceChange.objects.get()
    assert (change.via, change.actor, change.previous) == ("code", world.alice, "")
    assert "You are marked present" in client.get(target).content.decode()


def test_the_previous_code_still_works_but_not_an_older_one(world, monkeypatch):
    moment = START + timedelta(minutes=5)
    step = checkin.step_at(moment)
    at(moment, monkeypatch)
    target = url("lms_cohort_checkin", world.session)
    previous = checkin.code_for(session_id=world.session.pk, step=step - 1)
    expired = checkin.code_for(session_id=world.session.pk, step=step - 2)
    refused = client_for(world.bosco).post(target, {"code": expired})
    assert refused.status_code == 400
    assert (
        "That code is not right or has expired — ask your facilitator for the current one"
        in refused.content.decode()
    )
    assert not Attendance.objects.filter(learner=world.bosco).exists()
    accepted = client_for(world.bosco).post(target, {"code": previous})
    assert accepted.status_code == 302
    assert Attendance.objects.get(learner=world.bosco).status == "present"


def test_a_wrong_code_is_refused(world, monkeypatch):
    moment = START + timedelta(minutes=5)
    at(moment, monkeypatch)
    right = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(moment))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client_for(world.alice).post(
        url("lms_cohort_checkin", world.session), {"code": wrong}
    )
    assert response.status_code == 400
    assert "That code is not right or has expired" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "moment", [START - timedelta(minutes=16), END + timedelta(minutes=16)], ids=["early", "late"]
)
def test_check_in_outside_the_window_is_refused_with_the_window(world, monkeypatch, moment):
    at(moment, monkeypatch)
    # Even the code of that very moment: outside the window no code works.
    code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(moment))
    response = client_for(world.alice).post(
        url("lms_cohort_checkin", world.session), {"code": code}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Check-in is open from 1 March 2027, 08:45 to 1 March 2027, 12:15." in html
    assert not Attendance.objects.exists()


def test_check_in_attempts_are_rate_limited_per_learner_and_session(world, monkeypatch):
    moment = START + timedelta(minutes=5)
    at(moment, monkeypatch)
    target = url("lms_cohort_checkin", world.session)
    client = client_for(world.alice)
    for _ in range(checkin.ATTEMPTS_PER_MINUTE):
        assert client.post(target, {"code": "000000"}).status_code in (400, 302)
    code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(moment))
    limited = client.post(target, {"code": code})
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert "Too many tries" in limited.content.decode()
    assert not Attendance.objects.filter(learner=world.alice).exists()
    # Another learner is not held back by Alice's tries.
    assert client_for(world.bosco).post(target, {"code": code}).status_code == 302


def test_check_in_to_a_cancelled_session_is_refused(world, monkeypatch):
    at(START, monkeypatch)
    world.session.cancelled = True
    world.session.save()
    code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(START))
    response = client_for(world.alice).post(
        url("lms_cohort_checkin", world.session), {"code": code}
    )
    assert response.status_code == 409
    assert not Attendance.objects.exists()


def test_the_code_page_shows_digits_and_a_qr_code_and_refreshes(world, monkeypatch):
    moment = START + timedelta(minutes=1, seconds=10)
    at(moment, monkeypatch)
    encoded = []
    real_qr = checkin.qr_data_uri
    monkeypatch.setattr(checkin, "qr_data_uri", lambda text: encoded.append(text) or real_qr(text))
    response = client_for(world.facilitator).get(url("lms_cohort_checkin_code", world.session))
    assert response.status_code == 200
    html = response.content.decode()
    code = checkin.code_for(session_id=world.session.pk, step=checkin.step_at(moment))
    assert checkin.display(code) in html
    assert 'src="data:image/svg+xml;base64,' in html
    # The QR code carries the check-in link with the code filled in.
    checkin_url = "http://testserver" + url("lms_cohort_checkin", world.session)
    assert encoded == [f"{checkin_url}?code={code}"]
    qr = response.context["qr"].split(",", 1)[1]
    svg = base64.b64decode(qr).decode()
    assert svg.startswith("<svg") and "<script" not in svg
    # A standalone SVG (an <img> shows none without the namespace) that scales to the <img>.
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg and "viewBox=" in svg
    # It reloads one second after the code changes, by a script the facilitator can pause: a
    # meta refresh cannot be stopped (WCAG 2.2.1, axe's meta-refresh; the crawl found it).
    assert 'http-equiv="refresh"' not in html
    assert 'data-checkin-refresh="21"' in html and "js/checkin-code.js" in html
    assert re.search(r'<button type="button"[^>]*aria-pressed="false" hidden>Pause updates', html)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_code_page_shows_no_code_outside_the_window(world, monkeypatch):
    at(START - timedelta(hours=2), monkeypatch)
    response = client_for(world.facilitator).get(url("lms_cohort_checkin_code", world.session))
    assert response.status_code == 200
    assert response.context["code"] == "" and response.context["qr"] == ""
    assert "Check-in is open from" in response.content.decode()


# --- Completion -------------------------------------------------------------------------------


def test_a_cohort_learner_completes_on_attendance_and_the_quiz_with_one_event(
    world, django_capture_on_commit_callbacks
):
    from tests.lms.test_completion import pass_quiz

    # The quiz first: attendance (0 of 2 sessions) is below the 75% threshold, so no completion.
    with django_capture_on_commit_callbacks() as callbacks:
        assert pass_quiz(world.alice, world.quiz).passed
    assert not [c for c in callbacks if not is_generation_bump(c)]
    assert not Completion.objects.exists()
    attendance_set(
        session=world.session,
        learner=world.alice,
        status="present",
        actor=world.facilitator,
        via="roster",
    )
    assert not Completion.objects.exists()  # 50%
    with django_capture_on_commit_callbacks() as callbacks:
        attendance_set(
            session=world.second,
            learner=world.alice,
            status="present",
            actor=world.alice,
            via="code",
        )
    assert len([c for c in callbacks if not is_generation_bump(c)]) == 1
    enrolment = Enrolment.objects.get(learner=world.alice)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Completion.objects.filter(enrolment=enrolment).count() == 1
    # Later changes neither emit a second event nor take completion back.
    with django_capture_on_commit_callbacks() as callbacks:
        attendance_set(
            session=world.second,
            learner=world.alice,
            status="absent",
            actor=world.facilitator,
            via="roster",
        )
    assert not [c for c in callbacks if not is_generation_bump(c)]
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.COMPLETED


def test_an_excused_session_does_not_count_against_the_threshold(world):
    from tests.lms.test_completion import pass_quiz

    pass_quiz(world.bosco, world.quiz)
    for session, status in ((world.session, "present"), (world.second, "excused")):
        attendance_set(
            session=session,
            learner=world.bosco,
            status=status,
            actor=world.facilitator,
            via="roster",
        )
    assert Completion.objects.filter(enrolment__learner=world.bosco).exists()


def test_json_payload_is_plain(world):
    """The roster's JSON is what roster.js reads: nothing else leaks in it (no e-mail)."""
    response = client_for(world.facilitator).post(
        url("lms_cohort_roster", world.session),
        {"learner": world.alice.pk, "status": "absent"},
        headers={"accept": "application/json"},
    )
    assert "alice@example.com" not in json.dumps(response.json())
