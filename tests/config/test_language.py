"""The language switcher, from every kind of page, to a language with and without a translation,
and pages without a language prefix (the certificate pages) in the visitor's language.

Every switch must land on a real page (200) in the chosen language; where the page has no
translation it lands on the nearest page that has one and says so, with a link to the original.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.cache import has_vary_header
from wagtail.models import Locale

from courses.api import seed_demo_site
from lms.services import enrolment_create
from lms.services.attempts import quiz_attempt_start
from tests.accounts.factories import UserFactory
from tests.courses import factories


def notice(language: str) -> str:
    """The notice's words after the page's title, as said in ``language`` (its catalogue's
    translation; English where the language has none yet, as for Kinyarwanda)."""
    with translation.override(language):
        words = translation.gettext("“%(title)s” is not translated into this language yet.")
    return words.split("%(title)s")[1]


def switch(client: Client, language: str, next_url: str):
    """Send the switcher's form as the page at ``next_url`` renders it, and follow through."""
    page = client.get(next_url)
    form = re.search(r'<form class="lang-switch"[^>]*>(.*?)</form>', page.content.decode(), re.S)
    assert form, f"no language switcher on {next_url}"
    fields = dict(re.findall(r'<input name="(\w+)" type="hidden" value="([^"]*)"', form.group(1)))
    fields["next"] = fields["next"].replace("&amp;", "&")
    assert fields["next"] == next_url
    assert 'method="get"' in form.group(0)
    response = client.get(reverse("language_switch"), {**fields, "language": language})
    assert response.status_code == 302
    return response, client.get(response["Location"], follow=True)


class LanguageSwitchTests(TestCase):
    """One site for the whole class: a catalogue and a course translated into French, a course
    that is not, a learner enrolled in it with a quiz attempt open, and a certificate."""

    @classmethod
    def setUpTestData(cls):
        home = seed_demo_site()
        cls.french = Locale.objects.get(language_code="fr")
        catalog = factories.catalog(home)
        factories.publish(catalog.copy_for_translation(cls.french))
        cls.translated = factories.course(catalog, "Coffee for export")
        french_course = cls.translated.copy_for_translation(cls.french)
        french_course.title, french_course.slug = "Le café pour l’export", "cafe-export"
        cls.french_course = factories.publish(french_course)
        origin = factories.module(cls.translated, "Origin")
        cls.graded = factories.lesson(origin, "Grading", free_preview=True)
        factories.publish(origin.copy_for_translation(cls.french))
        factories.publish(cls.graded.copy_for_translation(cls.french))
        cls.untranslated = factories.course(catalog, "Product photography")
        module = factories.module(cls.untranslated, "Light")
        cls.lesson = factories.lesson(module, "Daylight", free_preview=True)
        cls.quiz = factories.quiz(module, "Check")
        cls.learner = UserFactory(email="aline@example.com")
        enrolment_create(learner=cls.learner, course=cls.untranslated)
        cls.attempt = quiz_attempt_start(learner=cls.learner, quiz=cls.quiz)

    def setUp(self):
        self.visitor = Client()
        self.learner_client = Client()
        self.learner_client.force_login(self.learner)

    def assert_lands_in(self, final, language: str, said: bool):
        html = final.content.decode()
        self.assertEqual(final.status_code, 200, getattr(final, "redirect_chain", None))
        self.assertEqual(final["Content-Language"], language)
        self.assertIn(f'<html lang="{language}"', html)
        self.assertEqual(notice(language) in html, said, html[:3000] if said else "")

    def test_a_translated_page_lands_on_its_translation(self):
        for language, next_url, landing in [
            ("fr", self.translated.url, "/fr/courses/cafe-export/"),
            ("en", "/fr/courses/cafe-export/", self.translated.url),
            ("fr", "/", "/fr/"),
            ("fr", "/courses/?q=coffee", "/fr/courses/?q=coffee"),
            ("fr", self.graded.url, "/fr/courses/cafe-export/origin/grading/"),
            ("en", "/fr/courses/cafe-export/origin/", "/courses/coffee-for-export/origin/"),
        ]:
            with self.subTest(language=language, page=next_url):
                response, final = switch(self.visitor, language, next_url)
                self.assertEqual(response["Location"], landing)
                self.assertEqual(response.cookies[settings.LANGUAGE_COOKIE_NAME].value, language)
                self.assert_lands_in(final, language, said=False)

    def test_an_untranslated_page_lands_on_the_nearest_translated_page_and_says_so(self):
        lesson_url, quiz_url = self.lesson.url, self.quiz.url
        for language, next_url, landing in [
            ("fr", self.untranslated.url, "/fr/courses/"),  # the French catalogue
            ("fr", lesson_url, "/fr/courses/"),
            ("fr", quiz_url, "/fr/courses/"),
            ("rw", self.untranslated.url, "/rw/"),  # nothing in Kinyarwanda: its home page
            ("rw", "/", "/rw/"),
            ("zh-hans", lesson_url, "/zh-hans/"),
        ]:
            with self.subTest(language=language, page=next_url):
                response, final = switch(self.visitor, language, next_url)
                self.assertEqual(response["Location"], landing)
                self.assert_lands_in(final, language, said=True)
                html = final.content.decode()
                # The way back: the original, in its own language.
                self.assertRegex(html, rf'<a href="{re.escape(next_url)}" hreflang="en">')
                # Said once: the notice does not follow the learner around.
                again = self.visitor.get(response["Location"]).content.decode()
                self.assertNotIn(notice(language), again)

    def test_learner_pages_switch_prefix_and_stay_put(self):
        attempt_url = reverse("lms_attempt", args=[self.attempt.public_id])
        pages = [
            reverse("dashboard"),
            attempt_url,
            reverse("marketplace_link:apply"),
            reverse("showcase:index"),
            reverse("account_email"),
        ]
        for language in ("fr", "rw"):
            for next_url in pages:
                with self.subTest(language=language, page=next_url):
                    response, final = switch(self.learner_client, language, next_url)
                    self.assertEqual(response["Location"], f"/{language}{next_url}")
                    self.assert_lands_in(final, language, said=False)
                    response, final = switch(self.learner_client, "en", f"/{language}{next_url}")
                    self.assertEqual(response["Location"], next_url)
                    self.assert_lands_in(final, "en", said=False)

    def test_account_pages_switch_for_visitors(self):
        for next_url in ("/accounts/login/?next=/dashboard/", "/accounts/signup/"):
            for language in ("fr", "sw"):
                with self.subTest(language=language, page=next_url):
                    response, final = switch(self.visitor, language, next_url)
                    self.assertEqual(response["Location"], f"/{language}{next_url}")
                    self.assert_lands_in(final, language, said=False)
                    back, final = switch(self.visitor, "en", response["Location"])
                    self.assertEqual(back["Location"], next_url)
                    self.assert_lands_in(final, "en", said=False)

    def test_a_missing_page_lands_on_the_home_page_of_the_language(self):
        self.assertEqual(self.visitor.get("/no-such-page/").status_code, 404)
        response = self.visitor.post(
            reverse("language_switch"), {"language": "fr", "next": "/no-such-page/"}
        )
        self.assertEqual(response["Location"], "/fr/")
        self.assert_lands_in(self.visitor.get("/fr/"), "fr", said=False)


@pytest.mark.django_db
class TestPagesWithoutPrefix:
    """/certificates/… keep one URL in every language: they follow the cookie, then
    Accept-Language, and the switcher stays on the same URL."""

    @pytest.fixture(autouse=True)
    def pages(self, site):
        self.urls = [
            reverse("certificates:lookup"),
            reverse("certificates:verify_credential"),
        ]

    def test_the_switcher_stays_on_the_page_now_in_the_chosen_language(self, client):
        for url in self.urls:
            response, final = switch(client, "fr", url)
            assert response["Location"] == url
            html = final.content.decode()
            assert final["Content-Language"] == "fr" and '<html lang="fr"' in html
            assert "Aller au contenu principal" in html  # a UI string from the catalogue
            assert has_vary_header(final, "Cookie")
            assert has_vary_header(final, "Accept-Language")
            response, final = switch(client, "en", url)
            assert response["Location"] == url and final["Content-Language"] == "en"

    def test_without_a_cookie_accept_language_decides(self, client):
        for url in self.urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-RW,fr;q=0.9,en;q=0.5")
            assert response["Content-Language"] == "fr"
            assert client.get(url)["Content-Language"] == "en"

    def test_the_cookie_wins_over_accept_language(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        response = client.get(self.urls[0], HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == "fr"

    def test_a_page_not_found_there_is_in_the_visitors_language(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        response = client.get("/certificates/verify/" + "A" * 27 + "/")
        assert response.status_code == 404 and response["Content-Language"] == "fr"
        assert has_vary_header(response, "Cookie")

    def test_prefixed_and_default_language_urls_still_say_their_language(self, client):
        """The URL's language wins on i18n_patterns pages, whatever the cookie says."""
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        assert client.get("/")["Content-Language"] == "en"
        assert client.get(reverse("account_login"))["Content-Language"] == "en"
        assert client.get("/fr/")["Content-Language"] == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["a\x00b", "-1", "dashboard", "account_login", "x" * 300])
def test_a_next_that_is_not_a_path_lands_on_the_home_page(client, next_url):
    """Found by tests/fuzz: ``redirect(next)`` took a bare word for a view name, so a ``next``
    that was no path raised NoReverseMatch (a 500), or went to whatever view it named."""
    seed_demo_site()
    for language, home in (("fr", "/fr/"), ("xx", "/")):
        for send in (client.get, client.post):
            response = send(reverse("language_switch"), {"language": language, "next": next_url})
            assert (response.status_code, response["Location"]) == (302, home)


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["/a\x00b", "/courses/\x00/", "/%00/", "/" + "x" * 3000])
def test_a_strange_path_switches_without_an_error(client, next_url):
    seed_demo_site()
    for language in ("fr", "xx"):
        for send in (client.get, client.post):
            response = send(reverse("language_switch"), {"language": language, "next": next_url})
            assert response.status_code == 302
