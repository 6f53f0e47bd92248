#!/usr/bin/env bash
# make restore FILE=var/backups/emenscr-….dump [MEDIA=var/backups/emenscr-…-media.tar.gz]
# Replaces the database of DATABASE_URL with the dump (pg_restore --clean --if-exists, in
# one transaction: all or nothing) and, when MEDIA is given, unpacks the uploaded files
# into MEDIA_ROOT. Refuses to run without an explicit dump file.
set -euo pipefail
cd "$(dirname "$0")/.."

dump=${1:-}
media=${2:-}
if [ -z "$dump" ]; then
  echo "ต้องระบุไฟล์สำรองที่จะกู้คืน: make restore FILE=var/backups/emenscr-….dump [MEDIA=…-media.tar.gz]" >&2
  exit 2
fi
[ -f "$dump" ] || { echo "ไม่พบไฟล์สำรอง $dump" >&2; exit 2; }
[ -z "$media" ] || [ -f "$media" ] || { echo "ไม่พบไฟล์สำรอง $media" >&2; exit 2; }
: "${DATABASE_URL:?ตั้ง DATABASE_URL ของฐานข้อมูล PostgreSQL ที่จะกู้คืน / set DATABASE_URL}"
MEDIA_ROOT=${MEDIA_ROOT:-var/media}

pg_restore --list "$dump" >/dev/null  # a readable dump, before anything is dropped
# --no-owner/--no-privileges: the restoring role owns what it creates (another server's
# roles need not exist here). The approval trail's trigger comes back with the tables.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$dump"
if [ -n "$media" ]; then
  mkdir -p "$MEDIA_ROOT"
  tar -C "$MEDIA_ROOT" -xzf "$media"
fi
echo "กู้คืนจาก $dump แล้ว"
