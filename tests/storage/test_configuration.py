"""Which storage the environment selects: the local disk by default (as `make run` has it), S3 with
ISOKO_STORAGE=s3, and a clear refusal to start when S3 is half configured."""

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from storages.backends.s3 import S3Storage

from certificates.models import Certificate
from config.settings.storage import media_origin, s3_storages
from marketplace_link.models import ExportDocument, StagedUpload

ROOT = Path(__file__).resolve().parents[2]
S3_VARIABLES = (
    "ISOKO_STORAGE",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_MEDIA_BUCKET",
    "S3_PRIVATE_BUCKET",
    "S3_PRIVATE_URL_EXPIRY",
)


def django_check(settings_module: str, **variables: str) -> subprocess.CompletedProcess:
    """``manage.py check`` in a fresh process with only these storage variables set."""
    env = {k: v for k, v in os.environ.items() if k not in S3_VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_variables_files_stay_on_the_local_disk():
    assert not os.environ.get("ISOKO_STORAGE")
    assert isinstance(storages["default"], FileSystemStorage)
    assert Path(default_storage.location) == Path(settings.MEDIA_ROOT)
    private = storages["private"]
    assert isinstance(private, FileSystemStorage)
    assert Path(private.location) == Path(settings.PRIVATE_ROOT)
    assert Path(storages["certificates"].location) == Path(settings.PRIVATE_ROOT)
    # What the models hold follows STORAGES (core/storage.py), on the local disk here.
    for field in (Certificate.pdf.field, ExportDocument.file.field, StagedUpload.file.field):
        assert Path(field.storage.location) == Path(settings.PRIVATE_ROOT)


@pytest.mark.storage
def test_the_models_follow_storages_when_it_changes(s3_server, settings):
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    storage = ExportDocument.file.field.storage
    name = storage.save("marketplace/documents/probe.txt", ContentFile(b"probe"))
    assert s3_server.keys(s3_server.private_bucket).count(name) == 1
    assert isinstance(storages["private"], S3Storage)
    storage.delete(name)


BAD = [
    ({"ISOKO_STORAGE": "s3", "S3_PRIVATE_BUCKET": "p"}, "S3_MEDIA_BUCKET"),
    ({"ISOKO_STORAGE": "s3", "S3_MEDIA_BUCKET": "m"}, "S3_PRIVATE_BUCKET"),
    (
        {"ISOKO_STORAGE": "s3", "S3_MEDIA_BUCKET": "same", "S3_PRIVATE_BUCKET": "same"},
        "must be two buckets",
    ),
    (
        {
            "ISOKO_STORAGE": "s3",
            "S3_MEDIA_BUCKET": "m",
            "S3_PRIVATE_BUCKET": "p",
            "S3_ACCESS_KEY_ID": "key-without-secret",
        },
        "S3_SECRET_ACCESS_KEY",
    ),
    (
        {"ISOKO_STORAGE": "s3", "S3_MEDIA_BUCKET": "m", "S3_PRIVATE_BUCKET": "p",
         "S3_PRIVATE_URL_EXPIRY": "soon"},
        "S3_PRIVATE_URL_EXPIRY is a number of seconds",
    ),
    ({"ISOKO_STORAGE": "disk"}, "'local' (the default) or 's3'"),
]  # fmt: skip


@pytest.fixture
def storage_settings_module(monkeypatch):
    """config.settings.storage run again under the variables a test sets, then as it was."""
    import importlib

    import config.settings.storage as module

    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield lambda: importlib.reload(module)
    monkeypatch.undo()
    importlib.reload(module)


@pytest.mark.parametrize(("variables", "message"), BAD)
def test_a_half_configured_s3_is_refused_naming_the_variable(
    storage_settings_module, monkeypatch, variables, message
):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        storage_settings_module()


def test_the_site_refuses_to_start_with_a_half_configured_s3():
    result = django_check("config.settings.dev", ISOKO_STORAGE="s3", S3_PRIVATE_BUCKET="p")
    assert result.returncode != 0
    assert "ImproperlyConfigured: ISOKO_STORAGE=s3 needs the S3_MEDIA_BUCKET" in result.stderr


def test_the_builder_refuses_what_the_settings_refuse():
    with pytest.raises(ImproperlyConfigured, match="S3_PRIVATE_URL_EXPIRY"):
        s3_storages(media_bucket="m", private_bucket="p", private_url_expiry=86400)


def test_the_variables_select_s3_in_a_fresh_process():
    """What a gunicorn node or a Celery worker given the variables reads (tests/s3.py env())."""
    from tests.s3 import S3Server

    server = S3Server(endpoint_url="http://127.0.0.1:9000")
    code = (
        "from django.conf import settings as s; o = s.STORAGES['private']['OPTIONS']; "
        "print(s.STORAGES['default']['OPTIONS']['bucket_name'], o['bucket_name'], "
        "o['endpoint_url'], o['querystring_expire'], s.ISOKO_CSP.split(';')[1])"
    )
    env = {k: v for k, v in os.environ.items() if k not in S3_VARIABLES}
    env.update(server.env(), DJANGO_SETTINGS_MODULE="config.settings.dev")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "isoko-media", "isoko-private", "http://127.0.0.1:9000", "300",
        "img-src", "'self'", "data:", "http://127.0.0.1:9000",
    ]  # fmt: skip


def test_media_origin_for_the_csp():
    assert media_origin(media_bucket="m", media_custom_domain="cdn.example.org") == (
        "https://cdn.example.org"
    )
    assert media_origin(media_bucket="m", endpoint_url="https://s3.example.org:9000/x") == (
        "https://s3.example.org:9000"
    )
    assert media_origin(
        media_bucket="m", endpoint_url="https://s3.example.org", addressing_style="virtual"
    ) == ("https://m.s3.example.org")
    assert "https://m.s3.eu-west-1.amazonaws.com" in media_origin(
        media_bucket="m", region="eu-west-1"
    )


@pytest.mark.storage
def test_a_private_url_is_presigned_and_expires_in_minutes(s3_storage, settings):
    """The views stream private files; a URL the private storage hands out (a script, an admin
    tool) is signed and short-lived. moto checks neither signatures nor expiry of a presigned
    URL, so the expiry is checked in the URL we sign; the unsigned address is refused."""
    private = storages["private"]
    name = private.save("certificates/zz/probe.pdf", ContentFile(b"%PDF-1.4 probe"))
    query = parse_qs(urlsplit(private.url(name)).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert "X-Amz-Signature" in query and "X-Amz-Date" in query
    assert s3_storage.anonymous_get(s3_storage.private_bucket, name)[0] == 403
    with urllib.request.urlopen(private.url(name), timeout=10) as response:  # noqa: S310
        assert response.read() == b"%PDF-1.4 probe"  # the signed URL names the object

    storages_60 = s3_storage.storages()
    for alias in ("private", "certificates"):
        storages_60[alias]["OPTIONS"]["querystring_expire"] = 60
    settings.STORAGES = {**settings.STORAGES, **storages_60}
    query = parse_qs(urlsplit(storages["private"].url(name)).query)
    assert query["X-Amz-Expires"] == ["60"]
