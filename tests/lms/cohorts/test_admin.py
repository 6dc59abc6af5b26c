"""Cohorts and sessions in the Wagtail admin.

A11: every database constraint an admin form can hit is a form error in plain words on the
field it is about, never a 500 nor "Constraint “…” is violated", and a seat taken while the
form was being filled in neither crashes the save nor is given back by it.

The data is built once per class (setUpTestData); each test logs in again."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from unittest import mock

import pyotp
from allauth.mfa.models import Authenticator
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from courses.api import seed_demo_site
from lms.cohorts.services import cohort_enrol
from lms.models import Cohort, CohortSession, Enrolment
from lms.services import enrolment_withdraw
from tests.accounts.factories import UserFactory
from tests.courses import factories

START = date(2099, 3, 1)


def with_mfa(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
    )
    return user


def cohort_form(cohort: Cohort, **changes) -> dict:
    data = {
        "course": cohort.course_id,
        "name": cohort.name,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "status": cohort.status,
        "capacity": cohort.capacity,
        "enrolment_mode": cohort.enrolment_mode,
        "attendance_threshold": cohort.attendance_threshold,
        "facilitators": [user.pk for user in cohort.facilitators.all()],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def session_form(session: CohortSession, **changes) -> dict:
    local = timezone.localtime
    data = {
        "cohort": session.cohort_id,
        "title": session.title,
        "agenda": session.agenda,
        "starts_at": local(session.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": local(session.ends_at).strftime("%Y-%m-%d %H:%M"),
        "venue": session.venue,
        "meeting_url": session.meeting_url,
    }
    data.update(changes)
    return data


class AdminWorld(TestCase):
    """A cohort-format course with a cohort of capacity 5 and 3 learners in it, a session, and
    a superuser with TOTP (the admin's MFA policy)."""

    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        catalog = factories.catalog(site)
        cls.course = factories.course(catalog, "Policy", format="cohort")
        cls.other_course = factories.course(catalog, "Trade law", format="cohort")
        cls.cohort = Cohort.objects.create(
            course=cls.course,
            name="Kigali 2099",
            starts_on=START,
            ends_on=START + timedelta(days=30),
            capacity=5,
        )
        cls.learners = [UserFactory(email=f"learner{n}@example.org") for n in range(3)]
        for learner in cls.learners:
            cohort_enrol(cohort=cls.cohort, learner=learner)
        begins = timezone.make_aware(datetime(2099, 3, 2, 9))
        cls.session = CohortSession.objects.create(
            cohort=cls.cohort,
            title="Opening",
            starts_at=begins,
            ends_at=begins + timedelta(hours=2),
        )
        cls.admin = with_mfa(
            UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def edit_cohort(self, **changes):
        url = reverse("cohort:edit", args=[self.cohort.pk])
        return self.client.post(url, cohort_form(self.cohort, **changes))

    def assert_field_error(self, response, field: str, *words: str) -> str:
        assert response.status_code == 200, response.status_code
        form = response.context["form"]
        errors = " ".join(form.errors.get(field, []))
        assert errors, form.errors
        for word in words:
            assert word in errors, errors
        page = response.content.decode()
        assert "Constraint" not in page and "is violated" not in page
        return errors


class CohortFormErrorsInPlainWords(AdminWorld):
    def test_a_course_that_is_no_page_id_is_a_form_error(self):
        """Found by tests/fuzz: re-rendering the form handed the posted text to Wagtail's page
        chooser, whose ``Page.objects.get(pk=...)`` raised ValueError (a 500)."""
        for course in ["<script>x</script>", "1.5", "-", "99999999999999999999999"]:
            with self.subTest(course=course):
                self.assert_field_error(self.edit_cohort(course=course), "course")
                add = self.client.post(
                    reverse("cohort:add"), cohort_form(self.cohort, course=course)
                )
                self.assert_field_error(add, "course")

    def test_a_facilitator_id_past_64_bits_is_a_form_error(self):
        """Found by tests/fuzz on SQLite: the choice check raised OverflowError (a 500)."""
        response = self.edit_cohort(facilitators=[str(10**25)])
        self.assert_field_error(response, "facilitators")

    def test_lowering_the_capacity_below_the_seats_taken(self):
        # Before: IntegrityError (cohort_never_over_capacity), a 500.
        response = self.edit_cohort(capacity=2)
        self.assert_field_error(response, "capacity", "3 seats are taken")
        self.cohort.refresh_from_db()
        assert (self.cohort.capacity, self.cohort.seats_taken) == (5, 3)

    def test_the_capacity_may_go_down_to_the_seats_taken(self):
        response = self.edit_cohort(capacity=3)
        assert response.status_code == 302
        self.cohort.refresh_from_db()
        assert (self.cohort.capacity, self.cohort.seats_taken) == (3, 3)

    def test_a_cohort_ending_before_it_starts(self):
        # Before: "Constraint “cohort_ends_after_it_starts” is violated." above the form.
        response = self.edit_cohort(ends_on=(START - timedelta(days=1)).isoformat())
        self.assert_field_error(response, "ends_on", "end on or after the day it starts")

    def test_a_new_cohort_ending_before_it_starts(self):
        data = cohort_form(self.cohort, name="Backwards", ends_on="2099-02-01")
        response = self.client.post(reverse("cohort:add"), data)
        self.assert_field_error(response, "ends_on", "end on or after")
        assert not Cohort.objects.filter(name="Backwards").exists()

    def test_an_attendance_threshold_over_100(self):
        response = self.edit_cohort(attendance_threshold=101)
        self.assert_field_error(response, "attendance_threshold", "100")

    def test_moving_a_cohort_with_learners_to_another_course(self):
        response = self.edit_cohort(course=self.other_course.pk)
        self.assert_field_error(response, "course", "3 learners")
        self.cohort.refresh_from_db()
        assert self.cohort.course_id == self.course.pk

    def test_deleting_a_cohort_with_learners_is_refused_in_words(self):
        # Before: ProtectedError (Enrolment.cohort is PROTECT), a 500.
        url = reverse("cohort:delete", args=[self.cohort.pk])
        page = self.client.get(url)
        assert page.status_code == 200
        assert "3 learners" in page.content.decode()
        response = self.client.post(url)
        assert response.status_code in (200, 302)
        assert Cohort.objects.filter(pk=self.cohort.pk).exists()

    def test_an_empty_cohort_can_be_deleted(self):
        empty = Cohort.objects.create(
            course=self.course, name="Empty", starts_on=START, ends_on=START, capacity=1
        )
        response = self.client.post(reverse("cohort:delete", args=[empty.pk]))
        assert response.status_code == 302
        assert not Cohort.objects.filter(pk=empty.pk).exists()


class SeatsTakenWhileTheFormIsSaved(AdminWorld):
    """An approval or an import takes seats between the form's check and its save. The
    interleaving is forced (the check enrols people as it ends), so it runs the same on SQLite
    and PostgreSQL; tests/services/test_cohort_capacity.py races real processes."""

    def enrol_during_check(self, count: int):
        newcomers = [UserFactory() for _ in range(count)]
        real_clean = Cohort.clean

        def clean_then_enrol(instance):
            real_clean(instance)
            for learner in newcomers:
                cohort_enrol(cohort=instance, learner=learner)

        return mock.patch.object(Cohort, "clean", clean_then_enrol)

    def test_capacity_lowered_below_seats_taken_meanwhile_is_a_form_error(self):
        with self.enrol_during_check(2):  # 3 → 5 seats, after 4 passed the check
            response = self.edit_cohort(capacity=4)
        self.assert_field_error(response, "capacity", "5 seats are taken")
        self.cohort.refresh_from_db()
        assert (self.cohort.capacity, self.cohort.seats_taken) == (5, 5)

    def test_saving_the_form_does_not_give_back_seats_taken_meanwhile(self):
        # Before: the save wrote the seat count read with the form (3) over the 4 taken.
        with self.enrol_during_check(1):
            response = self.edit_cohort(name="Kigali 2099, renamed")
        assert response.status_code == 302
        self.cohort.refresh_from_db()
        assert self.cohort.name == "Kigali 2099, renamed"
        assert self.cohort.seats_taken == 4 == Enrolment.objects.filter(cohort=self.cohort).count()


class WithdrawingGivesTheSeatBack(AdminWorld):
    def test_a_learner_who_withdraws_frees_a_seat_and_takes_one_again_on_return(self):
        # Before: seats were never given back, and a return took a second one.
        learner = self.learners[0]
        enrolment_withdraw(learner=learner, course=self.course)
        self.cohort.refresh_from_db()
        assert self.cohort.seats_taken == 2
        enrolment_withdraw(learner=learner, course=self.course)  # twice: nothing more
        self.cohort.refresh_from_db()
        assert self.cohort.seats_taken == 2
        cohort_enrol(cohort=self.cohort, learner=learner)
        self.cohort.refresh_from_db()
        assert self.cohort.seats_taken == 3


class SessionFormErrorsInPlainWords(AdminWorld):
    def test_a_session_ending_before_or_when_it_starts(self):
        url = reverse("cohortsession:edit", args=[self.session.pk])
        for ends in ("2099-03-02 08:00", "2099-03-02 09:00"):
            response = self.client.post(url, session_form(self.session, ends_at=ends))
            self.assert_field_error(response, "ends_at", "end after it starts")

    def test_a_new_session_ending_before_it_starts(self):
        data = session_form(self.session, title="Backwards", ends_at="2099-03-02 08:00")
        response = self.client.post(reverse("cohortsession:add"), data)
        self.assert_field_error(response, "ends_at", "end after it starts")
        assert not CohortSession.objects.filter(title="Backwards").exists()

    def test_the_data_migration_gives_back_the_seats_of_those_who_left(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("lms.migrations.0008_seats_taken_counts_members")
        Enrolment.objects.filter(learner=self.learners[0]).update(
            status=Enrolment.Status.WITHDRAWN
        )  # as the old code left it: the seat still counted
        migration.recount_seats(apps, None)
        self.cohort.refresh_from_db()
        assert self.cohort.seats_taken == 2


# ---------------------------------------------------------------------------------------------
# A19: the cohort's work can be found from the admin and from "My cohorts"
# ---------------------------------------------------------------------------------------------
def learn_urls(cohort: Cohort) -> dict[str, str]:
    return {
        "report": reverse("lms_cohort_report", args=[cohort.public_id]),
        "timetable": reverse("lms_cohort_timetable", args=[cohort.public_id]),
        "import": reverse("lms_cohort_import", args=[cohort.public_id]),
        "roster": reverse("lms_cohort_roster_csv", args=[cohort.public_id]),
    }


class AdminLinksTheCohortsWork(AdminWorld):
    def test_the_cohort_edit_page_links_its_sessions_report_timetable_import_and_roster(self):
        page = self.client.get(reverse("cohort:edit", args=[self.cohort.pk])).content.decode()
        for name, url in learn_urls(self.cohort).items():
            assert f'href="{url}"' in page, name
        sessions = reverse("cohortsession:index") + f"?cohort={self.cohort.pk}"
        assert f'href="{sessions}"' in page
        add_session = reverse("cohortsession:add") + f"?cohort={self.cohort.pk}"
        assert f'href="{add_session}"' in page

    def test_each_cohort_row_links_the_same(self):
        page = self.client.get(reverse("cohort:index")).content.decode()
        for name, url in learn_urls(self.cohort).items():
            assert f'href="{url}"' in page, name

    def test_each_session_row_links_its_roster_and_check_in_code(self):
        page = self.client.get(reverse("cohortsession:index")).content.decode()
        args = [self.cohort.public_id, self.session.pk]
        assert f'href="{reverse("lms_cohort_roster", args=args)}"' in page
        assert f'href="{reverse("lms_cohort_checkin_code", args=args)}"' in page

    def test_a_session_added_from_its_cohort_starts_in_that_cohort(self):
        url = reverse("cohortsession:add") + f"?cohort={self.cohort.pk}"
        form = self.client.get(url).context["form"]
        assert form.initial["cohort"] == self.cohort.pk
        for junk in ("?cohort=nope", "?cohort=999999"):
            assert self.client.get(reverse("cohortsession:add") + junk).status_code == 200

    def test_admins_who_may_not_open_the_cohort_pages_see_no_links_to_them(self):
        """Admin access and the cohort model permissions, but neither staff nor one of the
        cohort's facilitators: /learn/cohorts/… would refuse them, so no link goes there."""
        from django.contrib.auth.models import Group, Permission

        group = Group.objects.create(name="Cohort viewers")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_cohort"),
            Permission.objects.get(codename="change_cohort"),
            Permission.objects.get(codename="view_cohortsession"),
        )
        viewer = with_mfa(UserFactory(email="viewer@example.org"))
        viewer.groups.add(group)
        self.client.force_login(viewer)
        for url in (reverse("cohort:index"), reverse("cohort:edit", args=[self.cohort.pk])):
            response = self.client.get(url)
            assert response.status_code == 200
            page = response.content.decode()
            for name, learn_url in learn_urls(self.cohort).items():
                assert learn_url not in page, (url, name)
        sessions = self.client.get(reverse("cohortsession:index")).content.decode()
        assert "/roster/" not in sessions and "/code/" not in sessions

    def test_facilitators_learners_and_visitors_do_not_get_the_admin_pages(self):
        from django.test import Client

        facilitator = UserFactory(email="facilitator@example.org")
        self.cohort.facilitators.add(facilitator)
        urls = [
            reverse("cohort:index"),
            reverse("cohort:edit", args=[self.cohort.pk]),
            reverse("cohortsession:index"),
        ]
        for user in (facilitator, self.learners[0], None):
            client = Client()
            if user is not None:
                client.force_login(user)
            for url in urls:
                response = client.get(url)
                assert response.status_code in (302, 403), (user, url)
                assert self.cohort.name not in response.content.decode()


class FacilitatorsAreChosenFromTheFacilitators(AdminWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.contrib.auth.models import Group

        group, _created = Group.objects.get_or_create(name="Facilitators")
        cls.group_member = UserFactory(
            email="fac@example.org", profile__full_name="Fabrice Facilitator"
        )
        cls.group_member.groups.add(group)
        cls.staff = UserFactory(email="staff@example.org", is_staff=True)
        cls.former = UserFactory(email="former@example.org")  # chosen before, no longer in it
        cls.cohort.facilitators.add(cls.former)

    def test_the_choices_are_the_facilitators_group_and_staff_only(self):
        response = self.client.get(reverse("cohort:edit", args=[self.cohort.pk]))
        field = response.context["form"].fields["facilitators"]
        chosen = set(field.queryset.values_list("email", flat=True))
        assert {"fac@example.org", "staff@example.org", "former@example.org"} <= chosen
        assert not chosen & {learner.email for learner in self.learners}
        page = response.content.decode()
        assert "Fabrice Facilitator" in page and "learner0@example.org" not in page
        assert "data-isoko-filter" in page  # a box to search the list

    def test_a_learner_cannot_be_made_a_facilitator(self):
        learner = self.learners[0]
        response = self.edit_cohort(facilitators=[learner.pk])
        assert response.status_code == 200
        assert response.context["form"].errors["facilitators"]
        assert not self.cohort.facilitators.filter(pk=learner.pk).exists()
        response = self.edit_cohort(facilitators=[self.group_member.pk, self.staff.pk])
        assert response.status_code == 302
        assert set(self.cohort.facilitators.all()) == {self.group_member, self.staff}


class SessionMaterialsComeFromTheCohortsCourse(AdminWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        Document = get_document_model()

        def document(title):
            doc = Document(title=title)
            doc.file.save(f"{title}.txt", ContentFile(b"text"), save=False)
            doc.save()
            return doc

        cls.handout = document("Policy handout")
        cls.foreign = document("Trade law handout")

        def lesson_with(course, title, doc):
            body = [
                factories.paragraph(f"Body of {title}."),
                {
                    "type": "document",
                    "value": {"document": doc.pk, "description": ""},
                    "id": factories.uid(),
                },
            ]
            return factories.lesson(factories.module(course, f"{title} module"), title, body=body)

        cls.own_lesson = lesson_with(cls.course, "Policy reading", cls.handout)
        cls.foreign_lesson = lesson_with(cls.other_course, "Trade reading", cls.foreign)

    def choices(self, response, field):
        return set(response.context["form"].fields[field].queryset)

    def test_the_edit_form_offers_only_the_cohorts_course(self):
        response = self.client.get(reverse("cohortsession:edit", args=[self.session.pk]))
        lessons = {page.pk for page in self.choices(response, "lessons")}
        assert lessons == {self.own_lesson.pk}
        assert self.choices(response, "documents") == {self.handout}

    def test_a_new_session_from_its_cohort_offers_only_that_course(self):
        url = reverse("cohortsession:add") + f"?cohort={self.cohort.pk}"
        response = self.client.get(url)
        assert {page.pk for page in self.choices(response, "lessons")} == {self.own_lesson.pk}
        assert self.choices(response, "documents") == {self.handout}

    def test_materials_of_another_course_are_refused(self):
        url = reverse("cohortsession:edit", args=[self.session.pk])
        data = session_form(
            self.session, lessons=[self.foreign_lesson.pk], documents=[self.foreign.pk]
        )
        response = self.client.post(url, data)
        self.assert_field_error(response, "lessons", "course")
        assert response.context["form"].errors["documents"]
        data = session_form(self.session, lessons=[self.own_lesson.pk], documents=[self.handout.pk])
        assert self.client.post(url, data).status_code == 302
        assert list(self.session.lessons.all()) == [self.own_lesson]
        assert list(self.session.documents.all()) == [self.handout]


class CoursesWithCohortsAreNotDeleted(AdminWorld):
    """Cohort.course is PROTECT: deleting a course page that cohorts run on (or a page above
    it) used to be a 500 (ProtectedError). It is refused in words, and nothing is deleted."""

    def assert_refused(self, response):
        assert response.status_code == 302, response.status_code
        follow = self.client.get(response["Location"])
        page = follow.content.decode()
        assert "Kigali 2099" in page and "cannot be deleted" in page
        assert type(self.course).objects.filter(pk=self.course.pk).exists()

    def test_deleting_the_course_page(self):
        url = reverse("wagtailadmin_pages:delete", args=[self.course.pk])
        self.assert_refused(self.client.get(url))
        self.assert_refused(self.client.post(url))

    def test_deleting_the_catalogue_above_it(self):
        url = reverse("wagtailadmin_pages:delete", args=[self.course.get_parent().pk])
        self.assert_refused(self.client.post(url))

    def test_deleting_it_in_bulk(self):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        url += f"?id={self.course.pk}&id={self.other_course.pk}"
        self.assert_refused(self.client.post(url))
        assert type(self.course).objects.filter(pk=self.other_course.pk).exists()

    def test_a_course_without_cohorts_can_still_be_deleted(self):
        url = reverse("wagtailadmin_pages:delete", args=[self.other_course.pk])
        response = self.client.post(url)
        assert response.status_code == 302
        assert not type(self.course).objects.filter(pk=self.other_course.pk).exists()
