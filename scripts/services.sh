#!/usr/bin/env bash
# Make sure PostgreSQL and Redis run on loopback for the tests; safe when they already run.
# Installs them with apt when missing and starts them without systemd.
set -euo pipefail
DB_USER=${DB_USER:-emenscr}
DB_PASSWORD=${DB_PASSWORD:-emenscr}
DB_NAME=${DB_NAME:-emenscr}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
here=$(cd "$(dirname "$0")" && pwd)

"$here/apt_ensure.sh" postgresql redis-server

as_postgres() { if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$*"; fi; }

pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$pg_version main$"; then
  pg_createcluster "$pg_version" main --port "$PG_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p "$PG_PORT" -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$PG_PORT" -q || { echo "PostgreSQL did not start" >&2; exit 1; }

as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -p "$PG_PORT" -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
  as_postgres createdb -p "$PG_PORT" -O "$DB_USER" "$DB_NAME"
fi

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
    sleep 0.5
  done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG || { echo "Redis did not start" >&2; exit 1; }
echo "PostgreSQL $pg_version on 127.0.0.1:$PG_PORT (db $DB_NAME) and Redis on 127.0.0.1:$REDIS_PORT are up."
