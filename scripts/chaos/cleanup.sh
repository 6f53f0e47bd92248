#!/usr/bin/env bash
# make chaos: stop what the fault tests may have left running when they were interrupted
# (their fixtures stop their servers themselves, also when a test fails).
# Only the servers of the fault tests: the PostgreSQL cluster "chaos" and the Redis
# servers they started with --dir /tmp --dbfilename emenscr-chaos.rdb; never the shared ones.
set -u
if pg_lsclusters -h 2>/dev/null | awk '$2=="chaos" && $4=="online"' | grep -q .; then
  pg_ctlcluster "$(pg_lsclusters -h | awk '$2=="chaos" {print $1}')" chaos stop || true
fi
for pid in $(pgrep -f 'redis-server 127.0.0.1:[0-9]+' || true); do
  port=$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -oE '127\.0\.0\.1:[0-9]+' | cut -d: -f2)
  dbfile=$(redis-cli -p "$port" config get dbfilename 2>/dev/null | tail -n 1)
  if [ "$port" != 6379 ] && [ "$dbfile" = "emenscr-chaos.rdb" ]; then
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  fi
done
exit 0
