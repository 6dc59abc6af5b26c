"""The offline pack (GET /learn/courses/<id>/offline/): what it lists is what the pages use, its
sizes are the real ones, its version follows publishing, and only enrolled learners get it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.offline.helpers import course_with_media, enrol
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def offline_pack_course(site):
    """Built once for the module's tests (tests/shared_data.py): a page tree with an image and a
    document costs seconds a test."""
    return course_with_media(site)


@pytest.fixture
def course(offline_pack_course):
    return offline_pack_course


@pytest.fixture
def learner(course):
    user = UserFactory()
    enrol(user, course)
    return user


def body_of(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def pack_url(course) -> str:
    return reverse("lms_course_offline", args=[course.pk])


def get_pack(client, course, **headers):
    response = client.get(pack_url(course), headers=headers)
    assert response.status_code == 200, response.content
    assert "private" in response["Cache-Control"]
    return response.json()


def test_the_pack_lists_every_page_with_the_size_the_learner_downloads(client, course, learner):
    client.force_login(learner)
    pack = get_pack(client, course)
    assert pack["course"] == course.pk and pack["title"] == course.title
    assert pack["url"] == course.url
    assert set(pack) >= {"course", "title", "url", "version", "low_data", "total_bytes", "items"}
    pages = {item["url"]: item["bytes"] for item in pack["items"] if item["kind"] == "page"}
    lessons = course.get_descendants().live().specific().exclude(depth=course.depth + 1)
    assert set(pages) == {course.url, *(page.url for page in lessons)}
    assert [entry["title"] for entry in pack["lessons"]] == [
        "Lesson 1",
        "Lesson 2",
        "Lesson 3",
        "Check",
    ]
    assert {entry["kind"] for entry in pack["lessons"]} == {"lesson", "quiz"}
    for url, size in pages.items():
        real = client.get(url)
        assert real.status_code == 200
        # The same templates, the same learner: within the CSRF token and the like.
        assert abs(len(real.content) - size) < 300, (url, len(real.content), size)
    assert pack["total_bytes"] == sum(item["bytes"] for item in pack["items"])
    assert all(item["kind"] in {"page", "image", "document", "static"} for item in pack["items"])


def test_images_styles_and_documents_are_the_files_the_pages_reference(client, course, learner):
    client.force_login(learner)
    pack = get_pack(client, course)
    items = {item["url"]: item for item in pack["items"]}
    first_lesson = client.get(pack["lessons"][0]["url"]).content.decode()
    images = [url for url, item in items.items() if item["kind"] == "image"]
    assert len(images) == 1
    # The WebP candidate a phone takes, from the srcset the lesson really has.
    sources = [tag for tag in re.findall(r"<source[^>]*>", first_lesson) if "image/webp" in tag]
    assert len(sources) == 1, re.findall(r"<picture.*?</picture>", first_lesson, re.S)
    srcset = re.search(r'srcset="([^"]+)"', sources[0]).group(1)
    assert images[0] in srcset and images[0].endswith(".webp")
    assert "width-800" in images[0]
    for url in images:
        body = body_of(client.get(url))
        assert items[url]["bytes"] == len(body) > 0
    # Every candidate of that srcset, with its width and real size, for the phone to choose.
    candidates = items[images[0]]["candidates"]
    assert [c["url"] for c in candidates] == [c.split()[0] for c in srcset.split(", ")]
    assert [c["width"] for c in candidates] == [int(c.split()[1][:-1]) for c in srcset.split(", ")]
    for candidate in candidates:
        body = body_of(client.get(candidate["url"]))
        assert candidate["bytes"] == len(body)
    statics = [url for url, item in items.items() if item["kind"] == "static"]
    assert any(url.endswith(".css") for url in statics)
    assert "/static/js/offline/save-course.js" in statics  # the course page's
    every_page = "".join(
        client.get(url).content.decode() for url, item in items.items() if item["kind"] == "page"
    )
    for url in statics:
        assert url in every_page or url.endswith((".woff2", ".woff", ".ttf"))
        source = finders.find(url.removeprefix(settings.STATIC_URL))
        assert items[url]["bytes"] == Path(source).stat().st_size, url
    documents = [item for item in pack["items"] if item["kind"] == "document"]
    assert [d["bytes"] for d in documents] == [5000]
    assert documents[0]["url"] in first_lesson
    # A quiz attempt is online-only.
    assert not [url for url in items if "/attempts/" in url or "/start/" in url]


def test_low_data_lists_the_smallest_images_and_no_documents(client, course, learner):
    client.force_login(learner)
    full = get_pack(client, course)
    low = get_pack(client, course, save_data="on")
    assert low["low_data"] is True and full["low_data"] is False
    assert low["version"] != full["version"]
    assert not [item for item in low["items"] if item["kind"] == "document"]
    (low_image,) = [item for item in low["items"] if item["kind"] == "image"]
    (full_image,) = [item for item in full["items"] if item["kind"] == "image"]
    assert "width-400" in low_image["url"]
    assert low_image["bytes"] < full_image["bytes"]
    assert low["total_bytes"] < full["total_bytes"]


def test_the_version_changes_when_a_lesson_is_published_and_not_otherwise(client, course, learner):
    client.force_login(learner)
    before = get_pack(client, course)
    assert get_pack(client, course)["version"] == before["version"]
    lesson = course.get_descendants().type(factories.LessonPage).specific().first()
    lesson.save_revision()  # a draft: learners do not see it
    assert get_pack(client, course)["version"] == before["version"]
    lesson.title = "Lesson 1, revised"
    lesson.save_revision().publish()
    after = get_pack(client, course)
    assert after["version"] != before["version"]
    assert after["lessons"][0]["title"] == "Lesson 1, revised"
    # A new lesson, and an unpublished one, change it too.
    module = lesson.get_parent()
    added = factories.lesson(module, "Lesson 4")
    with_new = get_pack(client, course)
    assert with_new["version"] != after["version"]
    assert added.url in {item["url"] for item in with_new["items"]}
    added.unpublish()
    assert get_pack(client, course)["version"] not in (with_new["version"],)


def test_the_language_changes_the_version(course):
    from lms.offline_pack import course_version

    english = course_version(course, language="en", low_data=False)
    assert course_version(course, language="rw", low_data=False) != english
    assert course_version(course, language="en", low_data=True) != english


def test_anonymous_visitors_get_401(client, course):
    response = client.get(pack_url(course))
    assert response.status_code == 401
    assert response.json()["code"] == "login_required"


def test_learners_not_enrolled_get_403(client, course):
    client.force_login(UserFactory())
    response = client.get(pack_url(course))
    assert response.status_code == 403
    assert response.json()["code"] == "not_enrolled"
    assert "enrolled" in response.json()["error"]


def test_a_learner_of_another_course_gets_403(client, site, course, learner):
    other = factories.course(factories.catalog(site), "Another course")
    client.force_login(learner)
    response = client.get(pack_url(other))
    assert response.status_code == 403


def test_a_withdrawn_learner_gets_403(client, course, learner):
    from lms.services import enrolment_withdraw

    enrolment_withdraw(learner=learner, course=course)
    client.force_login(learner)
    assert client.get(pack_url(course)).status_code == 403


def test_draft_and_unknown_courses_are_404(client, site, course, learner):
    client.force_login(learner)
    draft = factories.course(factories.catalog(site), "Still a draft")
    draft.unpublish()
    for pk in (draft.pk, 987654, course.get_children().first().pk):
        response = client.get(reverse("lms_course_offline", args=[pk]))
        assert response.status_code == 404, pk
        assert response.json()["code"] == "not_found"


def test_only_get_is_allowed(client, course, learner):
    client.force_login(learner)
    assert client.post(pack_url(course)).status_code == 405


def test_the_widget_is_rendered_hidden_for_enrolled_learners_only(client, site, course, learner):
    widget = re.compile(
        r'<section class="save-offline" hidden data-save-offline\s+data-course="(\d+)"'
    )
    client.force_login(learner)
    page = client.get(course.url).content.decode()
    assert widget.findall(page) == [str(course.pk)]
    assert reverse("lms_course_offline", args=[course.pk]) in page
    assert "js/offline/save-course.js" in page
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert widget.findall(dashboard) == [str(course.pk)]
    assert "js/offline/save-course.js" in dashboard
    # No empty progress bar without JavaScript: the script makes it.
    assert "<progress" not in page.split('<section class="save-offline"')[1].split("</section>")[0]

    client.force_login(UserFactory())
    for url in (course.url, reverse("dashboard")):
        html = client.get(url).content.decode()
        assert not widget.findall(html) and "save-course.js" not in html
    client.logout()
    assert "data-save-offline" not in client.get(course.url).content.decode()


def test_the_profile_low_data_setting_makes_the_low_data_pack(client, course, learner):
    client.force_login(learner)
    full = get_pack(client, course)
    learner.profile.low_data = True
    learner.profile.save()
    low = get_pack(client, course)
    assert low["low_data"] is True and low["version"] != full["version"]
    assert not [item for item in low["items"] if item["kind"] == "document"]
    assert low["total_bytes"] < full["total_bytes"]
