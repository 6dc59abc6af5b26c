"""manage.py storage_sync: local files onto S3 (moving a site there), and every object out and
back (the backup and restore of docs/storage.md)."""

from io import StringIO

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.storage


def sync(*args) -> str:
    out = StringIO()
    call_command("storage_sync", *args, stdout=out)
    return out.getvalue()


def test_local_files_are_pushed_onto_s3_once_and_pulled_back(s3_storage, tmp_path):
    media, private = tmp_path / "media", tmp_path / "private"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "beans.png").write_bytes(b"\x89PNG beans")
    (media / "documents").mkdir()
    (media / "documents" / "prices.pdf").write_bytes(b"%PDF prices")
    (private / "certificates" / "ab").mkdir(parents=True)
    (private / "certificates" / "ab" / "abc.pdf").write_bytes(b"%PDF certificate")
    folders = ["--media", str(media), "--private", str(private)]

    dry = sync("push", "--dry-run", *folders)
    assert "media: would copy 2 files" in dry and s3_storage.keys(s3_storage.media_bucket) == []

    out = sync("push", *folders)
    assert "media: copied 2 files (21 bytes), 0 already there" in out
    assert "private: copied 1 files (16 bytes), 0 already there" in out
    assert s3_storage.keys(s3_storage.media_bucket) == [
        "documents/prices.pdf",
        "original_images/beans.png",
    ]
    assert s3_storage.keys(s3_storage.private_bucket) == ["certificates/ab/abc.pdf"]
    # The policies apply to what was pushed: images public, the rest not.
    assert s3_storage.anonymous_get(s3_storage.media_bucket, "original_images/beans.png")[0] == 200
    assert s3_storage.anonymous_get(s3_storage.media_bucket, "documents/prices.pdf")[0] == 403
    assert s3_storage.anonymous_get(s3_storage.private_bucket, "certificates/ab/abc.pdf")[0] == 403

    # Again: nothing new, nothing copied. A changed file goes again.
    assert "media: copied 0 files (0 bytes), 2 already there" in sync("push", *folders)
    (private / "certificates" / "ab" / "abc.pdf").write_bytes(b"%PDF certificate, reissued")
    assert "private: copied 1 files" in sync("push", *folders)
    with storages["private"].open("certificates/ab/abc.pdf", "rb") as handle:
        assert handle.read() == b"%PDF certificate, reissued"

    # A backup: every object out into empty folders, byte for byte.
    backup = tmp_path / "backup"
    sync("pull", "--media", str(backup / "media"), "--private", str(backup / "private"))
    assert (backup / "media" / "original_images" / "beans.png").read_bytes() == b"\x89PNG beans"
    assert (backup / "private" / "certificates" / "ab" / "abc.pdf").read_bytes() == (
        b"%PDF certificate, reissued"
    )


def test_pushing_a_missing_folder_or_onto_itself_is_refused(tmp_path, settings):
    with pytest.raises(CommandError, match="No folder"):
        sync("push", "--media", str(tmp_path / "nowhere"), "--private", str(tmp_path))
    (tmp_path / "m").mkdir()
    with pytest.raises(CommandError, match="is the configured storage itself"):
        sync("push", "--media", str(tmp_path / "m"), "--private", str(settings.PRIVATE_ROOT))


def test_storage_buckets_makes_the_buckets_and_applies_their_rules(s3_server, settings):
    from tests.s3 import S3Server

    fresh = S3Server(
        endpoint_url=s3_server.endpoint_url, media_bucket="setup-media", private_bucket="setup-pr"
    )
    settings.STORAGES = {**settings.STORAGES, **fresh.storages()}
    with pytest.raises(CommandError, match="setup-media does not exist"):
        call_command("storage_buckets", stdout=StringIO())
    out = StringIO()
    call_command("storage_buckets", "--create", stdout=out)
    assert "made bucket setup-media" in out.getvalue() and "made bucket setup-pr" in out.getvalue()
    # Twice is harmless.
    call_command("storage_buckets", stdout=StringIO())

    client = fresh.client()
    block = client.get_public_access_block(Bucket="setup-pr")["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    for key in ("original_images/a.png", "documents/a.pdf"):
        client.put_object(Bucket="setup-media", Key=key, Body=b"x")
    client.put_object(Bucket="setup-pr", Key="certificates/a.pdf", Body=b"x")
    assert fresh.anonymous_get("setup-media", "original_images/a.png")[0] == 200
    assert fresh.anonymous_get("setup-media", "documents/a.pdf")[0] == 403
    assert fresh.anonymous_get("setup-pr", "certificates/a.pdf")[0] == 403


def test_storage_buckets_on_the_local_disk_says_there_is_nothing_to_do():
    with pytest.raises(CommandError, match="ISOKO_STORAGE is not s3"):
        call_command("storage_buckets", stdout=StringIO())
