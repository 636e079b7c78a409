#!/usr/bin/env bash
# A fresh benchmark database: drops and creates DB, applies the Flyway migrations with psql, and seeds N listings
# (docs/bench/seed-listings.sql). Usage: docs/bench/seed-database.sh DB N   (PGHOST/PGUSER as the caller sets them)
set -euo pipefail
DB=$1
N=$2
cd "$(dirname "$0")/../.."
psql -d postgres -qc "drop database if exists $DB" -c "create database $DB"
for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do psql -d "$DB" -q -f "$migration"; done
psql -d "$DB" -q -v n="$N" -f docs/bench/seed-listings.sql
