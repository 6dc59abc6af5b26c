"""Every lesson block renders from its template, and has an admin preview where it can."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from courses.blocks import LessonBodyBlock, VideoBlock, video_embed_url

pytestmark = pytest.mark.django_db

PREVIEWED = [
    "heading",
    "paragraph",
    "quote",
    "table",
    "checklist",
    "video",
    "callout",
    "case_study",
    "key_takeaways",
]


@pytest.mark.parametrize("name", PREVIEWED)
def test_block_renders_its_preview_value(name):
    block = LessonBodyBlock().child_blocks[name]
    assert block.is_previewable
    html = block.render(block.get_preview_value())
    assert html.strip() and "<" in html


def test_image_and_document_previews_use_the_library():
    from wagtail.images.models import Image

    from tests.courses.test_query_counts import png

    Image.objects.create(title="Washing station", file=png(1))
    Document.objects.create(
        title="Export checklist", file=ContentFile(b"tick", name="checklist.txt")
    )
    blocks = LessonBodyBlock().child_blocks
    assert "<picture>" in blocks["image"].render(blocks["image"].get_preview_value())
    html = blocks["document"].render(blocks["document"].get_preview_value())
    assert "Export checklist" in html


@pytest.mark.parametrize("name", PREVIEWED)
def test_block_preview_in_the_admin(editor_client, name):
    block = LessonBodyBlock().child_blocks[name]
    response = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://example.com/video.mp4", None),
        ("https://www.youtube.com/watch?v=<script>", None),
    ],
)
def test_video_urls(url, embed):
    assert video_embed_url(url) == embed


def test_video_needs_a_known_host_and_a_transcript():
    block = VideoBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python(
                {"title": "T", "url": "https://example.com/v", "transcript": "<p>Words</p>"}
            )
        )
    assert "Use a YouTube or Vimeo video link" in str(error.value.block_errors["url"])
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"title": "T", "url": "https://youtu.be/abcDEF12345", "transcript": ""})
        )


def test_video_stays_closed_and_offers_the_audio_alternative():
    audio = Document(title="Cupping, audio")
    audio.file.save("cupping.mp3", ContentFile(b"\x00" * 2048), save=False)
    audio.save()
    block = VideoBlock()
    value = block.to_python(
        {
            "title": "Cupping",
            "url": "https://youtu.be/abcDEF12345",
            "transcript": "<p>We grind the sample.</p>",
            "low_bandwidth_alternative": audio.pk,
            "duration_minutes": 6,
        }
    )
    html = block.render(value)
    assert '<details class="video-player">' in html and 'loading="lazy"' in html
    assert '<audio controls preload="none"' in html and "2.0\xa0KB" in html
    assert "We grind the sample." in html


def test_document_block_shows_type_and_size():
    document = Document(title="Listing template")
    document.file.save("listing-template.csv", ContentFile(b"sku,title\n" * 300), save=False)
    document.save()
    block = LessonBodyBlock().child_blocks["document"]
    html = block.render(block.to_python({"document": document.pk, "description": "A CSV"}))
    assert "Listing template" in html and "CSV" in html and "KB" in html
