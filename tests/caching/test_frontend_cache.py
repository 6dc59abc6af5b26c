"""A CDN or Varnish in front is purged on the same events (config/cache_purge.py, Wagtail's
frontend_cache): a real HTTP server on loopback stands in for Varnish and records the PURGEs."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from config.cache_purge import related_pages
from tests.courses import factories

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    purged: list[tuple[str, str]]

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = None
    for port in range(21000, 21100):  # this lane's ports
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Recorder)
            break
        except OSError:
            continue
    assert server is not None, "no free port in 21000-21099"
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def paths(purged) -> set[str]:
    return {path for _host, path in purged}


def test_publishing_a_lesson_purges_it_and_the_pages_that_show_it(
    public_pages, varnish, django_capture_on_commit_callbacks
):
    lesson, course = public_pages["locked"], public_pages["course"]
    with django_capture_on_commit_callbacks(execute=True):
        lesson.title = "Pricing for export markets"
        factories.publish(lesson)
    purged = paths(varnish)
    # The lesson, its module and course, the catalogue and home, and the course's other pages
    # (each shows the outline).
    assert {lesson.url, course.url, "/courses/", "/", public_pages["preview"].url} <= purged
    assert "/our-impact/" not in purged
    # Sent to Varnish, for the site's own host.
    assert {host for host, _path in varnish} == {urlsplit(public_pages["home"].full_url).netloc}


def test_nothing_is_sent_before_the_commit(public_pages, varnish):
    factories.publish(public_pages["course"])
    assert varnish == []


def test_unpublish_move_and_delete_purge_the_old_address(
    public_pages, varnish, django_capture_on_commit_callbacks
):
    preview, target, impact = (
        public_pages["preview"],
        public_pages["other_module"],
        public_pages["impact"],
    )
    old_url = preview.url
    with django_capture_on_commit_callbacks(execute=True):
        preview.move(target, pos="last-child")
    assert old_url in paths(varnish)
    assert preview.get_parent().url in paths(varnish)  # the module it left
    varnish.clear()
    with django_capture_on_commit_callbacks(execute=True):
        impact.unpublish()
    assert {"/our-impact/", "/"} <= paths(varnish)
    varnish.clear()
    course = public_pages["course"]
    course_url = course.url
    with django_capture_on_commit_callbacks(execute=True):
        course.delete()
    assert course_url in paths(varnish)


def test_without_a_frontend_cache_nothing_is_computed(
    public_pages, settings, django_assert_max_num_queries
):
    settings.WAGTAILFRONTENDCACHE = {}
    course = public_pages["course"]
    with django_assert_max_num_queries(0):
        from config import cache_purge

        cache_purge.on_published(sender=type(course), instance=course)


def test_related_pages_of_a_course_page(public_pages):
    related = {page.pk for page in related_pages(public_pages["course"])}
    course, catalog, home = (public_pages[name].pk for name in ("course", "catalog", "home"))
    assert {course, catalog, home} <= related
    assert public_pages["preview"].pk in related and public_pages["impact"].pk not in related
