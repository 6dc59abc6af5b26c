"""Image renditions are served (with a long cache); other media paths are not."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.courses.test_query_counts import png

pytestmark = pytest.mark.django_db


def test_renditions_are_served_and_documents_are_not(client):
    image = Image.objects.create(title="Beans", file=png(3))
    rendition = image.get_rendition("format-webp|width-40")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "max-age=2592000" in response["Cache-Control"]
    document = Document.objects.create(title="Private", file=ContentFile(b"x", name="secret.txt"))
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get("/media/images/../../db.sqlite3").status_code == 404
