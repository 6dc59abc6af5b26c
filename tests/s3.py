"""A real S3 API server on loopback for tests: moto's server mode, in its own process.

Start one yourself (a bench, a drill, a two-node harness)::

    from tests.s3 import start_s3_server
    server = start_s3_server()          # buckets made, media bucket policy applied
    env = {**os.environ, **server.env()}  # ISOKO_STORAGE=s3 and the S3_* variables for a process
    ...
    server.stop()

or in pytest, the session-scoped ``s3_server`` fixture (one server per pytest process, shared by
every test of it) and ``s3_storage``, which points this process's STORAGES at it for one test
(``@pytest.mark.storage`` tests: CI fails if they were skipped). Each ``s3_storage`` test gets
fresh buckets' contents: it empties them before it runs.

The server speaks real HTTP on 127.0.0.1 (a free port the system picks): boto3, django-storages
and a plain ``urllib`` GET talk to it as to AWS. Objects are private unless the bucket policy says
otherwise, as on AWS: an unsigned GET of a private object is refused with 403. moto does not check
presigned URLs' signatures or expiry (it lets any URL carrying a signature through): tests of
expiry check the URL we sign, not moto's answer (tests/storage/test_private_objects.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import pytest

MEDIA_BUCKET = "isoko-media"
PRIVATE_BUCKET = "isoko-private"
# moto accepts any key pair; these name themselves in a log.
ACCESS_KEY_ID = "test-isoko-access-key"
SECRET_ACCESS_KEY = "test-isoko-secret-key"
REGION = "us-east-1"
START_TIMEOUT = 30.0


@dataclass
class S3Server:
    endpoint_url: str
    process: subprocess.Popen | None = field(default=None, repr=False)
    media_bucket: str = MEDIA_BUCKET
    private_bucket: str = PRIVATE_BUCKET
    access_key_id: str = ACCESS_KEY_ID
    secret_access_key: str = SECRET_ACCESS_KEY
    region: str = REGION

    def env(self) -> dict[str, str]:
        """The variables that point a Django process (gunicorn, a Celery worker, manage.py) here."""
        return {
            "ISOKO_STORAGE": "s3",
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": self.region,
            "S3_ACCESS_KEY_ID": self.access_key_id,
            "S3_SECRET_ACCESS_KEY": self.secret_access_key,
            "S3_MEDIA_BUCKET": self.media_bucket,
            "S3_PRIVATE_BUCKET": self.private_bucket,
        }

    def storages(self) -> dict:
        """STORAGES' file entries (default, private, certificates) on this server, built by the
        same function production settings use."""
        from config.settings.storage import s3_storages

        return s3_storages(
            media_bucket=self.media_bucket,
            private_bucket=self.private_bucket,
            endpoint_url=self.endpoint_url,
            region=self.region,
            access_key_id=self.access_key_id,
            secret_access_key=self.secret_access_key,
        )

    def csp(self) -> str:
        """The public pages' Content-Security-Policy with images from this server (what
        production settings set for ISOKO_STORAGE=s3)."""
        from config.settings.storage import csp_with_media, media_origin

        return csp_with_media(
            media_origin(media_bucket=self.media_bucket, endpoint_url=self.endpoint_url)
        )

    def client(self):
        """A boto3 S3 client with the server's credentials."""
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key_id,
            aws_secret_access_key=self.secret_access_key,
        )

    def create_buckets(self) -> None:
        """Both buckets (again, if a test removed them), the media policy on the media one."""
        client = self.client()
        existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        for bucket in (self.media_bucket, self.private_bucket):
            if bucket not in existing:
                client.create_bucket(Bucket=bucket)
        from core.storage import media_bucket_policy

        client.put_bucket_policy(
            Bucket=self.media_bucket, Policy=json.dumps(media_bucket_policy(self.media_bucket))
        )

    def empty_buckets(self) -> None:
        client = self.client()
        for bucket in (self.media_bucket, self.private_bucket):
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if keys:
                    client.delete_objects(Bucket=bucket, Delete={"Objects": keys})

    def keys(self, bucket: str) -> list[str]:
        client = self.client()
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def anonymous_get(self, bucket: str, key: str) -> tuple[int, bytes]:
        """A plain GET with no signature, as a stranger's browser would send it."""
        url = f"{self.endpoint_url}/{bucket}/{key}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(endpoint_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint_url}/moto-api/", timeout=1) as response:  # noqa: S310
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def start_s3_server(*, port: int | None = None, create_buckets: bool = True) -> S3Server:
    """moto's S3 server on 127.0.0.1 (``port``, or a free one), ready to answer, with the
    buckets made unless told not to. The caller stops it (``server.stop()``)."""
    for _attempt in range(3):
        chosen = port or _free_port()
        env = {**os.environ, "MOTO_PORT": str(chosen)}
        # Our own variables must not leak into moto's process and change its behaviour.
        env.pop("INITIAL_NO_AUTH_ACTION_COUNT", None)
        # moto logs every request on stderr: a file nobody has to drain (a pipe would fill).
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(chosen)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        server = S3Server(endpoint_url=f"http://127.0.0.1:{chosen}", process=process)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            if _ready(server.endpoint_url):
                log.close()  # the process keeps writing to its own copy of the file
                if create_buckets:
                    server.create_buckets()
                return server
            time.sleep(0.05)
        server.stop()
        log.seek(0)
        error = log.read()
        log.close()
        if port or b"Address already in use" not in error:
            tail = error[-2000:]
            raise RuntimeError(f"moto's S3 server did not start on port {chosen}: {tail!r}")
    raise RuntimeError("moto's S3 server found no free port in three tries")


def moto_missing() -> str | None:
    try:
        import boto3  # noqa: F401
        import flask  # noqa: F401
        import moto.server  # noqa: F401
        import storages  # noqa: F401
    except ImportError as error:
        return f"the storage tests need the test extra (moto, flask, django-storages): {error}"
    return None


@pytest.fixture(scope="session")
def s3_server():
    """One moto S3 server for this pytest process (each xdist worker has its own)."""
    if reason := moto_missing():
        pytest.skip(reason)
    server = start_s3_server()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings):
    """This test's media and private files on the S3 server, in emptied buckets."""
    s3_server.create_buckets()
    s3_server.empty_buckets()
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    settings.ISOKO_CSP = s3_server.csp()
    return s3_server
