"""A programme with known numbers (tests/impact/test_known_answers.py; docs/impact.md).

``seed_programme(site)`` writes the same records the product writes (users and profiles,
enrolments, completions, quiz attempts, a cohort with sessions and attendance, certificates,
storefront applications with their audit trail, stores, listings and "order.created" webhook
events), in fixed groups, so every table of a snapshot has an answer worked out by hand in
``KNOWN``. Rows are bulk-created: ``grow(site)`` adds more of everything (another course,
cohort, district, stores and orders) for the tests that check query counts stay flat.

The groups (all dates 2026, Kigali time):

====  ==  ==========  ============  ===========  =======  =========================================
grp   n   district    audience      sector       joined   learning
====  ==  ==========  ============  ===========  =======  =========================================
G1    12  gasabo      entrepreneur  coffee       09-10    A 09-15; 8 complete 10-05 (20 d); 8
                                                          certified 10-06; 6 apply 10-10, 5
                                                          approved 10-12: 3 live, 1 suspended,
                                                          1 being set up; quiz 10-01: 9 of 12 pass
G2    7   huye        entrepreneur  tea          10-03    A 10-04; 3 complete 11-13 (40 d); 3
                                                          certified 11-14, one revoked since;
                                                          quiz 11-10: 3 of 7 pass
G3    7   nyarugenge  policymaker   (not stated) 09-20    cohort of B 09-25 (one withdrew); 2
                                                          complete 11-01 (37 d), 2 on 11-05 (41
                                                          d); 4 certified 11-06
G4    3   musanze     academic      handicrafts  11-05    A 11-06 (one withdrew)
G5    2   (none)      other         (none)       11-20    nothing
staff 2   gasabo      entrepreneur  coffee       09-01    A 09-02, complete 09-20: never counted
====  ==  ==========  ============  ===========  =======  =========================================
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from accounts.models import Profile, User
from certificates.models import Certificate
from lms.models import (
    Attendance,
    Cohort,
    CohortSession,
    Completion,
    Enrolment,
    QuizAttempt,
)
from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    Product,
    Storefront,
    StorefrontApplication,
    WebhookEvent,
)
from tests.courses import factories as course_factories

KIGALI = timezone.get_default_timezone()
_serial = itertools.count(1)


def at(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=KIGALI)


@dataclass
class Programme:
    course_a: object
    course_b: object
    quiz_a: object
    cohort: Cohort
    groups: dict[str, list[User]] = field(default_factory=dict)
    stores: dict[str, Storefront] = field(default_factory=dict)


def people(n: int, *, district="", audience="other", sector="", joined, staff=False) -> list[User]:
    users = User.objects.bulk_create(
        [
            User(
                email=f"impact{next(_serial)}@example.com",
                date_joined=joined,
                is_staff=staff,
                password="!",
            )
            for _ in range(n)
        ]
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                full_name=f"Learner {user.pk}",
                district=district,
                audience=audience,
                sector=sector,
            )
            for user in users
        ]
    )
    return users


def enrol(users, course, *, on: datetime, cohort=None, status="active") -> list[Enrolment]:
    rows = Enrolment.objects.bulk_create(
        [Enrolment(learner=u, course=course, cohort=cohort, status=status) for u in users]
    )
    # enrolled_at is auto_now_add: set the day afterwards, as a migration of old data would.
    Enrolment.objects.filter(pk__in=[row.pk for row in rows]).update(enrolled_at=on)
    for row in rows:
        row.enrolled_at = on
    return rows


def complete(enrolments, *, on: datetime) -> list[Completion]:
    Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).update(
        status=Enrolment.Status.COMPLETED, completed_at=on
    )
    return Completion.objects.bulk_create(
        [Completion(enrolment=e, completed_at=on) for e in enrolments]
    )


def attempts(users, quiz, course, *, on: datetime, passed: int) -> None:
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                learner=u,
                quiz=quiz,
                course=course,
                number=1,
                status=QuizAttempt.Status.SUBMITTED,
                started_at=on - timedelta(minutes=20),
                finished_at=on,
                questions=[],
                score=80 if i < passed else 20,
                passed=i < passed,
            )
            for i, u in enumerate(users)
        ]
    )


def certify(users, course, *, on: datetime, cohort=None, status="issued") -> list[Certificate]:
    return Certificate.objects.bulk_create(
        [
            Certificate(
                learner=u,
                course=course,
                cohort=cohort,
                name=f"Learner {u.pk}",
                course_title=course.title,
                status=status,
                issued_on=on.date(),
                issued_at=on,
                pdf_sha256="0" * 64,
                revoked_at=on + timedelta(days=3) if status == "revoked" else None,
                revoked_reason="Issued in error" if status == "revoked" else "",
            )
            for u in users
        ]
    )


def apply(certificate, *, submitted: datetime, approved: datetime | None, status: str):
    application = StorefrontApplication.objects.create(
        applicant=certificate.learner,
        certificate=certificate,
        status=status,
        legal_name=f"Business {certificate.learner_id}",
        submitted_at=submitted,
        decided_at=approved,
    )
    ApplicationEvent.objects.create(
        application=application, action=ApplicationEvent.Action.SUBMITTED, at=submitted
    )
    if approved:
        ApplicationEvent.objects.create(
            application=application, action=ApplicationEvent.Action.APPROVED, at=approved
        )
    return application


def store(application, *, status: str, went_live: datetime | None, listings=()) -> Storefront:
    serial = next(_serial)
    storefront = Storefront.objects.create(
        application=application,
        status=status,
        went_live_at=went_live,
        marketplace_store_id=f"store-{serial}" if went_live else "",
    )
    for n, listing_status in enumerate(listings):
        removed = listing_status == "removed"
        product = Product.objects.create(
            application=application,
            title=f"Product {serial}-{n}",
            description="Coffee",
            category="coffee",
            price_rwf=1000,
            price_usd="1.00",
            hs_code="090111",
            origin_district="gasabo",
            removed_at=at(11, 1) if removed else None,
        )
        Listing.objects.create(
            product=product, storefront=storefront, status="ACTIVE" if removed else listing_status
        )
    return storefront


def orders(storefront, times, *, by_external_id=False) -> None:
    for when in times:
        data = (
            {"external_id": str(storefront.application.public_id)}
            if by_external_id
            else {"store_id": storefront.marketplace_store_id}
        )
        event_id = f"evt-{next(_serial)}"
        WebhookEvent.objects.create(
            event_id=event_id,
            type="order.created",
            payload={"id": event_id, "type": "order.created", "data": data},
            received_at=when,
        )
    Storefront.objects.filter(pk=storefront.pk).update(order_count=len(times))


def courses(site, suffix: str = ""):
    catalog = course_factories.catalog(site)
    course_a = course_factories.course(catalog, f"Selling coffee online{suffix}")
    module = course_factories.module(course_a, f"Get verified{suffix}")
    quiz_a = course_factories.quiz(module, f"Check{suffix}", pass_mark=70)
    course_b = course_factories.course(catalog, f"Digital trade policy{suffix}", format="cohort")
    return course_a, quiz_a, course_b


def cohort_with_sessions(course_b, name: str, members, *, now: datetime) -> Cohort:
    cohort = Cohort.objects.create(
        course=course_b,
        name=name,
        starts_on=date(2026, 9, 25),
        ends_on=max(date(2026, 12, 20), (now + timedelta(days=30)).date()),
        capacity=30,
    )
    return cohort


def session(cohort, title: str, starts: datetime, *, cancelled=False) -> CohortSession:
    return CohortSession.objects.create(
        cohort=cohort,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        cancelled=cancelled,
    )


def mark(session_, users, status: str) -> None:
    Attendance.objects.bulk_create(
        [Attendance(session=session_, learner=u, status=status) for u in users]
    )


def seed_programme(site, *, suffix: str = "", now: datetime | None = None) -> Programme:
    """The programme of the module docstring. ``suffix`` names a second copy's courses
    (``grow``)."""
    now = now or timezone.now()
    course_a, quiz_a, course_b = courses(site, suffix)
    g1 = people(12, district="gasabo", audience="entrepreneur", sector="coffee", joined=at(9, 10))
    g2 = people(7, district="huye", audience="entrepreneur", sector="tea", joined=at(10, 3))
    g3 = people(7, district="nyarugenge", audience="policymaker", joined=at(9, 20))
    g4 = people(3, district="musanze", audience="academic", sector="handicrafts", joined=at(11, 5))
    g5 = people(2, audience="other", joined=at(11, 20))
    staff = people(
        2,
        district="gasabo",
        audience="entrepreneur",
        sector="coffee",
        joined=at(9, 1),
        staff=True,
    )

    # G1: course A, 8 complete in 20 days, certified the next day; the quiz 9 of 12 pass.
    e1 = enrol(g1, course_a, on=at(9, 15))
    complete(e1[:8], on=at(10, 5))
    attempts(g1, quiz_a, course_a, on=at(10, 1), passed=9)
    certs1 = certify(g1[:8], course_a, on=at(10, 6))
    # G2: course A, 3 complete in 40 days; one of their certificates is revoked since.
    e2 = enrol(g2, course_a, on=at(10, 4))
    complete(e2[:3], on=at(11, 13))
    attempts(g2, quiz_a, course_a, on=at(11, 10), passed=3)
    certify(g2[:2], course_a, on=at(11, 14))
    certify(g2[2:3], course_a, on=at(11, 14), status="revoked")
    # An attempt still open is not graded: never counted.
    QuizAttempt.objects.create(
        learner=g2[3], quiz=quiz_a, course=course_a, number=2, questions=[], started_at=at(11, 12)
    )
    # G3: the cohort of course B; one withdrew; 2 complete in 37 days, 2 in 41.
    cohort = cohort_with_sessions(course_b, f"Policy 2026 A{suffix}", g3, now=now)
    e3 = enrol(g3[:6], course_b, on=at(9, 25), cohort=cohort)
    enrol(g3[6:], course_b, on=at(9, 25), cohort=cohort, status="withdrawn")
    complete(e3[:2], on=at(11, 1))
    complete(e3[2:4], on=at(11, 5))
    certify(g3[:4], course_b, on=at(11, 6), cohort=cohort)
    s1 = session(cohort, "Opening", at(10, 5, 9))
    s2 = session(cohort, "Payments", at(10, 12, 9))
    s3 = session(cohort, "Cancelled", at(10, 19, 9), cancelled=True)
    s4 = session(cohort, "Coming up", (now + timedelta(days=7)).astimezone(KIGALI))
    mark(s1, g3[:5], "present")
    mark(s1, g3[5:6], "absent")
    mark(s1, g3[6:], "present")  # withdrew since: not a member, not counted
    mark(s2, g3[:4], "present")
    mark(s2, g3[4:5], "excused")  # g3[5] unmarked: missed, the session is over
    mark(s3, g3[:6], "present")  # cancelled: not counted
    mark(s4, g3[:1], "present")  # not over: only marks count
    # G4: course A, one withdrew; nobody completes.
    enrol(g4[:2], course_a, on=at(11, 6))
    enrol(g4[2:], course_a, on=at(11, 6), status="withdrawn")
    # Staff: never counted, whatever they do.
    e_staff = enrol(staff, course_a, on=at(9, 2))
    complete(e_staff, on=at(9, 20))
    staff_certs = certify(staff, course_a, on=at(9, 21))

    # Storefronts: 6 of G1 apply, 5 approved (one still waiting).
    apps = [
        apply(c, submitted=at(10, 10), approved=at(10, 12), status="approved") for c in certs1[:5]
    ]
    apply(certs1[5], submitted=at(10, 10), approved=None, status="submitted")
    stores = {
        "live1": store(apps[0], status="live", went_live=at(10, 20), listings=["ACTIVE"] * 3),
        "live2": store(
            apps[1], status="live", went_live=at(11, 2), listings=["ACTIVE", "ACTIVE", "REJECTED"]
        ),
        "live3": store(apps[2], status="live", went_live=at(10, 22), listings=["removed"]),
        "suspended": store(apps[3], status="suspended", went_live=at(10, 21), listings=["ACTIVE"]),
        "provisioning": store(apps[4], status="provisioning", went_live=None),
    }
    orders(stores["live1"], [at(10, 25), at(11, 2), at(11, 3)])
    orders(stores["live2"], [at(11, 10), at(11, 11)], by_external_id=True)
    orders(stores["suspended"], [at(10, 28)])
    # An order for a store nobody here has: the webhook handler ignored it, so do the numbers.
    WebhookEvent.objects.create(
        event_id=f"evt-{next(_serial)}",
        type="order.created",
        payload={"id": "x", "type": "order.created", "data": {"store_id": "elsewhere"}},
        received_at=at(11, 4),
    )
    # A staff member's store and orders: never counted.
    staff_app = apply(staff_certs[0], submitted=at(10, 1), approved=at(10, 2), status="approved")
    staff_store = store(staff_app, status="live", went_live=at(10, 3), listings=["ACTIVE"])
    orders(staff_store, [at(10, 4)])
    return Programme(
        course_a=course_a,
        course_b=course_b,
        quiz_a=quiz_a,
        cohort=cohort,
        groups={"G1": g1, "G2": g2, "G3": g3, "G4": g4, "G5": g5, "staff": staff},
        stores=stores,
    )


def grow(site, *, copies: int = 1) -> None:
    """More of everything: each copy is another pair of courses, a cohort with its sessions,
    people in another district, stores and orders (query counts must not change)."""
    for n in range(copies):
        suffix = f" {n + 2}"
        seed_programme(site, suffix=suffix)
        more = people(6, district="rubavu", audience="academic", sector="tourism", joined=at(8, 3))
        enrol(
            more, course_factories.catalog(site).get_children().live().first().specific, on=at(8, 5)
        )


# The answers, worked out by hand from the module docstring (no filter).
KNOWN = {
    "funnel": {
        "signed_up": 31,
        "enrolled": 29,
        "completed": 15,
        "certified": 14,
        "applied": 6,
        "approved": 5,
        "live": 4,
        "first_order": 3,
    },
    "headline": {
        "learners": 29,
        "graduates": 15,
        "certificates": 14,
        "storefronts_live": 3,
        "orders": 6,
        "products_listed": 5,
    },
}


def seed_scale(site, *, learners: int = 10_000, stores: int = 500, orders_each: int = 10):
    """A bigger programme for measuring a cold refresh (tests/impact/test_refresh_scale.py):
    ``learners`` people over the 30 districts, enrolled in one or two courses, 40% completing
    and certified, a cohort of 200 with 20 sessions of attendance, ``stores`` stores (with their
    applications and audit trail) and ``orders_each`` orders per store. Bulk inserts."""
    from core.rwanda import DISTRICTS, Sector

    course_a, quiz_a, course_b = courses(site, " (scale)")
    districts = [value for value, _name in DISTRICTS] + [""]
    sectors = list(Sector.values) + [""]
    users = User.objects.bulk_create(
        [
            User(
                email=f"scale{n}@example.com",
                date_joined=at(1 + n % 11, 1 + n % 28),
                password="!",
            )
            for n in range(learners)
        ],
        batch_size=2000,
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=u,
                full_name=f"Scale {n}",
                district=districts[n % len(districts)],
                sector=sectors[n % len(sectors)],
                audience=["entrepreneur", "policymaker", "academic", "other"][n % 4],
            )
            for n, u in enumerate(users)
        ],
        batch_size=2000,
    )
    cohort = Cohort.objects.create(
        course=course_b,
        name="Scale cohort",
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 12, 31),
        capacity=1000,
    )
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(learner=u, course=course_a) for u in users]
        + [
            Enrolment(learner=u, course=course_b, cohort=cohort if n < 200 else None)
            for n, u in enumerate(users[: learners // 2])
        ],
        batch_size=2000,
    )
    for month in range(1, 12):
        Enrolment.objects.filter(pk__in=[e.pk for e in enrolments[month - 1 :: 11]]).update(
            enrolled_at=at(month, 2)
        )
    done = enrolments[::5] + enrolments[1::5]  # 40%
    Enrolment.objects.filter(pk__in=[e.pk for e in done]).update(status="completed")
    Completion.objects.bulk_create(
        [
            Completion(enrolment=e, completed_at=at(1 + n % 11, 3 + n % 20))
            for n, e in enumerate(done)
        ],
        batch_size=2000,
    )
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                learner_id=e.learner_id,
                course_id=e.course_id,
                name="x",
                course_title="x",
                status="issued",
                issued_on=date(2026, 1 + n % 11, 25),
                issued_at=at(1 + n % 11, 25),
                pdf_sha256="0" * 64,
            )
            for n, e in enumerate(done)
        ],
        batch_size=2000,
    )
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                learner=u,
                quiz=quiz_a,
                course=course_a,
                number=1,
                status="submitted",
                finished_at=at(1 + n % 11, 10),
                questions=[],
                passed=n % 3 != 0,
            )
            for n, u in enumerate(users)
        ],
        batch_size=2000,
    )
    sessions = [
        session(cohort, f"Session {n}", at(2 + n // 2, 1 + n % 2 * 14, 9)) for n in range(20)
    ]
    members = users[:200]
    Attendance.objects.bulk_create(
        [
            Attendance(session=s, learner=u, status="present" if (i + j) % 4 else "absent")
            for i, s in enumerate(sessions)
            for j, u in enumerate(members)
        ],
        batch_size=2000,
    )
    seen, holders = set(), []
    for certificate in certificates:
        if certificate.learner_id not in seen:
            seen.add(certificate.learner_id)
            holders.append(certificate)
    applications = StorefrontApplication.objects.bulk_create(
        [
            StorefrontApplication(
                applicant_id=c.learner_id,
                certificate=c,
                status="approved",
                submitted_at=at(6, 1),
                decided_at=at(6, 3),
            )
            for c in holders[:stores]
        ]
    )
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(application=a, action="submitted", at=at(6, 1)) for a in applications]
        + [ApplicationEvent(application=a, action="approved", at=at(6, 3)) for a in applications]
    )
    fronts = Storefront.objects.bulk_create(
        [
            Storefront(
                application=a,
                status="live",
                went_live_at=at(6 + n % 5, 10),
                marketplace_store_id=f"scale-{n}",
                order_count=orders_each,
            )
            for n, a in enumerate(applications)
        ]
    )
    WebhookEvent.objects.bulk_create(
        [
            WebhookEvent(
                event_id=f"scale-{f.pk}-{k}",
                type="order.created",
                payload={"data": {"store_id": f.marketplace_store_id}},
                received_at=at(7 + k % 5, 1 + k),
            )
            for f in fronts
            for k in range(orders_each)
        ],
        batch_size=2000,
    )
    return {
        "learners": learners,
        "enrolments": len(enrolments),
        "completions": len(done),
        "stores": len(fronts),
        "orders": len(fronts) * orders_each,
        "attendance": len(sessions) * len(members),
    }
