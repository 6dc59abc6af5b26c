"""/dashboard/'s learner-specific part, cached per learner (config/dashboard.py): the same HTML
as built, never stale after any kind of write to what it shows (each checked right after a
cached copy was served, so that a hit is what would have been stale), never another learner's,
and rebuilt when its own text would change with time."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import config.dashboard
from accounts.models import Profile
from certificates.models import Certificate
from core.learner_cache import all_learners_changed
from lms.cohorts.models import Cohort
from lms.models import Completion, Enrolment, LessonProgress, QuizAttempt
from lms.services.enrolment import enrolment_view_record
from marketplace_link.models import Product, ProductImage, StorefrontApplication
from marketplace_link.storefront.models import Storefront
from marketplace_link.storefront.webhooks import event_apply
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.perf.test_dashboard_queries import course_with_items, lessons_of, quiz_of

pytestmark = pytest.mark.django_db

# A copy served: the session and the user (the session from Redis with REDIS_URL), the account
# menu's profile, and the Site while the routing memo is cold. Built: 7 or 8
# (tests/perf/test_dashboard_queries.py).
HIT_MAX = 4


def csrf_free(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=|data-csrf=|csrf-token" content=)"[^"]*"', "", html)


def get(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def served_from_cache(client) -> str:
    """The page twice: the second must be the cached copy (so what follows tests a hit)."""
    first, _ = get(client)
    second, queries = get(client)
    assert queries <= HIT_MAX, queries
    assert csrf_free(second) == csrf_free(first)
    return second


@pytest.fixture
def world(site):
    catalog = factories.catalog(site)
    learner = UserFactory(email="aline@example.com", profile__full_name="Aline Uwase")
    storefront = course_with_items(catalog, "Coffee export", qualifies_for_storefront=True)
    other = course_with_items(catalog, "Tourism basics")
    Enrolment.objects.create(learner=learner, course=storefront)
    return {"catalog": catalog, "learner": learner, "storefront": storefront, "other": other}


def test_the_cached_copy_is_the_page_built_without_the_cache(client, world, settings):
    learner = world["learner"]
    LessonProgress.objects.create(
        learner=learner, lesson=lessons_of(world["storefront"])[0], course=world["storefront"],
        completed_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    Enrolment.objects.filter(learner=learner).update(
        last_activity_at=timezone.now() - timedelta(days=3, hours=2)
    )
    client.force_login(learner)
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 0
    built, _ = get(client)
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 3600
    get(client)
    cached, queries = get(client)
    assert queries <= HIT_MAX
    assert csrf_free(cached) == csrf_free(built)
    assert "Last activity 3\xa0days, 2\xa0hours ago" in cached
    assert "Welcome, Aline Uwase" in cached and "save-course.js" in cached


def test_every_kind_of_write_shows_on_the_next_request(
    client, world, django_capture_on_commit_callbacks
):
    learner, storefront, other = world["learner"], world["storefront"], world["other"]
    client.force_login(learner)
    enrolment = Enrolment.objects.get(learner=learner, course=storefront)
    first, second = lessons_of(storefront)

    def after(write, expect: str, absent: str | None = None) -> str:
        served_from_cache(client)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        html, _ = get(client)
        assert expect in html, (write, expect)
        if absent:
            assert absent not in html, (write, absent)
        return html

    # An enrolment.
    after(lambda: Enrolment.objects.create(learner=learner, course=other), "Tourism basics")
    # Lesson progress, then a quiz attempt: the percentages.
    after(
        lambda: LessonProgress.objects.create(
            learner=learner, lesson=first, course=storefront, completed_at=timezone.now()
        ),
        "33% · 1 of 3 required steps",
    )
    after(
        lambda: QuizAttempt.objects.create(
            learner=learner,
            quiz=quiz_of(other),
            course=other,
            number=1,
            status="submitted",
            finished_at=timezone.now(),
            questions=[],
            score=100,
            passed=True,
        ),  # fmt: skip
        '33% · 1 of 3 required steps</span></p>\n      <p class="meta queue-note"',
    )
    # The enrolment's last item, written by update() (a lesson opened): "Next:" follows it.
    after(
        lambda: enrolment_view_record(enrolment=enrolment, item=second),
        f'continue/">{second.title}</a>',
    )

    # A completion (the enrolment's status): "Completed courses".
    def complete():
        other_enrolment = Enrolment.objects.get(learner=learner, course=other)
        other_enrolment.status, other_enrolment.completed_at = "completed", timezone.now()
        other_enrolment.save()
        Completion.objects.create(enrolment=other_enrolment, completed_at=timezone.now())

    after(complete, "Completed courses")
    # A certificate, as the issuing task creates it (pending), then issued, then revoked.
    completion = Completion.objects.get(enrolment__course=other)
    certificate = Certificate(
        learner=learner, course=other, completion=completion, name="Aline Uwase",
        course_title="Tourism basics", status="pending",
    )  # fmt: skip
    after(certificate.save, "Your certificate is being prepared")

    def revoke():
        certificate.status, certificate.revoked_reason = "revoked", "Plagiarism"
        certificate.revoked_at = timezone.now()
        certificate.save()

    after(revoke, "Revoked: Plagiarism")
    # The storefront: an application (needs a certificate of a qualifying course), its products
    # (a draft's missing list), then its store, changed by the marketplace's webhooks.
    graduate = Certificate.objects.create(
        learner=learner, course=storefront, name="Aline Uwase", course_title=storefront.title,
        status="issued", issued_at=timezone.now(), pdf_sha256="0" * 64,
    )  # fmt: skip
    application = StorefrontApplication(applicant=learner, certificate=graduate)
    after(application.save, "Continue your application")
    product = Product.objects.create(
        application=application, sku="GB-1", title="Green beans", description="Arabica",
        price_rwf=1000, price_usd="1.00", min_order_quantity=1, hs_code="090111",
    )  # fmt: skip
    before, _ = get(client)
    count = int(re.search(r"(\d+) things? left before you can submit", before).group(1))
    after(  # a photo of it: one thing fewer
        lambda: ProductImage.objects.create(product=product, image="products/beans.png"),
        f">{count - 1} thing",
    )

    def approve():
        application.status = "approved"
        application.save()
        Storefront.objects.create(application=application, marketplace_store_id="s-1")

    after(approve, "Being set up")
    after(
        lambda: event_apply(
            event_id="e-1", kind="order.created", data={"store_id": "s-1"}, event={}
        ),
        "<dd>1 · last one 0\xa0minutes ago</dd>",
    )

    # The profile, the e-mail, two-factor, a facilitated cohort.
    def rename():
        profile = Profile.objects.get(user=learner)
        profile.full_name = "Aline Uwase Mukamana"
        profile.save()

    after(rename, "Welcome, Aline Uwase Mukamana")

    def new_email():
        learner.email = "aline.u@example.com"
        learner.save()

    after(new_email, "aline.u@example.com")
    after(
        lambda: Authenticator.objects.create(user=learner, type="totp", data={"secret": "x"}),
        "<dd>On</dd>",
    )
    cohort_course = course_with_items(world["catalog"], "Coffee cupping", format="cohort")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=cohort_course, name="Kigali 2027", starts_on=today, ends_on=today, capacity=5
    )
    after(lambda: cohort.facilitators.add(learner), "My cohorts: rosters")
    after(lambda: cohort.facilitators.clear(), "Welcome", absent="My cohorts: rosters")

    # A page changed (its title): the content generation.
    def retitle():
        other.title = "Tourism essentials"
        other.save_revision().publish()

    after(retitle, ">Tourism essentials</a>", absent=">Tourism basics</a>")
    # Everyone's (a change whose learners are not known one by one).
    after(
        lambda: (
            Profile.objects.filter(user=learner).update(full_name="A. U. M."),
            all_learners_changed(),
        ),
        "Welcome, A. U. M.",
    )

    # Cohort membership: a learner in a cohort is built on every request (their sessions).
    def join():
        cohort_enrolment = Enrolment.objects.create(
            learner=learner, course=cohort_course, cohort=cohort
        )
        assert cohort_enrolment.cohort_id

    after(join, "Upcoming sessions")
    _, queries = get(client)
    assert queries > HIT_MAX


def test_two_learners_never_see_each_others_copy(client, world):
    aline, storefront = world["learner"], world["storefront"]
    bosco = UserFactory(email="bosco@example.com", profile__full_name="Bosco Habimana")
    Enrolment.objects.create(learner=bosco, course=world["other"])
    for learner, name, mine, theirs in (
        (aline, "Aline Uwase", storefront.title, "Tourism basics"),
        (bosco, "Bosco Habimana", "Tourism basics", storefront.title),
        (aline, "Aline Uwase", storefront.title, "Tourism basics"),
    ):
        client.force_login(learner)
        html = served_from_cache(client)
        assert f"Welcome, {name}" in html and learner.email in html
        assert f">{mine}</a></h3>" in html and f">{theirs}</a></h3>" not in html
        client.logout()


def test_a_copy_ends_when_its_text_would_change_with_time(client, world, monkeypatch, settings):
    learner = world["learner"]
    Enrolment.objects.filter(learner=learner).update(
        last_activity_at=timezone.now() - timedelta(minutes=5, seconds=10)
    )
    client.force_login(learner)
    html = served_from_cache(client)
    assert "Last activity 5\xa0minutes ago" in html
    with translation.override(settings.LANGUAGE_CODE):
        entry = config.dashboard.cache.get(config.dashboard._body_key(learner.pk))
    # Built with "5 minutes": good for under a minute more.
    assert 0 < entry["until"] - timezone.now().timestamp() <= 60
    later = timezone.now() + timedelta(seconds=61)
    monkeypatch.setattr(config.dashboard.timezone, "now", lambda: later)
    _, queries = get(client)
    assert queries > HIT_MAX  # rebuilt
