#!/usr/bin/env bash
# Back up Isoko: the PostgreSQL database and both object-storage buckets, into one directory.
#
#   deploy/backup.sh [BACKUP_ROOT]          (default: $BACKUP_ROOT, else ./backups)
#
# Reads the site's own variables: DATABASE_URL; with ISOKO_STORAGE=s3 also S3_ENDPOINT_URL,
# S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_MEDIA_BUCKET, S3_PRIVATE_BUCKET; with
# local storage, MEDIA_ROOT and PRIVATE_ROOT (defaults var/media and var/private).
# Writes BACKUP_ROOT/<UTC time>/: database.dump (pg_dump custom format: compressed, restorable
# table by table, any pg_restore of the same or newer major version), media/ and private/ (every
# object, keys as paths), media.manifest.json and private.manifest.json (size and SHA-256 of each
# object) and backup.json; prints the directory. Needs pg_dump (postgresql-client) and Python
# with boto3 (the image has both).
#
# Order: the database first, then the objects. A certificate issued in between has its PDF in the
# copy but not its row, which is harmless; the other order could keep a row whose PDF is missing.
# Keep copies off the host (another region, another provider): see docs/deployment.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
[ -x "$here/../.venv/bin/python" ] && [ -z "${PYTHON:-}" ] && python="$here/../.venv/bin/python"

: "${DATABASE_URL:?backup: DATABASE_URL is not set}"
root="${1:-${BACKUP_ROOT:-./backups}}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dest="$root/$stamp"
mkdir -p "$dest"
started=$(date +%s)

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
echo "backup: database -> $dest/database.dump ($(du -h "$dest/database.dump" | cut -f1))"

if [ "${ISOKO_STORAGE:-local}" = "s3" ]; then
  : "${S3_MEDIA_BUCKET:?backup: S3_MEDIA_BUCKET is not set}"
  : "${S3_PRIVATE_BUCKET:?backup: S3_PRIVATE_BUCKET is not set}"
  "$python" "$here/objects.py" download "$S3_MEDIA_BUCKET" "$dest/media"
  "$python" "$here/objects.py" download "$S3_PRIVATE_BUCKET" "$dest/private"
else
  for part in media private; do
    if [ "$part" = media ]; then src="${MEDIA_ROOT:-var/media}"; else src="${PRIVATE_ROOT:-var/private}"; fi
    mkdir -p "$dest/$part"
    if [ -d "$src" ]; then cp -a "$src/." "$dest/$part/"; fi
    echo "backup: $src -> $dest/$part"
  done
fi

printf '{"created": "%s", "storage": "%s", "format": 1}\n' "$stamp" "${ISOKO_STORAGE:-local}" \
  > "$dest/backup.json"
echo "backup: done in $(( $(date +%s) - started )) s: $dest"
