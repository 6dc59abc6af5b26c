#!/usr/bin/env bash
# Restore an Isoko backup made by deploy/backup.sh into an EMPTY database and buckets.
#
#   deploy/restore.sh BACKUP_DIR
#
# The target is the site's own variables, as for backup.sh: DATABASE_URL (an existing, empty
# database: `createdb` it first), and with ISOKO_STORAGE=s3 the S3_* variables (the buckets are
# created if missing; objects are uploaded with their keys, checked against the manifests, then
# read back and checked again); with local storage MEDIA_ROOT and PRIVATE_ROOT.
# It refuses a database that already has tables (restore into a new one, then switch
# DATABASE_URL), unless RESTORE_CLEAN=1 (pg_restore --clean: drops what the dump contains first).
# After a restore run `manage.py migrate` (a no-op for a backup of the same release) and restart
# web, worker and beat.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
[ -x "$here/../.venv/bin/python" ] && [ -z "${PYTHON:-}" ] && python="$here/../.venv/bin/python"

src="${1:?usage: deploy/restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?restore: DATABASE_URL is not set}"
[ -f "$src/database.dump" ] || { echo "restore: no database.dump in $src" >&2; exit 1; }
started=$(date +%s)

tables=$(psql "$DATABASE_URL" -tAc \
  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
clean=()
if [ "$tables" != "0" ]; then
  if [ "${RESTORE_CLEAN:-0}" = "1" ]; then
    clean=(--clean --if-exists)
  else
    echo "restore: the target database has $tables tables; restore into an empty one" \
         "(or set RESTORE_CLEAN=1)" >&2
    exit 1
  fi
fi
pg_restore --exit-on-error --no-owner --no-privileges "${clean[@]}" --dbname="$DATABASE_URL" \
  "$src/database.dump"
echo "restore: database <- $src/database.dump"

if [ "${ISOKO_STORAGE:-local}" = "s3" ]; then
  : "${S3_MEDIA_BUCKET:?restore: S3_MEDIA_BUCKET is not set}"
  : "${S3_PRIVATE_BUCKET:?restore: S3_PRIVATE_BUCKET is not set}"
  "$python" "$here/objects.py" upload "$src/media" "$S3_MEDIA_BUCKET"
  "$python" "$here/objects.py" upload "$src/private" "$S3_PRIVATE_BUCKET"
  "$python" "$here/objects.py" verify "$src/media" "$S3_MEDIA_BUCKET"
  "$python" "$here/objects.py" verify "$src/private" "$S3_PRIVATE_BUCKET"
else
  for part in media private; do
    if [ "$part" = media ]; then dst="${MEDIA_ROOT:-var/media}"; else dst="${PRIVATE_ROOT:-var/private}"; fi
    mkdir -p "$dst"
    cp -a "$src/$part/." "$dst/"
    echo "restore: $src/$part -> $dst"
  done
fi
echo "restore: done in $(( $(date +%s) - started )) s"
