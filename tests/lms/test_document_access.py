"""Documents follow the access of what shows them (lms/document_access.py).

A document in a free-preview lesson or on a public page is public; one only in enrolled-only
lessons or quizzes (directly or through a question bank) needs an enrolment in that course, or
an editor of those pages, or staff; a cohort session's material needs the cohort (its learners,
facilitators, staff); a document nothing shows is for staff and document editors only.

The course tree is built once for the module (inside a transaction rolled back at the end);
each test runs in a savepoint inside it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from courses.services import editorial_setup
from lms.cohorts.services import cohort_enrol
from lms.models import Cohort, CohortSession, Enrolment
from tests.accounts.factories import StaffFactory, UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories

pytestmark = pytest.mark.django_db

ALLOWED, LOGIN, REFUSED = 200, "login", 403


def new_document(title: str):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 " + title.encode(), name="note.pdf"),
        collection=root,
    )


def document_block(document) -> dict:
    return {
        "type": "document",
        "value": {"document": document.pk, "description": ""},
        "id": factories.uid(),
    }


def document_link(document) -> dict:
    html = f'<p>See <a linktype="document" id="{document.pk}">the note</a>.</p>'
    return {"type": "paragraph", "value": html, "id": factories.uid()}


def build_world() -> dict:
    from courses.api import seed_demo_site
    from courses.models import QuestionBank, StandardPage

    home = seed_demo_site()
    catalog = factories.catalog(home)
    editorial_setup()  # reviewers edit every course under the catalogue
    docs = {
        name: new_document(name)
        for name in ("preview", "lesson", "linked", "quiz", "bank", "page", "cohort", "orphan")
    }
    coffee = factories.course(catalog, "Coffee exports")
    unit = factories.module(coffee, "Unit 1")
    factories.lesson(unit, "Welcome", free_preview=True, body=[document_block(docs["preview"])])
    factories.lesson(unit, "Contracts", body=[document_block(docs["lesson"])])
    factories.lesson(unit, "Prices", body=[document_link(docs["linked"])])
    question = factories.question(
        "true_false",
        "Incoterms are rules.",
        correct_answer="true",
        explanation=f'<p><a linktype="document" id="{docs["quiz"].pk}">Rules</a></p>',
    )
    factories.quiz(unit, "Check", questions=[question])
    bank = QuestionBank.objects.create(
        title="Export bank",
        questions=[
            factories.question(
                "true_false",
                "A bill of lading is a receipt.",
                correct_answer="true",
                explanation=f'<p><a linktype="document" id="{docs["bank"].pk}">Why</a></p>',
            )
        ],
    )
    banked = factories.quiz(unit, "Banked", questions=[])
    banked.banks.add(bank)
    factories.publish(banked)
    home.add_child(
        instance=StandardPage(title="Help", slug="help", body=[document_block(docs["page"])])
    )

    policy = factories.course(catalog, "Trade policy", format="cohort")
    factories.lesson(factories.module(policy, "Week 1"), "Basics")
    cohort = Cohort.objects.create(
        course=policy,
        name="Kigali 2030",
        starts_on=date(2030, 3, 1),
        ends_on=date(2030, 3, 31),
        capacity=10,
    )
    start = datetime(2030, 3, 4, 7, tzinfo=UTC)
    session = CohortSession.objects.create(
        cohort=cohort, title="Opening", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    session.documents.add(docs["cohort"])

    users = {
        "enrolled": UserFactory(email="enrolled@example.com"),
        "outsider": UserFactory(email="outsider@example.com"),
        "staff": StaffFactory(email="staff@example.com"),
        "cohort learner": UserFactory(email="cohort@example.com"),
        "facilitator": UserFactory(email="facilitator@example.com"),
        "trainer": UserFactory(email="trainer@example.com"),
        "other trainer": UserFactory(email="other.trainer@example.com"),
        "reviewer": UserFactory(email="reviewer@example.com"),
    }
    Enrolment.objects.create(learner=users["enrolled"], course=coffee)
    cohort_enrol(cohort=cohort, learner=users["cohort learner"])
    cohort.facilitators.add(users["facilitator"])
    users["facilitator"].groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    for name in ("trainer", "other trainer"):
        users[name].groups.add(Group.objects.get(name="Trainers"))
    users["reviewer"].groups.add(Group.objects.get(name="Reviewers"))
    coffee.trainers.set([users["trainer"]])
    factories.publish(coffee)  # trainer assignments take effect on publish
    other = factories.course(catalog, "Tourism")
    other.trainers.set([users["other trainer"]])
    factories.publish(other)
    return {"docs": docs, "users": users, "coffee": coffee, "unit": unit, "cohort": cohort}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def client_for(world, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        user = world["users"][who]
        if who in ("trainer", "other trainer", "reviewer", "staff"):
            log_in_with_mfa(client, user)  # editors need TOTP for the admin; harmless here
        else:
            client.force_login(user)
    return client


def outcome(response):
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login") + "?next=/documents/")
        return LOGIN
    return response.status_code


PUBLIC = dict.fromkeys(
    [
        "anonymous",
        "outsider",
        "enrolled",
        "trainer",
        "other trainer",
        "reviewer",
        "staff",
        "cohort learner",
        "facilitator",
    ],
    ALLOWED,
)
COURSE_ONLY = {
    "anonymous": LOGIN,
    "outsider": REFUSED,
    "enrolled": ALLOWED,
    "trainer": ALLOWED,
    "other trainer": REFUSED,
    "reviewer": ALLOWED,
    "staff": ALLOWED,
    "cohort learner": REFUSED,
    "facilitator": REFUSED,
}
COHORT_ONLY = {
    "anonymous": LOGIN,
    "outsider": REFUSED,
    "enrolled": REFUSED,
    "trainer": REFUSED,
    "other trainer": REFUSED,
    "reviewer": REFUSED,
    "staff": ALLOWED,
    "cohort learner": ALLOWED,
    "facilitator": ALLOWED,
}
# Reviewers may change every document in the library (their group's document permissions are
# granted on the root collection, courses.services.editorial_setup), so Wagtail's own policy lets
# them open any of them, as the admin's document pages do.
COHORT_ONLY = {**COHORT_ONLY, "reviewer": ALLOWED}
STAFF_ONLY = {
    **dict.fromkeys(PUBLIC, REFUSED),
    "anonymous": LOGIN,
    "staff": ALLOWED,
    "reviewer": ALLOWED,
}
EXPECTED = {
    "preview": PUBLIC,
    "page": PUBLIC,
    "lesson": COURSE_ONLY,
    "linked": COURSE_ONLY,
    "quiz": COURSE_ONLY,
    "bank": COURSE_ONLY,
    "cohort": COHORT_ONLY,
    "orphan": STAFF_ONLY,
}


@pytest.mark.parametrize("who", list(PUBLIC))
def test_who_may_download_which_document(world, who):
    client = client_for(world, who)
    seen = {name: outcome(client.get(doc.url)) for name, doc in world["docs"].items()}
    expected = {name: by_user[who] for name, by_user in EXPECTED.items()}
    assert seen == expected


def test_a_served_document_is_the_file_and_never_stored_by_shared_caches(world):
    doc = world["docs"]["lesson"]
    response = client_for(world, "enrolled").get(doc.url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lesson"
    assert "private" in response["Cache-Control"]


def test_refusal_names_the_course_to_enrol_in(world):
    response = client_for(world, "outsider").get(world["docs"]["lesson"].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "Coffee exports" in html and f'href="{world["coffee"].url}' in html


def test_withdrawn_learner_loses_the_document(world):
    learner = world["users"]["enrolled"]
    Enrolment.objects.filter(learner=learner).update(status=Enrolment.Status.WITHDRAWN)
    assert client_for(world, "enrolled").get(world["docs"]["lesson"].url).status_code == 403


def test_a_document_in_an_unpublished_free_preview_lesson_is_not_public(world):
    lesson = factories.lesson(
        world["unit"], "Draft", free_preview=True, body=[document_block(world["docs"]["orphan"])]
    )
    lesson.unpublish()
    anonymous = client_for(world, "anonymous").get(world["docs"]["orphan"].url)
    assert outcome(anonymous) == LOGIN
    # Its editors still see it, as they see the draft.
    assert client_for(world, "trainer").get(world["docs"]["orphan"].url).status_code == 200


def test_collection_privacy_still_applies_to_public_documents(world):
    doc = world["docs"]["preview"]
    restricted = Collection.get_first_root_node().add_child(name="Private")
    doc.collection = restricted
    doc.save()
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert outcome(client_for(world, "anonymous").get(doc.url)) == LOGIN
    assert client_for(world, "outsider").get(doc.url).status_code == 200


def test_direct_media_urls_cannot_bypass_the_check(world, settings):
    doc = world["docs"]["lesson"]
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert doc.url.startswith("/documents/")
    # Even if someone switched to serving files straight from storage, the files under
    # /media/documents/ are not served by Django (config/urls.py) nor by whitenoise.
    assert Client().get(f"/media/{doc.file.name}").status_code == 404
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    assert outcome(Client().get(doc.url)) == LOGIN


def test_serve_method_other_than_the_view_is_reported_by_the_system_check(settings):
    from django.core import checks

    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    errors = [m for m in checks.run_checks() if m.id == "lms.E001"]
    assert errors and "WAGTAILDOCS_SERVE_METHOD" in errors[0].msg


@pytest.mark.parametrize("who", ["anonymous", "enrolled", "trainer"])
def test_query_count_does_not_grow_with_lessons_showing_the_document(world, who):
    doc, unit = world["docs"]["lesson"], world["unit"]
    client = client_for(world, who)
    client.get(doc.url)  # warm per-process caches (content types)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(doc.url)
        assert response.status_code in (200, 302)
        return len(ctx)

    before = queries()
    for n in range(2):
        factories.lesson(unit, f"More {n}", body=[document_block(doc)])
    factories.lesson(unit, "More preview", free_preview=False, body=[document_block(doc)])
    assert queries() == before
