"""An invited delegate's first steps: the invitation's link opens "Set your
password" (not allauth's "Change Password" with a Cancel button), choosing a password signs
them in and lands them on their dashboard, where the cohort and its next sessions are."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.api import seed_demo_site
from lms.cohorts.roster_import import cohort_import_csv, cohort_import_emails_send
from lms.models import Cohort, CohortSession
from tests.accounts.factories import UserFactory
from tests.courses import factories

PASSWORD = "Kigali-delegate-2099!"
CSV = (
    b"email,full name,organisation,role,language\r\n"
    b"amina@example.org,Amina Uwase,MINICOM,Officer,fr\r\n"
    b"deo@example.org,Deo Nshuti,RDB,,en\r\n"
)


class InvitedDelegates(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        course = factories.course(factories.catalog(site), "Policy", format="cohort")
        factories.lesson(factories.module(course, "Week 1"), "Reading")
        cls.cohort = Cohort.objects.create(
            course=course,
            name="Kigali 2099 intake",
            starts_on=date(2099, 3, 1),
            ends_on=date(2099, 3, 30),
            capacity=10,
        )
        starts = timezone.make_aware(datetime(2099, 3, 2, 9))
        CohortSession.objects.create(
            cohort=cls.cohort,
            title="Opening session",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue="Kigali Convention Centre",
        )
        facilitator = UserFactory(email="facilitator@example.org")
        cls.cohort.facilitators.add(facilitator)
        result = cohort_import_csv(cohort=cls.cohort, data=CSV, actor=facilitator)
        assert result.imported
        cls.amina = User.objects.get(email="amina@example.org")
        cls.deo = User.objects.get(email="deo@example.org")

    def invitation_link(self, user) -> str:
        mail.outbox = []
        cohort_import_emails_send(cohort_id=self.cohort.pk, invited_ids=[user.pk], enrolled_ids=[])
        (message,) = mail.outbox
        base = re.escape(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
        (link,) = re.findall(base + r"(/\S*/welcome/\S+/)", message.body)
        return link

    def test_the_link_opens_set_your_password_and_signs_the_person_in(self):
        link = self.invitation_link(self.deo)
        assert link.startswith("/learn/cohorts/welcome/")
        browser = Client()
        landing = browser.get(link)
        # As allauth does: the key goes into the session, the address bar loses it.
        assert landing.status_code == 302 and landing["Location"].endswith("-set-password/")
        form_page = browser.get(landing["Location"])
        page = form_page.content.decode()
        assert form_page.status_code == 200
        # Before: allauth's "Change Password" page, with a Cancel button.
        assert "Change Password" not in page and "Cancel" not in page
        assert "<h1>Set your password</h1>" in page
        assert "Kigali 2099 intake" in page
        done = browser.post(landing["Location"], {"password1": PASSWORD, "password2": PASSWORD})
        # Before: "Your password is now changed." and no session.
        assert done.status_code == 302 and done["Location"] == "/dashboard/"
        assert browser.session.get("_auth_user_id") == str(self.deo.pk)
        self.deo.refresh_from_db()
        assert self.deo.check_password(PASSWORD)
        dashboard = browser.get(done["Location"]).content.decode()
        assert "Kigali 2099 intake" in dashboard
        assert "Opening session" in dashboard
        # The link is spent: it says so and offers a new one and the login page.
        spent = Client().get(link)
        assert spent.status_code == 200
        spent_page = spent.content.decode()
        assert "expired" in spent_page
        assert reverse("account_reset_password") in spent_page
        assert reverse("account_login") in spent_page

    def test_in_the_invitees_language_to_their_dashboard(self):
        link = self.invitation_link(self.amina)
        assert link.startswith("/fr/learn/cohorts/welcome/")
        browser = Client()
        form_url = browser.get(link)["Location"]
        assert form_url.startswith("/fr/")
        done = browser.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
        assert done.status_code == 302 and done["Location"] == "/fr/dashboard/"
        assert browser.session.get("_auth_user_id") == str(self.amina.pk)

    def test_a_mistyped_password_keeps_the_form(self):
        browser = Client()
        form_url = browser.get(self.invitation_link(self.deo))["Location"]
        response = browser.post(form_url, {"password1": PASSWORD, "password2": "other"})
        assert response.status_code == 200
        assert "_auth_user_id" not in browser.session
        assert response.context["form"].errors
        response = browser.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"

    def test_someone_else_signed_in_is_signed_out_first(self):
        browser = Client()
        other = UserFactory(email="someone.else@example.org")
        browser.force_login(other)
        form_url = browser.get(self.invitation_link(self.deo))["Location"]
        response = browser.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 302
        assert browser.session.get("_auth_user_id") == str(self.deo.pk)

    def test_a_forged_link_is_refused_in_words(self):
        url = reverse("lms_cohort_welcome", kwargs={"uidb36": "zz", "key": "1-forged"})
        response = Client().get(url)
        assert response.status_code == 200
        assert "expired" in response.content.decode()
