"""Public pages are cacheable and cached (config/page_cache.py), and purged when content changes
(config/cache_purge.py): in the process's memory and in Redis (the ``page_cache_on`` fixture)."""

from __future__ import annotations

import gzip
import time

import pytest
from django.core.cache import cache
from django.utils.http import http_date
from wagtail.models import Locale, Page, PageViewRestriction

from courses.selectors import outline_memo
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db

PUBLIC = ["home", "catalog", "course", "preview", "impact"]


def url_of(public_pages, name: str) -> str:
    return public_pages[name].url if name != "showcase" else "/storefronts/"


# -- cacheable: no cookie, the right headers ---------------------------------------------------
@pytest.mark.parametrize("name", [*PUBLIC, "showcase"])
def test_an_anonymous_public_page_sets_no_cookie_and_says_it_may_be_shared(
    client, public_pages, name
):
    response = client.get(url_of(public_pages, name))
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert not client.cookies
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    # The language is in the URL and the session cookie bypasses: neither is a Vary.
    assert response["Vary"] == "Accept-Encoding"
    assert response["ETag"].startswith('W/"')
    assert response.has_header("Last-Modified")
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in html
    # The language switcher is a GET form: it needs no token.
    assert '<form class="lang-switch" action="/i18n/switch/" method="get">' in html


def test_cache_lifetimes_come_from_the_settings(client, public_pages, settings):
    settings.ISOKO_PAGE_CACHE_MAX_AGE, settings.ISOKO_PAGE_CACHE_S_MAXAGE = 30, 900
    response = client.get(public_pages["course"].url)
    assert response["Cache-Control"] == "public, max-age=30, s-maxage=900"


def test_a_french_page_is_public_too(client, public_pages):
    response = client.get("/fr/courses/")
    assert response.status_code == 200 and response["Content-Language"] == "fr"
    assert response["Vary"] == "Accept-Encoding" and not response.cookies


def test_a_logged_in_learners_page_is_private(client, public_pages):
    client.force_login(UserFactory())
    response = client.get(public_pages["course"].url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in response
    assert "Cookie" in response["Vary"]


def test_a_locked_lesson_is_not_shared(client, public_pages):
    response = client.get(public_pages["locked"].url)
    assert response.status_code == 403
    assert "public" not in response.get("Cache-Control", "")


def test_a_password_protected_page_keeps_its_form_private(client, public_pages, page_cache_on):
    PageViewRestriction.objects.create(
        page=public_pages["impact"], restriction_type="password", password="secret"
    )
    response = client.get(public_pages["impact"].url)
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "csrftoken" in response.cookies
    assert "private" in response["Cache-Control"]
    # Never stored: a visitor who already has the CSRF cookie gets a form of their own too.
    again = client.get(public_pages["impact"].url)
    assert "X-Page-Cache" not in again and "private" in again["Cache-Control"]


# -- validators --------------------------------------------------------------------------------
def test_if_none_match_is_answered_with_304(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    first = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content
    assert not_modified["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_if_modified_since_is_answered_with_304(client, public_pages, page_cache_on):
    url = public_pages["catalog"].url
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    earlier = http_date(time.time() - 3600)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_publish_changes_the_validators(client, public_pages, page_cache_on):
    course = public_pages["course"]
    first = client.get(course.url)
    course.summary = "A new summary."
    factories.publish(course)
    response = client.get(course.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and "A new summary." in response.content.decode()


# -- the cache ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [*PUBLIC, "showcase"])
def test_a_second_read_is_served_from_the_cache_without_queries(
    client, public_pages, page_cache_on, name, django_assert_num_queries
):
    url = url_of(public_pages, name)
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"] and not second.cookies


def test_other_cookies_share_the_entry(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    client.get(url)
    client.cookies.load({"csrftoken": "x" * 32, "_ga": "GA1.1.1", "django_language": "fr"})
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"


def test_head_is_served_from_the_cache(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    first = client.head(url)
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=300" and not first.content
    body = client.get(url).content
    head = client.head(url)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"
    assert head["Content-Length"] == str(len(body)) and not head.content


def test_the_session_cookie_bypasses_the_cache_both_ways(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    assert "Log in to enrol" in client.get(url).content.decode()  # cached for visitors
    client.force_login(UserFactory())
    learner_page = client.get(url)
    html = learner_page.content.decode()
    # Not the visitors' copy: the learner's own, and it is not stored for anyone else.
    assert "X-Page-Cache" not in learner_page
    assert "Enrol — it is free" in html and "Log in to enrol" not in html
    client.logout()
    visitor = client.get(url)
    assert visitor["X-Page-Cache"] == "hit"
    assert "Log in to enrol" in visitor.content.decode()
    assert "Enrol — it is free" not in visitor.content.decode()


def test_a_logged_in_page_is_never_stored(client, public_pages, page_cache_on):
    url = public_pages["home"].url
    client.force_login(UserFactory())
    client.get(url)
    client.get(url)
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_stale_session_cookie_is_served_fresh(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    client.get(url)
    client.cookies.load({"sessionid": "no-such-session"})
    assert "X-Page-Cache" not in client.get(url)


def test_a_pending_message_is_shown_not_a_cached_page(client, public_pages, page_cache_on):
    """Switching to a language the course is not in lands on that language's home page with a
    notice (a flash message, in a cookie): the cached home page would lose it."""
    client.get("/sw/")  # the Swahili home page, cached for visitors
    switched = client.get("/i18n/switch/", {"language": "sw", "next": public_pages["course"].url})
    assert switched.status_code == 302 and switched["Location"] == "/sw/"
    assert "no-store" in switched["Cache-Control"]
    landing = client.get("/sw/")
    assert "X-Page-Cache" not in landing
    assert "Coffee for export" in landing.content.decode()  # the notice names the course
    # The message is shown once; then the page comes from the cache again.
    assert client.get("/sw/")["X-Page-Cache"] == "hit"


def test_the_cache_can_be_turned_off(client, public_pages, settings):
    settings.ISOKO_PAGE_CACHE = False
    url = public_pages["course"].url
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "off"
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"


# -- purge -------------------------------------------------------------------------------------
def test_a_published_change_shows_at_once_on_the_page_and_where_it_is_listed(
    client, public_pages, page_cache_on, django_capture_on_commit_callbacks
):
    course, catalog, home = public_pages["course"], public_pages["catalog"], public_pages["home"]
    preview = public_pages["preview"]
    for url in (course.url, catalog.url, home.url, preview.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        course.title = "Coffee for export, second edition"
        factories.publish(course)
    committed = time.monotonic()
    # The very next read shows it: well within a second of the commit.
    assert "Coffee for export, second edition" in client.get(course.url).content.decode()
    assert time.monotonic() - committed < 1.0
    assert "Coffee for export, second edition" in client.get(catalog.url).content.decode()
    # The lesson shows its course's title (breadcrumb and outline).
    assert "Coffee for export, second edition" in client.get(preview.url).content.decode()


def test_a_lesson_change_shows_on_its_course_page(client, public_pages, page_cache_on):
    course, lesson = public_pages["course"], public_pages["locked"]
    client.get(course.url)
    lesson.title = "Pricing for export markets"
    factories.publish(lesson)
    assert "Pricing for export markets" in client.get(course.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, public_pages, page_cache_on):
    preview, course = public_pages["preview"], public_pages["course"]
    client.get(preview.url)
    client.get(course.url)
    preview.unpublish()
    assert client.get(preview.url).status_code == 404
    assert preview.title not in client.get(course.url).content.decode()


def test_a_moved_page_is_at_its_new_address_at_once(client, public_pages, page_cache_on):
    preview, target = public_pages["preview"], public_pages["other_module"]
    old_url = preview.url
    client.get(old_url)
    preview.move(target, pos="last-child")
    moved = Page.objects.get(pk=preview.pk)
    # Not the cached page: Wagtail's redirect from the old address to the new.
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"] == moved.url
    assert client.get(moved.url).status_code == 200


def test_a_deleted_page_is_gone_at_once(client, public_pages, page_cache_on):
    impact = public_pages["impact"]
    client.get(impact.url)
    impact.delete()
    assert client.get(impact.url).status_code == 404


def test_a_new_translation_shows_at_once(client, public_pages, page_cache_on):
    french = Locale.objects.get(language_code="fr")
    assert "Le café pour l’export" not in client.get("/fr/courses/").content.decode()
    translation = public_pages["course"].copy_for_translation(french)
    translation.title, translation.slug = "Le café pour l’export", "cafe-export"
    factories.publish(translation)
    assert "Le café pour l’export" in client.get("/fr/courses/").content.decode()


def test_a_synchronised_alias_shows_at_once(client, public_pages, page_cache_on):
    """A synchronised tree (simple_translation) makes a live alias at once, with no publish:
    copy_for_translation_done purges."""
    french = Locale.objects.get(language_code="fr")
    client.get("/fr/courses/")
    public_pages["course"].copy_for_translation(french, alias=True)
    assert "Coffee for export" in client.get("/fr/courses/").content.decode()


# -- compression -------------------------------------------------------------------------------
def test_gzip_when_the_client_accepts_it(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    plain = client.get(url)
    for state in ("hit", "hit"):
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert zipped["Content-Encoding"] == "gzip" and zipped["X-Page-Cache"] == state
        assert gzip.decompress(zipped.content) == plain.content
        assert int(zipped["Content-Length"]) < len(plain.content) / 2
    assert "Content-Encoding" not in client.get(url)


def test_gzip_on_a_page_that_is_not_cached(client, public_pages):
    client.force_login(UserFactory())
    response = client.get("/dashboard/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


def test_another_nodes_purge_shows_within_the_local_seconds(client, public_pages, page_cache_on):
    """Each process trusts its copy of the generation for ISOKO_PAGE_CACHE_LOCAL_SECONDS (0.5 s):
    a purge made elsewhere (another node, a Celery worker publishing on schedule) writes only
    the shared generation, as here."""
    from config.page_cache import GENERATION_KEY, page_cache

    course = public_pages["course"]
    client.get(course.url)
    Page.objects.filter(pk=course.pk).update(title="Changed behind the cache's back")
    page_cache().set(GENERATION_KEY, "another-nodes-generation", None)
    # The publish there replaced the content token too (courses.selectors' receivers), which
    # the page kept by routing here is checked against on every request (courses/routing.py).
    cache.set(outline_memo.key, "another-nodes-content")
    started = time.monotonic()
    while "Changed behind" not in client.get(course.url).content.decode():
        assert time.monotonic() - started < 1.0
        time.sleep(0.05)
