#!/usr/bin/env bash
# The load-test data set: a fresh database DB with the service's schema (docs/bench/seed-database.sh: the Flyway
# migrations applied by psql and recorded as Flyway records them, so the service starts on it and applies any newer
# ones), LISTINGS listings in 60 real cities and a Zipf tail of towns, BOOKINGS bookings with their calendar rows,
# payments and reviews, LISTINGS / 5 hosts and BOOKINGS / 10 guests. Every seeded account's password is staybook-demo:
# host-<n>@load.staybook.test, guest-<n>@load.staybook.test (n from 0). See docs/bench/load/README.md.
#
#   docs/bench/load/seed.sh [DB] [LISTINGS] [BOOKINGS]      (defaults staybook_load, 1000000, 5000000)
#
# Loads chunks of CHUNK listings (default 50,000), JOBS of them at a time (default 2, the cores), and prints the
# progress after each with the time left, estimated from the share of the bookings and listings written. Needs psql,
# python3 and a JDK (the cover photos' images, PhotoObjects.java, MEDIA_DIR); PGHOST/PGUSER default to 127.0.0.1 and
# postgres. docs/bench/load/seed-photos.sql alone adds the cover photos to a database seeded before them.
set -euo pipefail
DB=${1:-staybook_load}
N=${2:-1000000}
M=${3:-5000000}
CHUNK=${CHUNK:-50000}
HOSTS=$(( N / 5 > 10 ? N / 5 : 10 ))
GUESTS=$(( M / 10 > 100 ? M / 10 : 100 ))
# towns: about one per 1,000 listings beyond the 60 real cities, so the tail stays long whatever the size
TOWNS=$(( N / 1000 > 60 ? N / 1000 - 60 : 0 ))
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../../.."
here=docs/bench/load
start=$(date +%s)
elapsed() { echo $(( $(date +%s) - start )); }

echo "seeding $DB: $N listings, $M bookings, $HOSTS hosts, $GUESTS guests, $((60 + TOWNS)) cities"
bash docs/bench/seed-database.sh "$DB" 0
psql -d "$DB" -q -v n="$N" -v m="$M" -v hosts="$HOSTS" -v guests="$GUESTS" -v towns="$TOWNS" -f $here/seed-setup.sql
echo "schema, cities and $((HOSTS + GUESTS)) users in $(elapsed) s"
# The secondary indexes of the tables the chunks fill are dropped now and built again, with the very definitions the
# migrations gave them (pg_get_indexdef), once the rows are in: one sorted build instead of millions of random inserts.
# Primary keys, unique and exclusion constraints stay, and check every row as it comes.
psql -d "$DB" -qAtX -v ON_ERROR_STOP=1 <<'SQL'
create table load_seed.deferred_index as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
from pg_index i
where i.indrelid in ('properties'::regclass, 'bookings'::regclass, 'property_blocks'::regclass,
                     'payments'::regclass, 'reviews'::regclass)
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
select format('drop index %s', name) from load_seed.deferred_index \gexec
SQL
setup=$(elapsed)
# JOBS chunks at a time (default 2, one per core): chunks hold distinct listings, so they never wait for each other
declare -A chunk_of=()
listings_done=0 bookings_done=0 failed=0
first() { awk -v n="$N" -v m="$M" -v l="$1" 'BEGIN {printf "%d", int(m * (l / n) ^ 0.8)}'; }
finished() { # waits for one chunk, adds it to the progress and prints it
  local pid lo hi
  wait -n -p pid || failed=1
  read -r lo hi <<< "${chunk_of[$pid]}"
  unset "chunk_of[$pid]"
  listings_done=$((listings_done + hi - lo))
  bookings_done=$((bookings_done + $(first "$hi") - $(first "$lo")))
  # work done: bookings dominate; a listing weighs about as much as 3 bookings
  awk -v n="$N" -v m="$M" -v l="$listings_done" -v b="$bookings_done" -v t="$(( $(elapsed) - setup ))" \
    -v all="$(elapsed)" 'BEGIN { done = (b + 3 * l) / (m + 3 * n);
    printf "%9d / %d listings, %9d / %d bookings, %5.1f %%, %4d s, about %d s left\n",
      l, n, b, m, 100 * done, all, t / done - t }'
}
for ((lo = 0; lo < N; lo += CHUNK)); do
  hi=$(( lo + CHUNK < N ? lo + CHUNK : N ))
  [ ${#chunk_of[@]} -ge "${JOBS:-2}" ] && finished
  psql -d "$DB" -q -v n="$N" -v m="$M" -v lo="$lo" -v hi="$hi" -v hosts="$HOSTS" -v guests="$GUESTS" \
    -f $here/seed-chunk.sql &
  chunk_of[$!]="$lo $hi"
done
while [ ${#chunk_of[@]} -gt 0 ]; do finished; done
if [ $failed -ne 0 ]; then echo "FAILED: a chunk failed (see above)" >&2; exit 1; fi
echo "building $(psql -d "$DB" -qAtX -c 'select count(*) from load_seed.deferred_index') indexes"
psql -d "$DB" -qAtX -v ON_ERROR_STOP=1 <<'SQL'
set maintenance_work_mem = '512MB';
select definition from load_seed.deferred_index \gexec
SQL
echo "indexes built; $(elapsed) s"
# a cover photo for every listing (issue 13): the few shared images into the media directory (MEDIA_DIR, default the
# service's .staybook/media), then one property_photos row per listing pointing at one of them
keys=$(mktemp)
"${JAVA_HOME:+$JAVA_HOME/bin/}java" $here/PhotoObjects.java "${MEDIA_DIR:-.staybook/media}" > "$keys"
psql -d "$DB" -q -f "$keys" -f $here/seed-photos.sql
rm -f "$keys"
echo "cover photos; $(elapsed) s"
psql -d "$DB" -q -f $here/seed-finish.sql
echo "vacuum analyze done; $(elapsed) s; checking the invariants (all must be 0)"
checked=$(mktemp)
psql -d "$DB" -X -x -f $here/check.sql | tee "$checked"
if grep -Eq '\| [1-9]' "$checked"; then echo "FAILED: the data breaks an invariant" >&2; exit 1; fi
echo "checked; total $(elapsed) s"
psql -d "$DB" -c "select (select count(*) from properties) as listings, (select count(*) from bookings) as bookings,
  (select count(*) from property_blocks) as calendar_rows, (select count(*) from payments) as payments,
  (select count(*) from reviews) as reviews, (select count(*) from users) as users,
  pg_size_pretty(pg_database_size(current_database())) as size"
