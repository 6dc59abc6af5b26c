"""Content negotiation and private files, shared by every app."""

import io

import pytest
from django.http import StreamingHttpResponse
from django.test import RequestFactory

from core.http import private_download, private_file, varies_on, wants_json

factory = RequestFactory()


@pytest.mark.parametrize(
    ("accept", "content_type", "expected"),
    [
        ("text/html,application/xhtml+xml", None, False),
        ("", None, False),
        ("application/json", None, True),
        ("application/ld+json, application/json;q=0.5", None, True),
        ("application/ld+json", None, True),
        ("*/*", "application/json", True),
    ],
)
def test_wants_json(accept, content_type, expected):
    if content_type:
        request = factory.post("/", data="{}", content_type=content_type, HTTP_ACCEPT=accept)
    else:
        request = factory.get("/", HTTP_ACCEPT=accept)
    assert wants_json(request) is expected
    assert request.varies_on == {"Accept"}


def test_varies_on_adds_up():
    request = factory.get("/")
    varies_on(request, "Accept")
    varies_on(request, "Cookie", "Accept")
    assert request.varies_on == {"Accept", "Cookie"}


def test_a_private_file_is_downloaded_kept_by_no_cache_and_never_sniffed():
    response = private_file(
        io.BytesIO(b"%PDF-1.7"), filename="certificate.pdf", content_type="application/pdf"
    )
    assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7"


def test_a_private_image_may_show_inline_and_an_unknown_type_is_plain_bytes():
    inline = private_file(
        io.BytesIO(b"x"), filename="kept.jpg", content_type="image/jpeg", as_attachment=False
    )
    assert inline["Content-Disposition"] == 'inline; filename="kept.jpg"'
    assert inline["Cache-Control"] == "private, no-store"
    unknown = private_file(io.BytesIO(b"x"), filename="scan", content_type="")
    assert unknown["Content-Type"] == "application/octet-stream"
    assert unknown["X-Content-Type-Options"] == "nosniff"


def test_a_private_download_is_an_attachment_never_cached_and_never_sniffed():
    response = private_download(
        StreamingHttpResponse(iter(["a,b\r\n"]), content_type="text/csv"),
        filename="kigali-roster-2030-03-01.csv",
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="kigali-roster-2030-03-01.csv"'
    )
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache", "max-age=0"} <= directives
    assert response["X-Content-Type-Options"] == "nosniff"
