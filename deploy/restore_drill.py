"""The restore drill: back up a real Isoko, lose it, restore it, and prove the copy is whole.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python deploy/restore_drill.py

1. Starts an S3 API server on loopback (moto's server mode, from the moto[server] package) and
   creates a fresh database on the PostgreSQL server of DATABASE_URL (named DRILL_DB_PREFIX_src,
   default ``isoko_drill``): migrations, then the demo seed (courses, learners, a cohort,
   graduates whose certificate PDFs are rendered by WeasyPrint, a storefront with its logo).
2. Media and private files go to two buckets on that server (ISOKO_STORAGE=s3). If the settings
   in this tree do not yet store them there, the drill uploads what the seed wrote to disk into
   the buckets itself (deploy/objects.py), and says so.
3. ``deploy/backup.sh``; then the database is dropped and both buckets emptied and deleted.
4. ``deploy/restore.sh`` into a new database (``…_restored``) and two new buckets.
5. Verifies: every table's row count matches, each certificate's PDF in the restored bucket is
   byte-identical to the original object (and to the SHA-256 the restored row records), and the
   certificate's public verification page answers 200 from gunicorn running the production
   settings (static files uncollected: deploy/drill_settings.py) on the restored database and
   buckets.

Exits non-zero on any difference. Needs pg_dump, pg_restore, psql, createdb/dropdb
(postgresql-client), the project's .venv (make setup-test), and Redis at REDIS_URL for the
production server of step 5. CI runs it after `make test` (.ci/run).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import objects  # noqa: E402  (deploy/objects.py, beside this file)

PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable
ACCESS = {"S3_ACCESS_KEY_ID": "drill-access", "S3_SECRET_ACCESS_KEY": "drill-secret"}


def say(message: str) -> None:
    print(f"drill: {message}", flush=True)  # noqa: T201


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0, headers: dict | None = None) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(command: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def psql(url: str, sql: str, env: dict) -> str:
    out = run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql], env, capture_output=True)
    return out.stdout.decode().strip()


def row_counts(url: str, env: dict) -> dict[str, int]:
    tables = psql(
        url,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        env,
    ).split()
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM public.\"{t}\"" for t in tables)
    counts = {}
    for line in psql(url, union, env).splitlines():
        table, count = line.split("|")
        counts[table] = int(count)
    return counts


def bucket_objects(bucket: str) -> dict[str, str]:
    """{key: sha256} of every object in a bucket, read back from the server."""
    s3 = objects.client()
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            found[item["Key"]] = hashlib.sha256(body).hexdigest()
    return found


def delete_bucket(bucket: str) -> None:
    s3 = objects.client()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)


def main() -> int:
    # A CI timeout or Ctrl-C still stops the servers and drops the databases (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    server_url = os.environ.get("DATABASE_URL")
    redis_url = os.environ.get("REDIS_URL")
    if not server_url or not redis_url:
        raise SystemExit("drill: needs DATABASE_URL (any database on the server) and REDIS_URL")
    prefix = os.environ.get("DRILL_DB_PREFIX", "isoko_drill")
    src_db, dst_db = f"{prefix}_src", f"{prefix}_restored"
    src_url, dst_url = database_url(server_url, src_db), database_url(server_url, dst_db)
    bucket_prefix = prefix.replace("_", "-")
    src_buckets = {
        "S3_MEDIA_BUCKET": f"{bucket_prefix}-media",
        "S3_PRIVATE_BUCKET": f"{bucket_prefix}-private",
    }
    dst_buckets = {k: f"{v}-restored" for k, v in src_buckets.items()}
    work = Path(tempfile.mkdtemp(prefix="isoko-drill-"))
    processes: list[subprocess.Popen] = []

    s3_port = free_port()
    s3_env = {"S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}", "S3_REGION": "us-east-1", **ACCESS}
    os.environ.update(s3_env)  # for objects.client() in this process
    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("S3_", "ISOKO_", "DJANGO_", "PYTEST"))
    }
    base_env.update(s3_env)
    try:
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
                stdout=open(work / "moto.log", "w"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
        wait_http(f"http://127.0.0.1:{s3_port}/moto-api/")
        say(f"S3 server (moto) on 127.0.0.1:{s3_port} after {time.monotonic() - started:.0f} s")
        s3 = objects.client()
        for bucket in src_buckets.values():
            s3.create_bucket(Bucket=bucket)

        # 1. A fresh site with data -----------------------------------------------------------
        for name in (src_db, dst_db):
            run(["dropdb", "--if-exists", "--maintenance-db", server_url, name], base_env)
        run(["createdb", "--maintenance-db", server_url, src_db], base_env)
        seed_env = {
            **base_env,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": src_url,
            "MEDIA_ROOT": str(work / "seed-media"),
            "PRIVATE_ROOT": str(work / "seed-private"),
            "ISOKO_CREDENTIAL_KEYFILE": str(work / "credential-keys.json"),
            "ISOKO_STORAGE": "s3",
            **src_buckets,
        }
        seed_env.pop("REDIS_URL", None)  # tasks (certificate rendering) run in-process
        seed_env["LOG_LEVEL"] = "WARNING"
        step = time.monotonic()
        run([PYTHON, "manage.py", "migrate", "-v0"], seed_env)
        say(f"source database {src_db} migrated in {time.monotonic() - step:.0f} s")
        step = time.monotonic()
        run([PYTHON, "manage.py", "seed_demo"], seed_env, stdout=subprocess.DEVNULL)
        say(f"demo seeded in {time.monotonic() - step:.0f} s")

        if not bucket_objects(src_buckets["S3_PRIVATE_BUCKET"]):
            say(
                "these settings keep files on disk (ISOKO_STORAGE=s3 not active here): "
                "uploading the seeded media and private files to the buckets"
            )
            for part, bucket in (("media", "S3_MEDIA_BUCKET"), ("private", "S3_PRIVATE_BUCKET")):
                directory = work / f"seed-{part}"
                if directory.exists():
                    objects.upload(directory, src_buckets[bucket])

        before_counts = row_counts(src_url, base_env)
        before_media = bucket_objects(src_buckets["S3_MEDIA_BUCKET"])
        before_private = bucket_objects(src_buckets["S3_PRIVATE_BUCKET"])
        certificates = [
            line.split("|")
            for line in psql(
                src_url,
                "SELECT code, pdf, pdf_sha256 FROM certificates_certificate "
                "WHERE pdf <> '' ORDER BY id",
                base_env,
            ).splitlines()
        ]
        if not certificates:
            raise SystemExit("drill: the seed issued no certificate with a PDF")
        for code, pdf, sha in certificates:
            if before_private.get(pdf) != sha:
                raise SystemExit(f"drill: certificate {code}'s PDF {pdf} is not in the bucket")
        say(
            f"source: {len(before_counts)} tables, {sum(before_counts.values())} rows, "
            f"{len(before_media)} media and {len(before_private)} private objects, "
            f"{len(certificates)} certificate PDFs"
        )

        # 2. Back up --------------------------------------------------------------------------
        step = time.monotonic()
        backup_env = {**base_env, "DATABASE_URL": src_url, "ISOKO_STORAGE": "s3", **src_buckets}
        run(["bash", "deploy/backup.sh", str(work / "backups")], backup_env)
        [backup] = sorted((work / "backups").iterdir())
        say(f"backup took {time.monotonic() - step:.1f} s")

        # 3. Lose everything ------------------------------------------------------------------
        run(["dropdb", "--maintenance-db", server_url, src_db], base_env)
        for bucket in src_buckets.values():
            delete_bucket(bucket)
        say(f"dropped {src_db} and deleted both buckets")

        # 4. Restore into new ones ------------------------------------------------------------
        step = time.monotonic()
        run(["createdb", "--maintenance-db", server_url, dst_db], base_env)
        restore_env = {**base_env, "DATABASE_URL": dst_url, "ISOKO_STORAGE": "s3", **dst_buckets}
        run(["bash", "deploy/restore.sh", str(backup)], restore_env)
        say(f"restore took {time.monotonic() - step:.1f} s")

        # 5. Verify ---------------------------------------------------------------------------
        after_counts = row_counts(dst_url, base_env)
        if after_counts != before_counts:
            diff = {
                t: (before_counts.get(t), after_counts.get(t))
                for t in set(before_counts) | set(after_counts)
                if before_counts.get(t) != after_counts.get(t)
            }
            raise SystemExit(f"drill: row counts differ (before, after): {diff}")
        if bucket_objects(dst_buckets["S3_MEDIA_BUCKET"]) != before_media:
            raise SystemExit("drill: the restored media bucket differs")
        after_private = bucket_objects(dst_buckets["S3_PRIVATE_BUCKET"])
        if after_private != before_private:
            raise SystemExit("drill: the restored private bucket differs")
        restored_rows = {
            line.split("|")[0]: line.split("|")[2]
            for line in psql(
                dst_url, "SELECT code, pdf, pdf_sha256 FROM certificates_certificate", base_env
            ).splitlines()
        }
        for code, pdf, sha in certificates:
            if restored_rows.get(code) != sha or after_private.get(pdf) != sha:
                raise SystemExit(f"drill: certificate {code}'s PDF is not byte-identical")
        say(
            f"restored: {len(after_counts)} tables with the same row counts; "
            f"{len(certificates)} certificate PDFs byte-identical (SHA-256)"
        )

        keys = (work / "credential-keys.json").read_text()
        port = free_port()
        serve_env = {
            **base_env,
            # The production settings, static files from their folders (deploy/drill_settings.py).
            "DJANGO_SETTINGS_MODULE": "drill_settings",
            "PYTHONPATH": str(ROOT / "deploy"),
            "DATABASE_URL": dst_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": hashlib.sha256(os.urandom(32)).hexdigest(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "ISOKO_CREDENTIAL_KEYS": keys,
            "ISOKO_MARKETPLACE_KEY_ID": "drill",
            "ISOKO_MARKETPLACE_SECRET": "drill-secret",
            "ISOKO_STORAGE": "s3",
            "MEDIA_ROOT": str(work / "restored-media"),
            "PRIVATE_ROOT": str(work / "restored-private"),
            "SECURE_SSL_REDIRECT": "false",
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "LOG_FORMAT": "text",
            **dst_buckets,
        }
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        step = time.monotonic()
        processes.append(
            subprocess.Popen(
                [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi:application"],
                cwd=ROOT,
                env=serve_env,
                stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
        health = wait_http(f"http://127.0.0.1:{port}/healthz", timeout=120)
        say(f"gunicorn, production settings: /healthz after {time.monotonic() - step:.0f} s")
        code = certificates[0][0]
        url = f"http://127.0.0.1:{port}/certificates/verify/{code}/"
        with urllib.request.urlopen(url, timeout=30) as response:
            status, body = response.status, response.read().decode()
        if health != 200 or status != 200 or code not in body:
            raise SystemExit(f"drill: /healthz {health}, verification page {status}")
        say(f"the restored copy, served with the production settings: /healthz 200, {url} 200")
        say(f"passed in {time.monotonic() - started:.0f} s")
        return 0
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if os.environ.get("DRILL_KEEP") != "1":
            for name in (src_db, dst_db):
                subprocess.run(
                    ["dropdb", "--if-exists", "--maintenance-db", server_url, name],
                    env=base_env,
                    check=False,
                )
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"kept {work} and the databases (DRILL_KEEP=1)")


if __name__ == "__main__":
    sys.exit(main())
