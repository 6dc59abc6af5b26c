"""bench/impact.py's data, at a tiny size: the loader's impact extras (bench/learning_data.py,
load_impact_extras) write records that hold the invariants the application keeps, so the
bench measures the impact numbers over data the application could have written.

The whole bench in --quick mode takes minutes (it seeds the demo, loads two databases and
starts gunicorn under production settings), so it is not run here; this covers its data
loading, on PostgreSQL (the loader uses COPY and PostgreSQL's SQL).
"""

import sys
from pathlib import Path

import pytest
from django.db.models import Count, Max, Min

from certificates.models import Certificate
from lms.models import Completion, Enrolment, QuizAttempt
from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    Product,
    Storefront,
    StorefrontApplication,
    WebhookEvent,
)
from tests.accounts.factories import UserFactory
from tests.courses import factories

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import learning_data  # noqa: E402

pytestmark = [pytest.mark.services, pytest.mark.django_db]

LEARNERS, GRADUATES, STOREFRONTS, ATTEMPTS = 14, 12, 5, 9


@pytest.fixture
def enrolled(site):
    course = factories.small_course(site, modules=2, lessons=1)
    learners = [UserFactory() for _ in range(LEARNERS)]
    for learner in learners:
        Enrolment.objects.create(learner=learner, course=course)
    return [learner.pk for learner in learners]


def test_impact_extras_hold_the_applications_invariants(enrolled):
    written = learning_data.load_impact_extras(
        ids=enrolled,
        graduates=GRADUATES,
        storefronts=STOREFRONTS,
        quiz_attempts=ATTEMPTS,
        joined_before_enrolling=True,
        seed=5,
    )

    # Graduates: a completed enrolment with its Completion; certificates issued from them.
    assert Completion.objects.count() == GRADUATES == written["lms_completion"]
    assert Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count() == GRADUATES
    for certificate in Certificate.objects.select_related("completion__enrolment"):
        assert certificate.completion.enrolment.learner_id == certificate.learner_id
        assert certificate.issued_at > certificate.completion.completed_at
    assert Certificate.objects.valid().count() == Certificate.objects.count() >= STOREFRONTS

    # Everyone signed up before their first enrolment.
    for learner in UserFactory._meta.model.objects.filter(pk__in=enrolled).annotate(
        first=Min("enrolments__enrolled_at")
    ):
        assert learner.date_joined <= learner.first

    assert QuizAttempt.objects.filter(status="submitted").count() == ATTEMPTS

    # Applications: one per applicant, on their own certificate; approved ones have a store.
    applications = StorefrontApplication.objects.select_related("certificate")
    assert applications.count() == STOREFRONTS + STOREFRONTS // 5 + STOREFRONTS // 10
    assert all(app.certificate.learner_id == app.applicant_id for app in applications)
    assert Storefront.objects.count() == STOREFRONTS
    assert set(Storefront.objects.values_list("application__status", flat=True)) == {"approved"}
    submitted = ApplicationEvent.objects.filter(action="submitted").count()
    assert submitted == applications.count()

    # Live stores: listed products; orders as order.created webhook events that add up to the
    # store's order_count and last_order_at, as the webhook handler leaves them.
    assert Product.objects.count() >= STOREFRONTS
    for store in Storefront.objects.annotate(listed=Count("listings")):
        events = WebhookEvent.objects.filter(
            type="order.created", payload__data__store_id=store.marketplace_store_id
        )
        if store.went_live_at is None:
            assert store.listed == 0 and store.order_count == 0
            continue
        assert store.listed == Product.objects.filter(application=store.application).count()
        assert events.count() == store.order_count
        if store.order_count:
            assert events.aggregate(last=Max("received_at"))["last"] == store.last_order_at
            assert events.aggregate(first=Min("received_at"))["first"] >= store.went_live_at
    assert Listing.objects.filter(status="ACTIVE").count() == Listing.objects.count()
