"""A low-data lesson on a 360 px phone transfers fewer bytes than the same lesson in full:
Chromium with ``Save-Data: on`` (as a phone's data saver sends it), and a learner who chose
"Use less data" on their profile. Screenshots: var/screenshots/lowdata-*.png."""

from __future__ import annotations

import random
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.api import profile_for
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.e2e.conftest import SCREENSHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
VIDEO_URL = "https://www.youtube.com/watch?v=abcDEF12345"


def photo(n: int) -> ImageFile:
    """A photo-like picture (noise compresses as badly as a photo): 1600 × 1000 px."""
    rng = random.Random(n)
    small = PILImage.new("RGB", (160, 100))
    small.putdata(
        [
            (rng.randrange(90, 200), rng.randrange(60, 160), rng.randrange(30, 120))
            for _ in range(160 * 100)
        ]
    )
    buffer = BytesIO()
    small.resize((1600, 1000), PILImage.Resampling.BICUBIC).save(buffer, "JPEG", quality=90)
    return ImageFile(buffer, name=f"photo-{n}.jpg")


def lesson_body() -> list[dict]:
    audio = Document(title="Drying coffee, audio")
    audio.file.save("drying.mp3", ContentFile(b"\x00" * 4096), save=False)
    audio.save()
    body = [factories.paragraph("Coffee dries on raised beds for two to three weeks.")]
    for n in range(3):
        image = Image.objects.create(title=f"Drying beds {n}", file=photo(n))
        body.append(
            {
                "type": "image",
                "id": factories.uid(),
                "value": {"image": image.pk, "alt_text": f"Drying beds {n}", "caption": ""},
            }
        )
    body.append(
        {
            "type": "video",
            "id": factories.uid(),
            "value": {
                "title": "Turning the beans",
                "url": VIDEO_URL,
                "duration_minutes": 4,
                "transcript": "<p>Turn the beans every hour so they dry evenly.</p>",
                "low_bandwidth_alternative": audio.pk,
            },
        }
    )
    return body


def transferred(context, url: str, name: str) -> int:
    """Bytes the page at ``url`` transfers (bodies and headers), scrolled to the end so every
    lazy picture loads; a full-page screenshot is kept under ``name``."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sizes: list[int] = []
    page.on(
        "requestfinished",
        lambda request: sizes.append(
            sum(request.sizes()[k] for k in ("responseBodySize", "responseHeadersSize"))
        ),
    )
    page.goto(url, wait_until="networkidle")
    assert page.evaluate(
        "navigator.serviceWorker === undefined || !navigator.serviceWorker.controller"
    )
    for _ in range(6):  # lazy pictures load as they come into view
        page.mouse.wheel(0, PHONE["height"])
        page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"lowdata-{name}.png"), full_page=True)
    assert not problems, problems
    page.close()
    total = sum(sizes)
    assert total > 20_000, (name, total)  # the HTML, the style sheet and pictures at least
    return total


def new_context(chromium, **options):
    # Service workers blocked: a page the worker answers from its cache transfers nothing over
    # the network as Playwright counts it, and this measures what the server sends.
    return chromium.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        locale="en-GB",
        service_workers="block",
        **options,
    )


def test_a_low_data_lesson_transfers_fewer_bytes_on_a_phone(
    live_server, chromium, site, record_property
):
    course = factories.course(factories.catalog(site), "Drying coffee")
    module = factories.module(course, "Module")
    lesson = factories.lesson(module, "Raised beds", body=lesson_body(), free_preview=True)
    url = live_server.url + lesson.url

    full_context = new_context(chromium)
    full_context.route("**/*youtube*/**", lambda route: route.abort())  # never leave the machine
    full = transferred(full_context, url, "full")
    full_context.close()

    saving_context = new_context(chromium, extra_http_headers={"Save-Data": "on"})
    low = transferred(saving_context, url, "save-data")
    saving_context.close()
    record_property("bytes_full", full)
    record_property("bytes_save_data", low)
    assert low < full * 0.6, (full, low)

    # A learner who chose "Use less data" gets the same light lesson, and the hint.
    learner = UserFactory(email="aline@example.com")
    enrolment_create(learner=learner, course=course)
    profile = profile_for(learner)
    profile.low_data = True
    profile.save()
    learner_context = new_context(chromium)
    page = learner_context.new_page()
    log_in(page, live_server.url, learner.email)
    page.close()
    chosen = transferred(learner_context, url, "profile")
    page = learner_context.new_page()
    page.goto(url)
    hint = page.locator("#low-data-hint")
    assert hint.is_visible() and "Low-data mode is on" in hint.inner_text()
    assert page.locator("iframe").count() == 0
    hint.get_by_role("link", name="change").click()
    page.wait_for_url("**/accounts/profile/#id_low_data")
    assert page.get_by_label("Use less data").is_checked()
    page.screenshot(path=str(SCREENSHOTS / "lowdata-setting.png"), full_page=True)
    learner_context.close()
    record_property("bytes_profile_low_data", chosen)
    (SCREENSHOTS / "lowdata-bytes.txt").write_text(
        f"lesson at 360 px (DPR 2): full {full} B, Save-Data {low} B, "
        f"profile 'Use less data' {chosen} B\n"
    )
    assert chosen < full * 0.6, (full, chosen)
