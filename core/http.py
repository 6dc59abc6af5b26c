"""Answers that depend on how a request asked (HTML or JSON), and files only one visitor may see."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header

JSON_TYPES = ("application/json", "application/ld+json")

logger = logging.getLogger(__name__)


def varies_on(request, *headers: str) -> None:
    """Record that the response to ``request`` depends on these request headers.

    config.negotiation.VaryMiddleware puts them in the response's Vary header, whatever response
    goes out (an error page raised later included), so a shared cache never hands one visitor's
    answer to another who asked differently.
    """
    request.varies_on = set(getattr(request, "varies_on", ())) | set(headers)


def wants_json(request) -> bool:
    """A fetch() from quiz.js or roster.js, or another program (one that accepts JSON or JSON-LD,
    as a credential verifier does, or posts JSON), rather than a browser form."""
    varies_on(request, "Accept")  # HTML or JSON by Accept: caches must key on it (Vary)
    accept = request.headers.get("Accept", "")
    return any(kind in accept for kind in JSON_TYPES) or request.content_type == "application/json"


def save_data_on(request) -> bool:
    """Whether the browser's data saver is on: a ``Save-Data: on`` request header.

    Only ``on`` counts (in any case, with parameters after a ``;`` ignored); ``off``, an empty or
    a garbled value is "not on". The header alone, so the page cache (which runs before the
    session) keys on exactly this; ``accounts.api.wants_low_data`` adds the learner's setting.
    """
    value = request.META.get("HTTP_SAVE_DATA", "")
    return value.split(";", 1)[0].strip().lower() == "on"


def open_stored(field_file):
    """``field_file`` opened for reading, or 404 when its object is gone from storage.

    The database and the store can disagree (a restore of one without the other, an object
    deleted by hand): the visitor gets "not found" rather than a 500, and the log says which
    file is missing. The existence check comes first because an S3 object is fetched lazily:
    a missing key would otherwise fail while the response streams, after its headers left.
    """
    name = field_file.name
    try:
        if field_file.storage.exists(name):
            return field_file.open("rb")
    except FileNotFoundError:
        pass
    logger.error("stored file missing: %s (storage %s)", name, type(field_file.storage).__name__)
    raise Http404


def private_file(file, *, filename: str, content_type: str, as_attachment: bool = True):
    """``file`` (open for reading) for this visitor only: stored by no cache, shared or the
    browser's (``private, no-store``), never sniffed into another type than the one we checked
    (``nosniff``), and downloaded unless ``as_attachment`` is False (an image to show inline)."""
    response = FileResponse(
        file,
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def private_download(response, *, filename: str):
    """A download made for this visitor (a CSV export of personal data): an attachment named
    ``filename``, never cached (Django's never_cache headers, with ``private``), never sniffed."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
