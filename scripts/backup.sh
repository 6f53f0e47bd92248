#!/usr/bin/env bash
# make backup: the PostgreSQL database of DATABASE_URL (pg_dump, custom format) and the
# uploaded files of MEDIA_ROOT (tar) under BACKUP_DIR (var/backups), stamped with the time.
# Prints the dump's path. Restore with scripts/restore.sh (make restore FILE=…).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?ตั้ง DATABASE_URL ของฐานข้อมูล PostgreSQL ที่จะสำรอง / set DATABASE_URL}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "สำรองได้เฉพาะฐานข้อมูล PostgreSQL (DATABASE_URL=${DATABASE_URL%%:*}://…)" >&2; exit 2 ;;
esac
BACKUP_DIR=${BACKUP_DIR:-var/backups}
MEDIA_ROOT=${MEDIA_ROOT:-var/media}
stamp=$(date -u +%Y%m%d-%H%M%SZ)
dump="$BACKUP_DIR/emenscr-$stamp.dump"
media="$BACKUP_DIR/emenscr-$stamp-media.tar.gz"

mkdir -p "$BACKUP_DIR"
trap 'rm -f "$dump.partial" "$media.partial"' EXIT  # nothing half-written stays behind
[ ! -e "$dump" ] || { echo "มีไฟล์ $dump อยู่แล้ว กรุณารอสักครู่แล้วสำรองใหม่" >&2; exit 1; }
# Written under a temporary name and renamed when complete: a half-written dump is never
# mistaken for a backup.
pg_dump --format=custom --compress=6 --file="$dump.partial" "$DATABASE_URL"
mv "$dump.partial" "$dump"
if [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$media.partial" .
  mv "$media.partial" "$media"
fi
echo "$dump"
