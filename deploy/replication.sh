#!/bin/bash
# Run once by the primary's entrypoint (docker-entrypoint-initdb.d): a role the read
# replica streams with (docs/SCALING.md). Needs POSTGRES_REPLICATION_PASSWORD.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${POSTGRES_REPLICATION_PASSWORD}';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
