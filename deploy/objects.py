"""Copy an S3 bucket to a directory and back, with a manifest of every object's SHA-256.

    python deploy/objects.py download BUCKET DIR   # DIR/<key> per object, DIR.manifest.json
    python deploy/objects.py upload DIR BUCKET     # creates BUCKET if missing; checks the manifest
    python deploy/objects.py verify DIR BUCKET     # each manifest entry is in BUCKET, same bytes

The S3 API is the one the site uses: S3_ENDPOINT_URL (empty for AWS), S3_REGION,
S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY. boto3 is a dependency of the image already; no aws cli.
Objects are streamed one at a time (memory stays flat) and keys are kept as they are (a key is a
path under DIR; a key that would escape DIR is refused).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("S3_REGION") or "us-east-1",
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        config=Config(retries={"max_attempts": 5, "mode": "standard"}),
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _target(directory: Path, key: str) -> Path:
    target = (directory / key).resolve()
    if not target.is_relative_to(directory.resolve()):
        raise SystemExit(f"objects: refusing key {key!r}: it leaves {directory}")
    return target


def _manifest_path(directory: Path) -> Path:
    return directory.with_name(directory.name + ".manifest.json")


def download(bucket: str, directory: Path) -> dict:
    s3 = client()
    directory.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            key = item["Key"]
            if key.endswith("/"):
                continue
            target = _target(directory, key)
            target.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(bucket, key, str(target))
            manifest[key] = {"size": target.stat().st_size, "sha256": _sha256(target)}
    _manifest_path(directory).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _ensure_bucket(s3, bucket: str) -> None:
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError:
        region = os.environ.get("S3_REGION") or "us-east-1"
        extra = {} if region == "us-east-1" else {
            "CreateBucketConfiguration": {"LocationConstraint": region}
        }  # fmt: skip
        s3.create_bucket(Bucket=bucket, **extra)


def upload(directory: Path, bucket: str) -> int:
    s3 = client()
    _ensure_bucket(s3, bucket)
    manifest_file = _manifest_path(directory)
    manifest = json.loads(manifest_file.read_text()) if manifest_file.exists() else None
    count = 0
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        key = path.relative_to(directory).as_posix()
        if manifest is not None and manifest.get(key, {}).get("sha256") != _sha256(path):
            raise SystemExit(f"objects: {key} does not match the backup's manifest")
        s3.upload_file(str(path), bucket, key)
        count += 1
    if manifest is not None and count != len(manifest):
        raise SystemExit(
            f"objects: {len(manifest)} objects in the manifest, {count} files in {directory}"
        )
    return count


def verify(directory: Path, bucket: str) -> int:
    """Every object of the manifest is in the bucket with the same bytes (read back)."""
    s3 = client()
    manifest = json.loads(_manifest_path(directory).read_text())
    for key, entry in manifest.items():
        body = s3.get_object(Bucket=bucket, Key=key)["Body"]
        digest = hashlib.sha256()
        for chunk in iter(lambda b=body: b.read(1 << 20), b""):
            digest.update(chunk)
        if digest.hexdigest() != entry["sha256"]:
            raise SystemExit(f"objects: {bucket}/{key} differs from the backup")
    return len(manifest)


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("download", "upload", "verify"):
        raise SystemExit(__doc__)
    command, first, second = argv
    if command == "download":
        manifest = download(first, Path(second))
        print(f"objects: {len(manifest)} objects of s3://{first} -> {second}")  # noqa: T201
    elif command == "upload":
        count = upload(Path(first), second)
        print(f"objects: {count} objects of {first} -> s3://{second}")  # noqa: T201
    else:
        count = verify(Path(first), second)
        print(f"objects: {count} objects of s3://{second} match {first}")  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1:])
