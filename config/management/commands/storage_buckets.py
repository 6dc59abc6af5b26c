"""Check (and with --create, make) the two S3 buckets and apply their access rules.

    manage.py storage_buckets            # report: each bucket there? its rules applied?
    manage.py storage_buckets --create   # make missing buckets, then apply the rules

The rules (docs/storage.md): the media bucket's policy lets anyone read the image prefixes and
nothing else; the private bucket blocks every kind of public access (where the service has S3's
Block Public Access; MinIO has not, and its buckets are private unless given a policy). Running it
twice changes nothing the second time. The application's key needs CreateBucket, PutBucketPolicy
and PutBucketPublicAccessBlock for this command only: run it once with an admin key if the
application's own is limited to objects.
"""

from __future__ import annotations

import json

from botocore.exceptions import ClientError
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from core.storage import PRIVATE_BUCKET_BLOCK, media_bucket_policy


def _client(storage):
    connection = getattr(storage, "connection", None)
    if connection is None or not hasattr(storage, "bucket_name"):
        raise CommandError("ISOKO_STORAGE is not s3: there are no buckets to set up.")
    return connection.meta.client


def _exists(client, bucket: str) -> bool:
    try:
        client.head_bucket(Bucket=bucket)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchBucket", "NotFound"):
            return False
        raise
    return True


class Command(BaseCommand):
    help = "Check or make the S3 media and private buckets and apply their access rules."

    def add_arguments(self, parser):
        parser.add_argument("--create", action="store_true", help="make missing buckets")

    def handle(self, *args, create: bool, **options):
        media, private = storages["default"], storages["private"]
        for storage, kind in ((media, "media"), (private, "private")):
            client, bucket = _client(storage), storage.bucket_name
            if not _exists(client, bucket):
                if not create:
                    raise CommandError(f"The {kind} bucket {bucket} does not exist (--create).")
                region = client.meta.region_name
                extra = (
                    {"CreateBucketConfiguration": {"LocationConstraint": region}}
                    if region and region != "us-east-1"
                    else {}
                )
                client.create_bucket(Bucket=bucket, **extra)
                self.stdout.write(f"{kind}: made bucket {bucket}")
            if kind == "media":
                client.put_bucket_policy(
                    Bucket=bucket, Policy=json.dumps(media_bucket_policy(bucket))
                )
                self.stdout.write(f"media: {bucket} lets anyone read images, nothing else")
            else:
                try:
                    client.put_public_access_block(
                        Bucket=bucket, PublicAccessBlockConfiguration=PRIVATE_BUCKET_BLOCK
                    )
                    self.stdout.write(f"private: {bucket} blocks all public access")
                except ClientError as error:
                    code = error.response.get("Error", {}).get("Code", "")
                    if code not in ("NotImplemented", "XNotImplemented"):
                        raise
                    self.stdout.write(
                        f"private: {bucket}: this service has no Block Public Access; give the "
                        "bucket no public policy (docs/storage.md)"
                    )
                try:
                    client.delete_bucket_policy(Bucket=bucket)  # no policy may open it
                except ClientError as error:
                    if error.response.get("Error", {}).get("Code") != "NoSuchBucketPolicy":
                        raise
