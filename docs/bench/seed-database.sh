#!/usr/bin/env bash
# A fresh benchmark database: drops and creates DB, applies the Flyway migrations with psql and records them in
# flyway_schema_history exactly as Flyway does (same script names and checksums: CRC32 over the lines), so that the
# service starts against it, validates the history and applies only newer migrations; then seeds N listings
# (docs/bench/seed-listings.sql; N = 0: none). Usage: docs/bench/seed-database.sh DB N   (PGHOST/PGUSER as the caller
# sets them; needs psql and python3)
set -euo pipefail
DB=$1
N=$2
cd "$(dirname "$0")/../.."
psql -d postgres -qc "drop database if exists $DB" -c "create database $DB"
migrations=$(ls src/main/resources/db/migration/V*.sql | sort -V)
for migration in $migrations; do psql -d "$DB" -q -v ON_ERROR_STOP=1 -f "$migration"; done
psql -d "$DB" -q -v ON_ERROR_STOP=1 -f src/main/resources/db/migration/afterMigrate.sql
# Flyway's table and one row per script; its checksum is a CRC32 updated with each line's UTF-8 bytes, line ends
# excluded (org.flywaydb.core.internal.resolver.ChecksumCalculator), as a signed 32-bit integer
python3 - $migrations <<'PY' | psql -d "$DB" -q -v ON_ERROR_STOP=1
import re, sys, zlib
print("""create table flyway_schema_history (
    installed_rank integer not null constraint flyway_schema_history_pk primary key,
    version varchar(50), description varchar(200) not null, type varchar(20) not null, script varchar(1000) not null,
    checksum integer, installed_by varchar(100) not null, installed_on timestamp not null default now(),
    execution_time integer not null, success boolean not null);
create index flyway_schema_history_s_idx on flyway_schema_history (success);""")
for rank, path in enumerate(sys.argv[1:], 1):
    text = open(path, encoding="utf-8").read().removeprefix("\ufeff")
    crc = 0
    for line in re.split(r"\r\n|\r|\n", text):
        crc = zlib.crc32(line.encode("utf-8"), crc)
    script = path.rsplit("/", 1)[1]
    version, description = re.match(r"V([^_]+)__(.+)\.sql", script).groups()
    print("insert into flyway_schema_history values (%d, '%s', '%s', 'SQL', '%s', %d, current_user, now(), 0, true);"
          % (rank, version, description.replace("_", " "), script, crc - (1 << 32) if crc >= 1 << 31 else crc))
PY
if [ "$N" -gt 0 ]; then psql -d "$DB" -q -v n="$N" -f docs/bench/seed-listings.sql; fi
