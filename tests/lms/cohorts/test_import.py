"""Bulk enrolment by CSV upload: every bad-file case with its row numbers,
nothing imported while any row is bad, a clean import (invitation link followed to a password
and a login; an existing user enrolled and told), a re-upload that changes nothing, the limits,
permissions, and the roster export."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from lms.cohorts import roster_import as cohort_import
from lms.cohorts.models import CohortImport
from lms.cohorts.roster_import import (
    MAX_ROWS,
    EmailsInterrupted,
    Existing,
    applying,
    check_rows,
    cohort_import_csv,
    cohort_import_emails_send,
    normalise_language,
    parse_csv,
)
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import (
    Attendance,
    Cohort,
    CohortSession,
    Enrolment,
    EnrolmentEvent,
)
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.shared_data import shared

START = date(2099, 3, 1)
HEADER = ["email", "full name", "organisation", "role", "language"]
NEW_PASSWORD = "Kigali-delegate-2099!"


def csv_bytes(rows, header=HEADER, *, encoding="utf-8", delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def make_cohort(course, **fields) -> Cohort:
    values = {
        "course": course,
        "name": "Kigali 2099 intake",
        "starts_on": START,
        "ends_on": START + timedelta(days=30),
        "capacity": 10,
        **fields,
    }
    return Cohort.objects.create(**values)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def import_url(cohort) -> str:
    return reverse("lms_cohort_import", args=[cohort.public_id])


def roster_url(cohort) -> str:
    return reverse("lms_cohort_roster_csv", args=[cohort.public_id])


def post_file(client, cohort, data: bytes, *, action="import", name="people.csv"):
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(import_url(cohort), {"file": upload, "action": action})


def errors_of(result) -> list[tuple[int, str]]:
    return [(error.row, error.code) for error in result.errors]


def state(cohort) -> dict:
    """Everything an import could change."""
    cohort.refresh_from_db()
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "events": EnrolmentEvent.objects.count(),
        "imports": CohortImport.objects.count(),
        "seats": cohort.seats_taken,
    }


@shared(needs=("site",))
def import_policy_course(site):
    return factories.course(factories.catalog(site), "Policy", format="cohort")


@pytest.fixture
def policy_course(import_policy_course):
    """Built once for the tests of this module that use it: see tests/shared_data.py."""
    return import_policy_course


@pytest.fixture
def cohort(policy_course):
    return make_cohort(policy_course)


@pytest.fixture
def facilitator(cohort):
    user = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(user)
    return user


@pytest.fixture
def facilitator_client(facilitator):
    return logged_in(facilitator)


@pytest.fixture
def existing(db):
    """Someone with an account who is not in the cohort yet."""
    user = UserFactory(email="Jean.Bosco@Example.org".lower())
    user.profile.full_name = "Jean Bosco Habimana"
    user.profile.preferred_language = "rw"
    user.profile.save()
    return user


# ---------------------------------------------------------------------------------------------
# The file on its own (pure)
# ---------------------------------------------------------------------------------------------
def test_every_bad_row_is_reported_with_its_row_number_and_reason():
    data = csv_bytes(
        [
            ["amina@example.org", "Amina Uwase", "MINICOM", "Officer", "fr"],  # row 2: fine
            ["not-an-email", "Bad Address", "", "", "en"],  # 3
            ["", "No Address", "", "", "en"],  # 4
            ["AMINA@Example.org", "Amina Again", "", "", "en"],  # 5: duplicate of row 2
            ["deo@example.org", "Deo Nshuti", "", "", "de"],  # 6: unknown language
            ["eric@example.org", "", "RDB", "", "sw"],  # 7: no full name
            ["fang@example.org", "Fang Li", "", "", "zh_Hans"],  # 8: fine
            ["two words@example.org", "x" * 201, "", "", "xx"],  # 9: three problems
        ]
    )
    parsed = parse_csv(data)
    assert parsed.file_error is None
    assert parsed.total_rows == 8
    assert [(e.row, e.code) for e in parsed.errors] == [
        (3, "email"),
        (4, "email"),
        (5, "duplicate"),
        (6, "language"),
        (7, "full_name"),
        (9, "email"),
        (9, "too_long"),
        (9, "language"),
    ]
    reasons = {(e.row, e.code): e.reason for e in parsed.errors}
    assert "not a valid e-mail address" in reasons[(3, "email")]
    assert "missing" in reasons[(4, "email")]
    assert "row 2" in reasons[(5, "duplicate")]
    assert "“de”" in reasons[(6, "language")] and "zh-hans" in reasons[(6, "language")]
    assert "full name is missing" in reasons[(7, "full_name")]
    assert [row.number for row in parsed.rows] == [2, 8]
    assert parsed.rows[1].language == "zh-hans"
    assert parsed.rows[0].email == "amina@example.org"


def test_header_names_are_matched_case_insensitively_in_any_order_and_extra_columns_ignored():
    data = csv_bytes(
        [["fr", "Amina Uwase", "Amina@Example.org", "Director", "MINEACOM", "+250788"]],
        header=["LANGUAGE", "Name", "E-Mail", "Title", "Organization", "Phone"],
    )
    parsed = parse_csv(data)
    assert parsed.file_error is None and not parsed.errors
    (row,) = parsed.rows
    assert (row.email, row.full_name, row.organisation, row.role, row.language) == (
        "amina@example.org",
        "Amina Uwase",
        "MINEACOM",
        "Director",
        "fr",
    )
    assert parsed.ignored_columns == ["Phone"]
    other = parse_csv(csv_bytes([["a@example.org", "A"]], header=["Email", "Full_Name"]))
    assert other.rows[0].language == settings.LANGUAGE_CODE  # no language column: the default


def test_semicolon_separated_files_from_french_spreadsheets_are_read():
    parsed = parse_csv(
        csv_bytes([["a@example.org", "Aimé Ndayisaba", "", "", "fr"]], delimiter=";")
    )
    assert not parsed.errors and parsed.rows[0].full_name == "Aimé Ndayisaba"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("zh_Hans", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("ZH-HANS", "zh-hans"),
        ("FR", "fr"),
        (" rw ", "rw"),
        ("", "en"),
        ("de", None),
        ("zh", None),
        ("français", None),
    ],
)
def test_language_codes(typed, code):
    assert normalise_language(typed) == code


def test_a_file_without_header_is_refused_as_a_whole():
    parsed = parse_csv(csv_bytes([["amina@example.org", "Amina Uwase"]], header=None))
    assert parsed.file_error.code == "no_header"
    assert "Missing" in parsed.file_error.message
    assert not parsed.rows and not parsed.errors


def test_duplicate_header_and_empty_files_are_refused():
    assert parse_csv(b"").file_error.code == "empty"
    assert parse_csv(csv_bytes([])).file_error.code == "empty"  # a header and nothing else
    twice = parse_csv(csv_bytes([["a@x.org", "A", "b@x.org"]], header=["email", "name", "E-mail"]))
    assert twice.file_error.code == "no_header" and "twice" in twice.file_error.message


def test_blank_lines_are_skipped_and_rows_keep_spreadsheet_numbers():
    data = b"email,full name\r\n\r\namina@example.org,Amina\r\n,\r\nbad,Bad\r\n"
    parsed = parse_csv(data)
    assert parsed.total_rows == 2
    assert [row.number for row in parsed.rows] == [3]
    assert errors_of(parsed) == [(5, "email")]


def test_encoding_utf8_with_or_without_bom_is_read_anything_else_is_not_utf8_text():
    rows = [["amina@example.org", "Amélie Mukamana", "Ministère", "", "fr"]]
    assert parse_csv(csv_bytes(rows)).rows[0].full_name == "Amélie Mukamana"
    assert parse_csv(csv_bytes(rows, encoding="utf-8-sig")).rows[0].full_name == "Amélie Mukamana"
    for encoding in ("cp1252", "utf-16"):
        parsed = parse_csv(csv_bytes(rows, encoding=encoding))
        assert parsed.file_error.code == "not_utf8"
        assert parsed.file_error.message.startswith("The file is not UTF-8 text")
        assert not parsed.rows and not parsed.errors


def test_size_and_row_limits():
    big = csv_bytes([["a@example.org", "A" * 150, "B" * 150]] * 4000)
    assert len(big) > cohort_import.MAX_BYTES
    too_big = parse_csv(big)
    assert too_big.file_error.code == "too_big" and "1 MB" in too_big.file_error.message

    rows = [[f"person{n}@example.org", f"Person {n}"] for n in range(MAX_ROWS + 1)]
    too_many = parse_csv(csv_bytes(rows, header=["email", "name"]))
    assert too_many.file_error.code == "too_many_rows"
    assert "5,001" in too_many.file_error.message and "5,000" in too_many.file_error.message
    just_right = parse_csv(csv_bytes(rows[:MAX_ROWS], header=["email", "name"]))
    assert just_right.file_error is None and len(just_right.rows) == MAX_ROWS


def test_capacity_counts_only_rows_that_need_a_seat():
    parsed = parse_csv(
        csv_bytes(
            [
                ["member@example.org", "Member"],  # 2: in the cohort, needs no seat
                ["new1@example.org", "New One"],  # 3
                ["known@example.org", "Known"],  # 4: has an account, needs a seat
                ["new2@example.org", "New Two"],  # 5: over
                ["new3@example.org", "New Three"],  # 6: over
            ],
            header=["email", "name"],
        )
    )
    existing = {
        "member@example.org": Existing(user_id=1, member=True),
        "known@example.org": Existing(user_id=2),
    }
    result = check_rows(parsed, existing=existing, seats_left=2)
    assert errors_of(result) == [(5, "capacity"), (6, "capacity")]
    assert "2 seats left" in result.errors[0].reason and "needs 4" in result.errors[0].reason
    assert not result.ok and result.seats_needed == 4
    fits = check_rows(parsed, existing=existing, seats_left=4)
    assert fits.ok
    assert [row.number for row in fits.to_invite] == [3, 5, 6]
    assert [(row.number, pk) for row, pk in fits.to_enrol] == [(4, 2)]
    assert [row.number for row in fits.already] == [2]


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------
def test_nothing_is_imported_while_any_row_is_bad(cohort, facilitator_client, existing):
    before = state(cohort)
    data = csv_bytes(
        [
            ["amina@example.org", "Amina Uwase", "MINICOM", "Officer", "fr"],
            [existing.email, "Jean Bosco", "", "", "rw"],
            ["eric@example", "Eric", "", "", "en"],  # row 4
        ]
    )
    response = post_file(facilitator_client, cohort, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert re.search(r"<th scope=\"row\">4</th>\s*<td>eric@example</td>", page)
    assert state(cohort) == before
    assert not mail.outbox


def test_clean_import_invites_new_people_and_enrols_existing_users(
    cohort, facilitator, facilitator_client, existing, django_capture_on_commit_callbacks
):
    data = csv_bytes(
        [
            ["Amina@Example.org", "Amina Uwase", "MINICOM", "Trade policy officer", "fr"],
            [existing.email.upper(), "J. B. Habimana", "RRA", "Commissioner", "en"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(facilitator_client, cohort, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was imported." in page
    assert re.search(r'data-count="invited">1<', page)
    assert re.search(r'data-count="enrolled">1<', page)
    assert re.search(r'data-count="already">0<', page)

    amina = User.objects.get(email="amina@example.org")
    assert not amina.has_usable_password()
    assert (amina.profile.full_name, amina.profile.organisation) == ("Amina Uwase", "MINICOM")
    assert amina.profile.preferred_language == "fr"
    address = EmailAddress.objects.get(user=amina)
    assert (address.email, address.verified, address.primary) == ("amina@example.org", True, True)
    # The existing account keeps its own profile.
    existing.profile.refresh_from_db()
    assert existing.profile.full_name == "Jean Bosco Habimana"

    for learner in (amina, existing):
        enrolment = Enrolment.objects.get(learner=learner, course=cohort.course)
        assert enrolment.cohort_id == cohort.pk and enrolment.status == Enrolment.Status.ACTIVE
        event = enrolment.events.get()
        assert (event.action, event.actor) == (EnrolmentEvent.Action.ENROLLED, facilitator)
    cohort.refresh_from_db()
    assert cohort.seats_taken == 2
    record = CohortImport.objects.get()
    assert (record.rows, record.invited, record.enrolled, record.skipped) == (2, 1, 1, 0)
    assert record.uploaded_by == facilitator and len(record.file_sha256) == 64
    assert record.roles == {
        str(amina.public_id): "Trade policy officer",
        str(existing.public_id): "Commissioner",
    }

    # Two e-mails, each in its recipient's language.
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"amina@example.org", existing.email}
    invitation = by_recipient["amina@example.org"]
    assert invitation.extra_headers["Content-Language"] == "fr"
    assert cohort.name in invitation.subject
    notice = by_recipient[existing.email]
    assert notice.extra_headers["Content-Language"] == "rw"
    assert cohort.name in notice.body and "/dashboard/" in notice.body
    assert "password/reset/key" not in notice.body and "/welcome/" not in notice.body

    # The set-password link works: follow it, choose a password, then log in with it.
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    links = re.findall(re.escape(base) + r"(/\S*/learn/cohorts/welcome/\S+/)", invitation.body)
    assert len(links) == 1 and links[0].startswith("/fr/")
    browser = Client()
    landing = browser.get(links[0])
    assert landing.status_code == 302 and landing["Location"].endswith("-set-password/")
    form = browser.get(landing["Location"])
    assert form.status_code == 200 and b"password1" in form.content
    done = browser.post(landing["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302, done.content.decode()[:2000]
    amina.refresh_from_db()
    assert amina.check_password(NEW_PASSWORD)
    visitor = Client()
    login = visitor.post(
        reverse("account_login"), {"login": "amina@example.org", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert visitor.session.get("_auth_user_id") == str(amina.pk)
    # The link is spent once used.
    assert Client().get(links[0]).status_code == 200  # "This link no longer works", no redirect


def test_reuploading_the_same_file_changes_nothing(
    cohort, facilitator_client, existing, django_capture_on_commit_callbacks
):
    data = csv_bytes(
        [
            ["amina@example.org", "Amina Uwase", "MINICOM", "", "fr"],
            [existing.email, "Jean Bosco", "", "", "en"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_file(facilitator_client, cohort, data)
    assert len(mail.outbox) == 2
    before = state(cohort)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_file(facilitator_client, cohort, data)
    page = response.content.decode()
    assert "All 2 people in this file are already in the cohort. Nothing changed." in page
    assert "This same file was imported before" in page
    assert state(cohort) == before
    assert not callbacks
    assert len(mail.outbox) == 2


def test_a_new_version_of_the_file_adds_only_the_new_rows(
    cohort, facilitator, django_capture_on_commit_callbacks
):
    first = csv_bytes([["amina@example.org", "Amina Uwase", "", "", "fr"]])
    second = csv_bytes(
        [
            ["amina@example.org", "Amina Uwase", "", "", "fr"],
            ["deo@example.org", "Deo Nshuti", "", "", ""],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        cohort_import_csv(cohort=cohort, data=first, actor=facilitator)
        result = cohort_import_csv(cohort=cohort, data=second, actor=facilitator)
    assert (result.imported, result.invited, result.enrolled, result.already) == (True, 1, 0, 1)
    assert result.previous is None  # a different file
    assert CohortImport.objects.count() == 2
    assert [message.to for message in mail.outbox] == [["amina@example.org"], ["deo@example.org"]]


def test_over_capacity_rows_are_refused_and_members_need_no_seat(
    policy_course, existing, django_capture_on_commit_callbacks
):
    cohort = make_cohort(policy_course, capacity=3)
    cohort_enrol(cohort=cohort, learner=existing)
    staff = StaffFactory(email="staff@example.com")
    rows = [
        [existing.email, "Jean Bosco", "", "", ""],  # row 2: already in, no seat
        ["a@example.org", "A", "", "", ""],  # 3
        ["b@example.org", "B", "", "", ""],  # 4
        ["c@example.org", "C", "", "", ""],  # 5: the fourth seat of three
    ]
    before = state(cohort)
    response = post_file(logged_in(staff), cohort, csv_bytes(rows))
    page = response.content.decode()
    assert "Over capacity: the cohort has 2 seats left and this file needs 3." in page
    assert re.search(r'<th scope="row">5</th>', page)
    assert not re.search(r'<th scope="row">[234]</th>', page)
    assert state(cohort) == before
    with django_capture_on_commit_callbacks(execute=True):
        result = cohort_import_csv(cohort=cohort, data=csv_bytes(rows[:3]), actor=staff)
    assert (result.imported, result.invited, result.already) == (True, 2, 1)
    cohort.refresh_from_db()
    assert cohort.seats_taken == cohort.capacity == 3


def test_people_in_another_cohort_of_the_course_or_with_a_closed_account_are_refused(
    policy_course, cohort, existing, facilitator
):
    cohort_enrol(cohort=make_cohort(policy_course, name="Musanze intake"), learner=existing)
    closed = UserFactory(email="closed@example.org", is_active=False)
    data = csv_bytes(
        [
            ["new@example.org", "New Person", "", "", ""],
            [existing.email, "Jean Bosco", "", "", ""],
            [closed.email, "Closed", "", "", ""],
        ]
    )
    result = cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
    assert not result.imported
    assert errors_of(result.check) == [(3, "other_cohort"), (4, "inactive")]
    assert "Musanze intake" in result.check.errors[0].reason
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_failure_part_way_through_rolls_the_whole_import_back(cohort, facilitator):
    """One transaction: if the third enrolment fails (a race the check could not see), the
    accounts and enrolments made before it are undone too."""
    before = state(cohort)
    real_enrol = applying.cohort_enrol
    calls = []

    def enrol_then_fail(**kwargs):
        calls.append(kwargs["learner"].email)
        if len(calls) == 3:
            raise LmsError("The cohort is full.", "full", 409)
        return real_enrol(**kwargs)

    data = csv_bytes([[f"p{n}@example.org", f"P {n}", "", "", ""] for n in range(4)])
    with mock.patch.object(applying, "cohort_enrol", enrol_then_fail):
        result = cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
    assert len(calls) == 3
    assert not result.imported and result.check.file_error.code == "changed"
    assert "nothing was imported" in result.check.file_error.message
    assert state(cohort) == before


def test_only_check_reports_counts_and_imports_nothing(cohort, facilitator_client, existing):
    before = state(cohort)
    data = csv_bytes(
        [["amina@example.org", "Amina", "", "", ""], [existing.email, "JB", "", "", ""]]
    )
    response = post_file(facilitator_client, cohort, data, action="check")
    page = response.content.decode()
    assert "The file has no problems" in page
    assert re.search(r'data-count="invited">1<', page)
    assert re.search(r'data-count="enrolled">1<', page)
    assert state(cohort) == before


def test_upload_limits_and_bad_encoding_come_with_a_clear_message(cohort, facilitator_client):
    before = state(cohort)
    big = b"email,name\r\n" + b"a@example.org," + b"x" * (cohort_import.MAX_BYTES + 1)
    page = post_file(facilitator_client, cohort, big).content.decode()
    assert "The file is larger than 1 MB" in page and "Nothing was imported." in page

    rows = [[f"p{n}@example.org", f"P {n}"] for n in range(MAX_ROWS + 1)]
    page = post_file(facilitator_client, cohort, csv_bytes(rows, header=["email", "name"]))
    assert "at most 5,000 can be imported at once" in page.content.decode()

    latin1 = csv_bytes([["a@example.org", "Amélie", "", "", "fr"]], encoding="cp1252")
    page = post_file(facilitator_client, cohort, latin1).content.decode()
    assert "The file is not UTF-8 text" in page

    page = facilitator_client.post(import_url(cohort), {"action": "import"}).content.decode()
    assert "Choose a CSV file" in page
    assert state(cohort) == before


def test_uploads_are_rate_limited(cohort, facilitator_client):
    data = csv_bytes([["bad", "Bad"]])
    statuses = [post_file(facilitator_client, cohort, data).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]


def test_an_interrupted_batch_is_retried_only_for_the_people_not_yet_mailed(cohort, facilitator):
    data = csv_bytes([[f"p{n}@example.org", f"P {n}", "", "", ""] for n in range(3)])
    cohort_import_csv(cohort=cohort, data=data, actor=facilitator)  # on-commit not run: no mail
    ids = list(
        User.objects.filter(email__startswith="p").order_by("pk").values_list("pk", flat=True)
    )
    real_send = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(message, *args, **kwargs):
        calls.append(message.to[0])
        if len(calls) == 2:
            raise OSError("SMTP went away")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky):
        with pytest.raises(EmailsInterrupted) as interrupted:
            cohort_import_emails_send(cohort_id=cohort.pk, invited_ids=ids, enrolled_ids=[])
    assert interrupted.value.invited_ids == ids[1:]
    assert [message.to[0] for message in mail.outbox] == ["p0@example.org"]
    # Someone who has set a password meanwhile is not invited again.
    joined = User.objects.get(pk=ids[1])
    joined.set_password(NEW_PASSWORD)
    joined.save()
    assert cohort_import_emails_send(cohort_id=cohort.pk, invited_ids=ids[1:], enrolled_ids=[]) == 1
    assert [message.to[0] for message in mail.outbox] == ["p0@example.org", "p2@example.org"]


# ---------------------------------------------------------------------------------------------
# Who may
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def clients(policy_course, cohort, facilitator_client, existing):
    other = UserFactory(email="other.facilitator@example.com")
    make_cohort(policy_course, name="Other intake").facilitators.add(other)
    group_only = UserFactory(email="group.only@example.com")
    group, _created = Group.objects.get_or_create(name="Facilitators")
    group_only.groups.add(group)
    cohort_enrol(cohort=cohort, learner=existing)
    return {
        "anonymous": Client(),
        "member": logged_in(existing),
        "learner": logged_in(UserFactory(email="bystander@example.com")),
        "other_facilitator": logged_in(other),
        "facilitators_group_only": logged_in(group_only),
        "facilitator": facilitator_client,
        "staff": logged_in(StaffFactory(email="staff@example.com")),
    }


@pytest.mark.parametrize(
    "who", ["member", "learner", "other_facilitator", "facilitators_group_only"]
)
def test_others_are_refused(clients, cohort, who):
    client = clients[who]
    before = state(cohort)
    assert client.get(import_url(cohort)).status_code == 403
    data = csv_bytes([["amina@example.org", "Amina Uwase", "", "", ""]])
    assert post_file(client, cohort, data).status_code == 403
    assert client.get(roster_url(cohort)).status_code == 403
    assert state(cohort) == before


def test_anonymous_visitors_are_sent_to_log_in(clients, cohort):
    client = clients["anonymous"]
    before = state(cohort)
    for response in (
        client.get(import_url(cohort)),
        post_file(client, cohort, csv_bytes([["amina@example.org", "Amina", "", "", ""]])),
        client.get(roster_url(cohort)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert state(cohort) == before


@pytest.mark.parametrize("who", ["facilitator", "staff"])
def test_the_cohorts_facilitator_and_staff_may_import(
    clients, cohort, who, django_capture_on_commit_callbacks
):
    client = clients[who]
    page = client.get(import_url(cohort))
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    data = csv_bytes([["amina@example.org", "Amina Uwase", "", "", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        assert post_file(client, cohort, data).status_code == 200
    assert Enrolment.objects.filter(cohort=cohort, learner__email="amina@example.org").exists()
    assert client.get(roster_url(cohort)).status_code == 200


def test_unknown_cohort_is_not_found(facilitator_client):
    url = reverse("lms_cohort_import", args=["00000000-0000-0000-0000-000000000000"])
    assert facilitator_client.get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Roster export
# ---------------------------------------------------------------------------------------------
def test_roster_csv_lists_the_cohort_with_status_and_attendance(
    cohort, facilitator, facilitator_client, existing, django_capture_on_commit_callbacks
):
    data = csv_bytes(
        [
            ["mallory@example.org", '=HYPERLINK("http://evil")', "+250 788", "", "fr"],
            ["gone@example.org", "@Gone Away", "-Org", "", "sw"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
    cohort_enrol(cohort=cohort, learner=existing)
    User.objects.filter(pk=existing.pk).update(last_login=timezone.now())
    Enrolment.objects.filter(learner__email="gone@example.org").update(
        status=Enrolment.Status.WITHDRAWN
    )
    starts = timezone.make_aware(datetime(2099, 3, 2, 9))
    sessions = [
        CohortSession.objects.create(
            cohort=cohort,
            title=f"Session {n}",
            starts_at=starts + timedelta(days=n),
            ends_at=starts + timedelta(days=n, hours=2),
            cancelled=(n == 3),
        )
        for n in range(4)
    ]
    for session, status in zip(sessions, ["present", "excused", "absent", "present"], strict=True):
        Attendance.objects.create(session=session, learner=existing, status=status)

    response = facilitator_client.get(roster_url(cohort))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "email",
        "full name",
        "organisation",
        "language",
        "status",
        "enrolled at",
        "attendance %",
    ]
    by_email = {row[0]: row for row in rows[1:]}
    assert set(by_email) == {"mallory@example.org", "gone@example.org", existing.email}
    mallory = by_email["mallory@example.org"]
    assert mallory[1:5] == [
        '\'=HYPERLINK("http://evil")',
        "'+250 788",
        "fr",
        "Invited, not signed in yet",
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", mallory[5])
    assert by_email["gone@example.org"][1:5] == ["'@Gone Away", "'-Org", "sw", "Withdrawn"]
    # Three sessions count (one is cancelled); one excused: present 1 of 2.
    assert by_email[existing.email][4] == "Active"
    assert by_email[existing.email][6] == "50"
    assert mallory[6] == ""  # no session is over and none is marked: no rate yet


def test_the_roster_can_be_uploaded_again_and_changes_nothing(
    cohort, facilitator, facilitator_client, django_capture_on_commit_callbacks
):
    data = csv_bytes([["amina@example.org", "Amina Uwase", "MINICOM", "", "fr"]])
    with django_capture_on_commit_callbacks(execute=True):
        cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
    roster = b"".join(facilitator_client.get(roster_url(cohort)).streaming_content)
    before = state(cohort)
    result = cohort_import_csv(cohort=cohort, data=roster, actor=facilitator)
    assert result.check.ok and not result.imported and result.already == 1
    assert result.check.parsed.ignored_columns == ["status", "enrolled at", "attendance %"]
    assert state(cohort) == before


# ---------------------------------------------------------------------------------------------
# Rows that do not match the header
# ---------------------------------------------------------------------------------------------
HEADER_LINE = b"email,full name,organisation,role,language\r\n"


def test_a_name_with_an_unquoted_comma_is_an_error_not_a_shifted_row():
    """ "Uwase, Amina" unquoted is two cells: the row has six for five columns. It used to be
    read as full name "Uwase" and organisation " Amina", the last cell dropped."""
    parsed = parse_csv(
        HEADER_LINE
        + b"amina@example.org,Uwase, Amina,MINICOM,Officer,fr\r\n"
        + b"deo@example.org,Deo Nshuti,RDB,Analyst,fr,EXTRA\r\n"
        + b'jean@example.org,"Habimana, Jean",RRA,,rw\r\n'
    )
    assert errors_of(parsed) == [(2, "cells"), (3, "cells")]
    reasons = [error.reason for error in parsed.errors]
    assert "6 cells" in reasons[0] and "5 columns" in reasons[0]
    assert "double quotes" in reasons[0]
    assert parsed.errors[0].email == "amina@example.org"
    # The quoted one is fine, and no row was half-read.
    assert [(row.number, row.full_name) for row in parsed.rows] == [(4, "Habimana, Jean")]


def test_a_row_with_fewer_cells_than_the_header_is_an_error():
    parsed = parse_csv(HEADER_LINE + b"amina@example.org,Amina Uwase,MINICOM\r\n")
    assert errors_of(parsed) == [(2, "cells")]
    assert "3 cells" in parsed.errors[0].reason and "5 columns" in parsed.errors[0].reason
    assert not parsed.rows


def test_semicolon_files_count_cells_with_their_own_separator():
    header = b"email;full name;organisation\r\n"
    parsed = parse_csv(header + b"a@example.org;Uwase; Amina;MINICOM\r\nb@example.org;B, C;D\r\n")
    assert errors_of(parsed) == [(2, "cells")]
    assert "“;”" in parsed.errors[0].reason
    assert parsed.rows[0].full_name == "B, C"


def test_an_unclosed_quote_that_swallows_the_next_rows_is_an_error():
    parsed = parse_csv(
        HEADER_LINE
        + b'amina@example.org,"Amina Uwase,MINICOM,Officer,fr\r\n'
        + b"deo@example.org,Deo Nshuti,RDB,Analyst,fr\r\n"
    )
    assert parsed.file_error is None
    assert [error.row for error in parsed.errors] == [2]
    assert not parsed.rows


def test_a_cell_over_several_lines_or_with_control_characters_is_an_error():
    parsed = parse_csv(
        HEADER_LINE
        + b'amina@example.org,"Amina\nUwase",MINICOM,,fr\r\n'
        + b"deo@example.org,Deo\x00Nshuti,RDB,,fr\r\n"
        + b'eric@example.org,Eric,"Line one\nline two",,fr\r\n'
    )
    assert errors_of(parsed) == [(2, "line_break"), (3, "control"), (4, "line_break")]


def test_blank_lines_and_an_excel_separator_line_before_the_header_are_skipped():
    parsed = parse_csv(b"\r\n\r\nemail;name\r\na@example.org;Uwase, Amina\r\n")
    assert parsed.file_error is None and not parsed.errors
    assert [(row.number, row.full_name) for row in parsed.rows] == [(4, "Uwase, Amina")]
    excel = parse_csv(b"sep=;\r\nemail;name\r\na@example.org;Uwase, Amina\r\n")
    assert excel.file_error is None and not excel.errors
    assert [(row.number, row.full_name) for row in excel.rows] == [(3, "Uwase, Amina")]


def test_a_bom_and_blank_lines_between_rows_keep_the_cell_count_right():
    parsed = parse_csv("\ufeffemail,full name\r\n\r\nfang@example.org,Fāng Lì\r\n,\r\n".encode())
    assert not parsed.errors and [row.full_name for row in parsed.rows] == ["Fāng Lì"]


def test_the_quote_the_exports_put_before_a_formula_is_taken_off_again():
    """The roster and report exports prefix a cell that a spreadsheet would run as a formula
    with a quote (lms/csv_export.py); the import reads it back as it was typed."""
    parsed = parse_csv(HEADER_LINE + b"'-dash@example.org,'=Uwase,'+250,'@role,fr\r\n")
    assert not parsed.errors
    (row,) = parsed.rows
    assert (row.email, row.full_name, row.organisation, row.role) == (
        "-dash@example.org",
        "=Uwase",
        "+250",
        "@role",
    )
    # A quote before anything else is part of the name.
    other = parse_csv(HEADER_LINE + b"o@example.org,'t Hooft,,,fr\r\n")
    assert other.rows[0].full_name == "'t Hooft"


def test_a_shifted_row_in_an_upload_imports_nothing(cohort, facilitator_client):
    before = state(cohort)
    data = (
        HEADER_LINE
        + b"deo@example.org,Deo Nshuti,RDB,Analyst,fr\r\n"
        + b"amina@example.org,Uwase, Amina,MINICOM,Officer,fr\r\n"
    )
    response = post_file(facilitator_client, cohort, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in page
    row = r'<th scope="row">3</th>\s*<td>amina@example.org</td>\s*<td>This row has 6 cells'
    assert re.search(row, page)
    assert state(cohort) == before
