"""The cohort's pages lead to each other: "My cohorts" and the report link the
CSV import, the roster export and the timetable; each viewer sees only the links they may
open (the admin only for those with admin access; another cohort's pages never)."""

from __future__ import annotations

from datetime import date, timedelta

import pyotp
from allauth.mfa.models import Authenticator
from django.test import Client, TestCase
from django.urls import reverse

from courses.api import seed_demo_site
from lms.cohorts.services import cohort_enrol
from lms.models import Cohort
from tests.accounts.factories import UserFactory
from tests.courses import factories

START = date(2099, 3, 1)


def urls(cohort: Cohort) -> dict[str, str]:
    args = [cohort.public_id]
    return {
        "report": reverse("lms_cohort_report", args=args),
        "import": reverse("lms_cohort_import", args=args),
        "roster": reverse("lms_cohort_roster_csv", args=args),
        "timetable": reverse("lms_cohort_timetable", args=args),
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


class CohortPagesLinkEachOther(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        course = factories.course(factories.catalog(site), "Policy", format="cohort")

        def cohort(name, **fields):
            return Cohort.objects.create(
                course=course,
                name=name,
                starts_on=START,
                ends_on=START + timedelta(days=10),
                capacity=5,
                **fields,
            )

        cls.mine = cohort("Kigali 2099", enrolment_mode=Cohort.Mode.APPLICATION)
        cls.theirs = cohort("Huye 2099")
        cls.facilitator = UserFactory(email="facilitator@example.org")
        cls.mine.facilitators.add(cls.facilitator)
        cls.other_facilitator = UserFactory(email="other@example.org")
        cls.theirs.facilitators.add(cls.other_facilitator)
        cls.learner = UserFactory(email="learner@example.org")
        cohort_enrol(cohort=cls.mine, learner=cls.learner)
        cls.admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
        Authenticator.objects.create(
            user=cls.admin, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
        )

    def test_my_cohorts_links_the_import_roster_report_and_timetable_of_ones_own_cohorts(self):
        page = client_for(self.facilitator).get(reverse("lms_cohort_mine")).content.decode()
        for name, url in urls(self.mine).items():
            assert f'href="{url}"' in page, name
        applications = reverse("lms_cohort_applications", args=[self.mine.public_id])
        assert f'href="{applications}"' in page
        for url in urls(self.theirs).values():
            assert url not in page
        # No admin access: no link to it.
        assert "/admin/" not in page

    def test_staff_with_admin_access_also_get_the_admin_page_of_each_cohort(self):
        page = client_for(self.admin).get(reverse("lms_cohort_mine")).content.decode()
        for cohort in (self.mine, self.theirs):
            assert f'href="{reverse("cohort:edit", args=[cohort.pk])}"' in page
            for name, url in urls(cohort).items():
                assert f'href="{url}"' in page, name

    def test_the_report_links_the_import_the_roster_and_the_timetable(self):
        page = client_for(self.facilitator).get(urls(self.mine)["report"]).content.decode()
        for name in ("import", "roster", "timetable"):
            assert f'href="{urls(self.mine)[name]}"' in page, name
        assert f'href="{reverse("lms_cohort_mine")}"' in page

    def test_the_import_page_links_the_report(self):
        page = client_for(self.facilitator).get(urls(self.mine)["import"]).content.decode()
        assert f'href="{urls(self.mine)["report"]}"' in page
        assert f'href="{urls(self.mine)["roster"]}"' in page

    def test_others_get_none_of_it(self):
        for user in (self.other_facilitator, self.learner, None):
            client = client_for(user)
            for name in ("report", "import", "roster"):
                response = client.get(urls(self.mine)[name])
                assert response.status_code in (302, 403), (user, name)
                # (The refusal page's language switcher names the page asked for: no link.)
                assert f'href="{urls(self.mine)["import"]}"' not in response.content.decode()
        assert client_for(self.learner).get(reverse("lms_cohort_mine")).status_code == 403
