"""Low-data mode (accounts/low_data.py): the browser's ``Save-Data: on`` or the learner's profile
setting switches lessons, course pages and home to smaller pictures, no video player, the
transcript first; the answer varies on Save-Data, and the public page cache keeps the two
variants apart (config/page_cache.py)."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.api import profile_for, wants_low_data
from core.http import save_data_on
from courses.models import LessonPage
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.caching.conftest import page_cache_on  # noqa: F401 (the fixture)
from tests.courses import factories
from tests.courses.test_query_counts import png
from tests.perf.test_lesson_queries import ENROLLED_MAX, PREVIEW_MAX
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=abcDEF12345"


def _media_body() -> list[dict]:
    image = Image.objects.create(title="Drying beds", file=png(7))
    audio = Document(title="Cupping, audio")
    audio.file.save("cupping.mp3", ContentFile(b"\x00" * 2048), save=False)
    audio.save()
    return [
        factories.paragraph("Before the picture."),
        {
            "type": "image",
            "id": factories.uid(),
            "value": {"image": image.pk, "alt_text": "Beans drying", "caption": "Drying beds"},
        },
        {
            "type": "video",
            "id": factories.uid(),
            "value": {
                "title": "Cupping a washed coffee",
                "url": VIDEO_URL,
                "duration_minutes": 6,
                "transcript": "<p>We grind the sample first.</p>",
                "low_bandwidth_alternative": audio.pk,
            },
        },
    ]


@shared(needs=("site",))
def lowdata_pages(site):
    """A course (with a hero picture) whose first lesson is a free preview and whose second is
    for enrolled learners, both with a picture and a video; home with a hero picture. Built once
    for the module's tests (tests/shared_data.py)."""
    course = factories.course(
        factories.catalog(site),
        "Coffee for export",
        hero_image=Image.objects.create(title="Hills", file=png(3)),
    )
    module = factories.module(course, "Module")
    preview = factories.lesson(module, "Preview", body=_media_body(), free_preview=True)
    locked = factories.lesson(module, "Enrolled only", body=_media_body())
    home = site.specific
    home.hero_image = Image.objects.create(title="Home hero", file=png(4))
    factories.publish(home)
    return {"course": course, "preview": preview, "locked": locked, "home": home}


@pytest.fixture
def pages(lowdata_pages):
    return lowdata_pages


def _is_low(html: str) -> bool:
    """The lesson body as low-data mode renders it, checked in full either way."""
    if "<iframe" in html or 'class="video-player"' in html:
        assert 'class="video-low-data"' not in html
        assert "width-800" in html and "width-1200" in html  # the full srcset
        return False
    assert "width-800" not in html and "width-1200" not in html  # the smallest rendition only
    assert "width-400" in html and "block-image-small" in html
    # The transcript first, then the audio, then a plain link to the video.
    transcript = html.index("We grind the sample first.")
    audio = html.index('<audio controls preload="none"')
    video = html.index(f'href="{VIDEO_URL}"')
    assert transcript < audio < video
    assert "uses a lot of data" in html[video:]
    return True


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


# -- the header ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "on"),
    [
        ("on", True),
        ("ON", True),
        (" On ", True),
        ("on; charset=x", True),
        ("off", False),
        ("", False),
        ("garbage", False),
        ("onion", False),
        ("1", False),
        (None, False),
    ],
)
def test_only_save_data_on_counts(value, on):
    headers = {} if value is None else {"HTTP_SAVE_DATA": value}
    request = RequestFactory().get("/", **headers)
    assert save_data_on(request) is on
    request.user = UserFactory.build()  # unsaved: no profile, never asked of the database
    request.user.profile = None
    assert wants_low_data(request) is on
    assert "Save-Data" in request.varies_on


def test_no_request_no_low_data():
    assert wants_low_data(None) is False


# -- the profile setting ---------------------------------------------------------------------
def _profile_post(client, **changes) -> dict:
    data = {
        "full_name": "Aline Uwase",
        "preferred_name": "",
        "audience": "entrepreneur",
        "organisation": "",
        "country": "RW",
        "phone": "",
        "preferred_language": "en",
    }
    data.update(changes)
    return client.post(reverse("profile_edit"), {k: v for k, v in data.items() if v is not None})


def test_the_setting_is_on_the_profile_page_and_saves(client):
    learner = UserFactory()
    client.force_login(learner)
    html = client.get(reverse("profile_edit")).content.decode()
    assert 'name="low_data"' in html and 'type="checkbox"' in html
    assert "Use less data" in html
    assert "Smaller pictures, no video players, transcripts first." in html

    assert _profile_post(client, low_data="on").status_code == 302
    learner.refresh_from_db()
    assert learner.profile.low_data is True
    html = client.get(reverse("profile_edit")).content.decode()
    assert re.search(r'<input type="checkbox" name="low_data"[^>]*checked', html)

    assert _profile_post(client, low_data=None).status_code == 302  # an unticked box
    learner.refresh_from_db()
    assert learner.profile.low_data is False


def test_a_bad_profile_form_keeps_the_setting_and_says_why(client):
    learner = UserFactory()
    client.force_login(learner)
    response = _profile_post(client, country="R1", low_data="on")
    assert response.status_code == 400
    assert "two-letter country code" in response.content.decode()
    learner.refresh_from_db()
    assert learner.profile.low_data is False


def test_the_profile_page_is_for_logged_in_people_only(client):
    response = client.get(reverse("profile_edit"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    response = client.post(reverse("profile_edit"), {"low_data": "on"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_profile_page_says_when_the_browser_saves_data(client):
    client.force_login(UserFactory())
    assert "data saver is on" not in client.get(reverse("profile_edit")).content.decode()
    response = client.get(reverse("profile_edit"), HTTP_SAVE_DATA="on")
    assert "data saver is on" in response.content.decode()
    assert "save-data" in _vary(response)


# -- pages ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "low"),
    [(None, False), ("on", True), ("ON", True), ("off", False), ("garbage", False)],
)
def test_save_data_switches_an_anonymous_lesson(client, pages, header, low):
    headers = {} if header is None else {"HTTP_SAVE_DATA": header}
    response = client.get(pages["preview"].url, **headers)
    assert response.status_code == 200
    assert _is_low(response.content.decode()) is low
    assert "save-data" in _vary(response)
    # The hint is for learners (it links to their setting); an anonymous page is shared.
    assert "low-data-hint" not in response.content.decode()


def test_the_profile_switches_an_enrolled_lesson_and_shows_the_hint(client, pages):
    learner = UserFactory()
    enrolment_create(learner=learner, course=pages["course"])
    client.force_login(learner)
    url = pages["locked"].url
    html = client.get(url).content.decode()
    assert _is_low(html) is False and "low-data-hint" not in html

    profile = profile_for(learner)
    profile.low_data = True
    profile.save()
    response = client.get(url)
    html = response.content.decode()
    assert _is_low(html) is True
    assert "Low-data mode is on" in html
    assert f'href="{reverse("profile_edit")}#id_low_data"' in html
    assert {"save-data", "cookie"} <= _vary(response)
    assert "private" in response["Cache-Control"]  # a learner's page is never shared
    # Save-Data "off" does not turn the learner's own choice off.
    assert _is_low(client.get(url, HTTP_SAVE_DATA="off").content.decode()) is True


def test_save_data_alone_switches_a_learners_lesson(client, pages):
    learner = UserFactory()
    enrolment_create(learner=learner, course=pages["course"])
    client.force_login(learner)
    html = client.get(pages["locked"].url, HTTP_SAVE_DATA="on").content.decode()
    assert _is_low(html) is True and "Low-data mode is on" in html


def _hero(html: str, css_class: str) -> bool:
    return bool(re.search(rf'<img[^>]*class="{css_class}"', html))


def test_course_and_home_drop_their_hero_pictures(client, pages):
    for page, css_class in ((pages["course"], "course-hero-image"), (pages["home"], "hero-image")):
        full = client.get(page.url)
        low = client.get(page.url, HTTP_SAVE_DATA="on")
        assert _hero(full.content.decode(), css_class), page
        assert not _hero(low.content.decode(), css_class), page
        assert "save-data" in _vary(full) and "save-data" in _vary(low)
        assert page.title in low.content.decode() or css_class == "hero-image"


def test_low_data_makes_no_new_rendition(client, pages):
    from wagtail.images.models import Rendition

    assert client.get(pages["preview"].url).status_code == 200
    made = set(Rendition.objects.values_list("image_id", "filter_spec"))
    assert client.get(pages["preview"].url, HTTP_SAVE_DATA="on").status_code == 200
    assert set(Rendition.objects.values_list("image_id", "filter_spec")) == made


def test_a_storefronts_decorative_banner_is_left_out(client, site):
    from tests.marketplace.review_fixtures import png_bytes
    from tests.marketplace.test_showcase import live_store, store_url

    course = factories.course(
        factories.catalog(site), "Coffee seller readiness", qualifies_for_storefront=True
    )
    storefront = live_store(course)
    application = storefront.application
    application.banner.save("banner.png", ContentFile(png_bytes(size=(96, 32))), save=True)
    banner = f'src="{application.banner.url}"'
    full = client.get(store_url(storefront))
    low = client.get(store_url(storefront), HTTP_SAVE_DATA="on")
    assert full.status_code == low.status_code == 200
    assert banner in full.content.decode() and banner not in low.content.decode()
    assert application.trading_name in low.content.decode()
    assert "save-data" in _vary(low)


def test_a_page_that_does_not_depend_on_it_does_not_vary(client, pages):
    response = client.get(factories.catalog(pages["home"]).url, HTTP_SAVE_DATA="on")
    assert response.status_code == 200 and "save-data" not in _vary(response)


def test_a_learner_with_a_profile_less_account_is_not_low(client, pages):
    # createsuperuser makes users without a profile: the lesson still renders, in full.
    user = UserFactory()
    user.profile.delete()
    client.force_login(user)
    response = client.get(pages["preview"].url)
    assert response.status_code == 200 and _is_low(response.content.decode()) is False


# -- query counts -----------------------------------------------------------------------------
def _queries(client, url, budget, django_assert_max_num_queries, **headers) -> int:
    # Warm: renditions are made and a document's size is saved on the first view (which drops
    # the body memo, courses.selectors), the memos are filled on the second.
    for _ in range(2):
        assert client.get(url, **headers).status_code == 200
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url, **headers).status_code == 200
    return len(captured)


def test_low_data_costs_no_query(client, pages, django_assert_max_num_queries):
    learner = UserFactory()
    enrolment_create(learner=learner, course=pages["course"])
    client.force_login(learner)
    url = pages["locked"].url
    full = _queries(client, url, ENROLLED_MAX, django_assert_max_num_queries)
    profile = profile_for(learner)
    profile.low_data = True
    profile.save()
    low = _queries(client, url, ENROLLED_MAX, django_assert_max_num_queries)
    assert low == full
    assert _queries(client, url, ENROLLED_MAX, django_assert_max_num_queries, HTTP_SAVE_DATA="on")
    client.logout()
    preview = pages["preview"].url
    anonymous = _queries(client, preview, PREVIEW_MAX, django_assert_max_num_queries)
    saving = _queries(
        client, preview, PREVIEW_MAX, django_assert_max_num_queries, HTTP_SAVE_DATA="on"
    )
    assert saving == anonymous


# -- the page cache ---------------------------------------------------------------------------
@pytest.mark.usefixtures("page_cache_on")
def test_the_page_cache_keeps_two_variants_and_a_purge_drops_both(client, pages):
    url = pages["preview"].url

    def get(header=None):
        response = client.get(url, **({} if header is None else {"HTTP_SAVE_DATA": header}))
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
        assert _vary(response) == {"accept-encoding", "save-data"}
        return response["X-Page-Cache"], _is_low(response.content.decode())

    assert get() == ("miss", False)
    assert get("on") == ("miss", True)  # not the full page from the cache
    assert get() == ("hit", False)
    assert get("on") == ("hit", True)
    assert get("ON") == ("hit", True)
    assert get("off") == ("hit", False)
    assert get("garbage") == ("hit", False)
    factories.publish(LessonPage.objects.get(pk=pages["locked"].pk))  # any publish purges
    assert get("on") == ("miss", True)
    assert get() == ("miss", False)


@pytest.mark.usefixtures("page_cache_on")
def test_a_cached_page_that_does_not_depend_on_it_keeps_its_vary(client, pages):
    url = factories.catalog(pages["home"]).url
    for header, state in ((None, "miss"), ("on", "miss"), (None, "hit"), ("on", "hit")):
        response = client.get(url, **({} if header is None else {"HTTP_SAVE_DATA": header}))
        assert response["X-Page-Cache"] == state
        assert response["Vary"] == "Accept-Encoding"


def test_an_entry_pickled_before_the_vary_field_still_loads():
    import pickle

    from config.page_cache import _entry

    entry = pickle.loads(pickle.dumps(_entry("g", (), b"<p>", b"", 'W/"x"', 0)))
    assert entry.vary == "Accept-Encoding" and entry.html == b"<p>"
