"""Every Wagtail image upload a trainer can reach refuses an image of too many pixels in plain
words, with the limit, and never answers 5xx.

The test images are small files (tests/huge_images.py): a real 20,000 × 20,000 PNG, and GIF,
JPEG and WebP headers claiming as much, as decompression bombs do.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from tests.huge_images import huge_gif, huge_jpeg, huge_png, huge_webp

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = "This image has too many pixels: the limit is 50 million."
BOMBS = [
    ("huge.png", huge_png),
    ("huge.gif", huge_gif),
    ("huge.jpg", huge_jpeg),
    ("huge.webp", huge_webp),
    ("just-over.png", lambda: huge_png(7100, 7100)),  # 50.4 million: under Pillow's own limit
]


@pytest.mark.parametrize(("name", "make"), BOMBS)
def test_every_image_upload_says_too_many_pixels(editorial, name, make):
    trainer = editorial["trainer_a"]
    content = make()

    def file():
        return SimpleUploadedFile(name, content, content_type="image/png")

    add = trainer.post("/admin/images/add/", {"title": "Huge", "file": file()})
    assert add.status_code == 200
    assert TOO_MANY_PIXELS in add.content.decode()

    multiple = trainer.post("/admin/images/multiple/add/", {"files[]": file()})
    assert multiple.status_code == 200
    answer = json.loads(multiple.content)
    assert answer["success"] is False and TOO_MANY_PIXELS in answer["error_message"]

    chooser = trainer.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "Huge", "image-chooser-upload-file": file()},
    )
    assert chooser.status_code == 200
    assert TOO_MANY_PIXELS in json.loads(chooser.content)["htmlFragment"]

    assert not get_image_model().objects.exists()


def test_trainers_and_reviewers_may_upload_images_and_documents(editorial):
    """Their model permissions were granted, but Wagtail reads collection permissions for media:
    "Add an image" sent a trainer back to the dashboard."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), "#6b4226").save(buffer, "PNG")
    for who in ("trainer_a", "reviewer"):
        client = editorial[who]
        assert client.get("/admin/images/add/").status_code == 200, who
        assert client.get("/admin/documents/add/").status_code == 200, who
        photo = SimpleUploadedFile(f"{who}.png", buffer.getvalue(), content_type="image/png")
        response = client.post("/admin/images/add/", {"title": who, "file": photo})
        assert response.status_code == 302, who
    assert sorted(get_image_model().objects.values_list("title", flat=True)) == [
        "reviewer",
        "trainer_a",
    ]
