#!/usr/bin/env bash
# The chaos proof (issue 11, item 7): faults on the cluster of scripts/cluster.sh while clients book, pay and read
# through nginx, then checks on the primary that nothing was lost or doubled.
#
#   scripts/chaos.sh            the full run (about 6 minutes): every fault, 20 s pause of the primary
#   scripts/chaos.sh --short    the CI variant (about 4 minutes on a quiet machine, the cluster's start included): the
#                               same faults, shorter, fewer clients (13 minutes beside five test runs on 2 cores)
# The cluster is the one of STAYBOOK_CLUSTER_DIR (and STAYBOOK_CLUSTER_*_PORT for a new one), as for cluster.sh.
#
# Starts the cluster if it is not running (with STAYBOOK_RATE_LIMITS_ENABLED=false: the clients are few addresses
# making many calls). Clients, in the background, each request logged with its status and time: bookers (book a
# listing's dates, then pay with an Idempotency-Key, retrying with the same key after a 5xx as a client should) and
# readers (a cached listing, a search). Faults, in turn, each followed by a calm window:
#   node-kill       SIGKILL of node 1 while a payment it took is being charged; restarted (cluster.sh node-start 1)
#   redis-stop      Redis stopped (SIGTERM) for a while, then started again (cluster.sh start)
#   primary-restart pg_ctl restart -m fast of the primary
#   primary-pause   SIGSTOP of the primary's postmaster and all its processes, then SIGCONT
#   pgbouncer-kill  SIGKILL of PgBouncer, started again a few seconds later (cluster.sh start)
# Checks, querying the primary directly, after the jobs had time to settle: no overlapping active bookings of one
# listing; every payment the clients were told about exists, none is left pending, each booking has at most one
# successful payment and each charge was made under the payment's one idempotency key; no job of a dead node left
# picked, no job overdue, no job dead-lettered; the reconciliation (as the cluster's admin) finds nothing; and during
# every window each answer came within CHAOS_BOUND seconds (default 15), no connection failed, no 500, and every 503
# was a problem with Retry-After. Exits 1 when a check fails. The run's files: $STAYBOOK_CLUSTER_DIR/chaos-<time>/.
# Needs curl, jq and psql (installed with apt-get where absent).
# the faults are functions run by name (fault NAME FUNCTION), which shellcheck takes for unreachable code:
# shellcheck disable=SC2317
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg-tools.sh
. scripts/pg-tools.sh
# shellcheck source=scripts/host-tools.sh
. scripts/host-tools.sh

SHORT=false
case "${1:-}" in
  --short) SHORT=true ;;
  "") ;;
  *) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

DIR=${STAYBOOK_CLUSTER_DIR:-/tmp/staybook-cluster}
CLUSTER=scripts/cluster.sh
BOUND=${CHAOS_BOUND:-15}
if $SHORT; then
  BOOKERS=2 READERS=1 GUESTS=4 LISTINGS=3 WARMUP=10 CALM=8 OUTAGE=6 PAUSE=8 SETTLE_MAX=150
else
  BOOKERS=3 READERS=2 GUESTS=6 LISTINGS=4 WARMUP=20 CALM=15 OUTAGE=20 PAUSE=20 SETTLE_MAX=240
fi
RUN=$DIR/chaos-$(date -u +%Y%m%dT%H%M%SZ)
REQUESTS=$RUN/requests.log
WINDOWS=$RUN/windows.log
FAILED=0

say() { printf '== chaos: %s\n' "$*" >&2; }
die() { printf 'chaos: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
check() { # NAME OK(true|false) DETAIL
  if [ "$2" = true ]; then printf 'PASS  %-34s %s\n' "$1" "$3"; else printf 'FAIL  %-34s %s\n' "$1" "$3"; FAILED=1; fi
}

ensure_tools() {
  local missing=() tool
  for tool in curl:curl jq:jq psql:postgresql-client; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------- cluster
export STAYBOOK_RATE_LIMITS_ENABLED=false
cluster_up() { "$CLUSTER" status 2>/dev/null | awk '$2 != "up" {bad=1} END {exit bad || NR < 7}'; }
ensure_cluster() {
  if cluster_up; then
    say "using the running cluster in $DIR (started with its own settings: rate limits should be off)"
  else
    say "starting the cluster in $DIR"
    "$CLUSTER" start >"$RUN/cluster-start.log" 2>&1 || { tail -n 30 "$RUN/cluster-start.log" >&2; die "cluster.sh start failed"; }
  fi
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
}
# start whatever is not running (Redis, PgBouncer) the way cluster.sh starts it: its `start` skips what runs
cluster_start() { "$CLUSTER" start >>"$RUN/cluster-start.log" 2>&1; }
primary_pids() { # the postmaster first, then its children
  local postmaster
  postmaster=$(pid_of "$PRIMARY_DATA/postmaster.pid")
  [ -n "$postmaster" ] || die "no primary postmaster pid"
  echo "$postmaster"
  pgrep -P "$postmaster" || true
}
# the primary, directly (its local socket, as the superuser): what the checks read is the truth, not a node's view
sql() { as_server_user "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -h "$PG_SOCKETS" -p "$PRIMARY_PORT" -U postgres -d "$DB_NAME" -c "$1"; }
wait_until() { # SECONDS COMMAND...
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.5; done
}

# ---------------------------------------------------------------------------------------------------------- clients
# call OP METHOD PATH TOKEN [BODY] [IDEMPOTENCY-KEY]: one request through nginx, logged as
# "start_ms end_ms op status seconds retry-after content-type upstream"; the body is left in $BODY_FILE
call() {
  local op=$1 method=$2 path=$3 token=$4 body=${5:-} key=${6:-} start out
  local args=(-s -o "$BODY_FILE" --max-time $((BOUND + 10)) -X "$method"
    -w '%{http_code}|%{time_total}|%header{retry-after}|%{content_type}|%header{x-staybook-upstream}')
  [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data "$body")
  [ -z "$key" ] || args+=(-H "Idempotency-Key: $key")
  start=$(now_ms)
  out=$(curl "${args[@]}" "$BASE_URL$path" 2>/dev/null) || true
  local code seconds retry type upstream
  IFS='|' read -r code seconds retry type upstream <<<"$out"
  printf '%s %s %s %s %s %s %s %s\n' "$start" "$(now_ms)" "$op" "${code:-000}" "${seconds:-0}" "${retry:--}" \
    "${type:--}" "${upstream:--}" >>"$REQUESTS"
  STATUS=${code:-000}
}
field() { jq -r "$1 // empty" "$BODY_FILE" 2>/dev/null || true; }
running() { [ ! -e "$RUN/stop" ]; }

register() { # ROLE NAME: prints an access token
  local email="chaos-$RUN_ID-$2@example.com" password="chaos-$RUN_ID-password"
  call register POST /api/v1/users "" "{\"first_name\":\"Chaos\",\"last_name\":\"$2\",\"email\":\"$email\",\"password\":\"$password\",\"role\":\"$1\"}"
  [ "$STATUS" = 201 ] || die "registering $2: $STATUS $(cat "$BODY_FILE")"
  login "$email" "$password"
}
login() { # EMAIL PASSWORD: prints an access token
  call login POST /api/v1/auth/token "" "{\"email\":\"$1\",\"password\":\"$2\"}"
  [ "$STATUS" = 200 ] || die "logging in $1: $STATUS $(cat "$BODY_FILE")"
  field .access_token
}

# dates of a slot: far enough ahead for any hold rule, few enough slots for bookers to collide now and then
stay() { # SLOT: prints "check_in check_out"
  local start=$((40 + $1 * 3))
  echo "$(date -u -d "+$start days" +%F) $(date -u -d "+$((start + 2)) days" +%F)"
}

pay() { # TOKEN BOOKING_ID: a client's payment, retried with the same key after a failure that says nothing
  local key id
  key=$(cat /proc/sys/kernel/random/uuid)
  for _ in 1 2 3 4; do
    call pay POST /api/v1/payments "$1" "{\"booking_id\":\"$2\",\"payment_method\":\"card\",\"payment_token\":\"tok_visa\"}" "$key"
    case $STATUS in
      200 | 201) id=$(field .id); echo "$id $2 $key" >>"$RUN/payments.acknowledged"; return 0 ;;
      4[0-9][0-9]) [ "$STATUS" = 409 ] || return 0 ;;
    esac
    sleep 1
  done
}

booker() { # N
  local n=$1 i=0 token listing slot dates body id
  BODY_FILE=$RUN/body.booker$n
  while running; do
    token=${GUEST_TOKENS[$(((n + i) % ${#GUEST_TOKENS[@]}))]}
    listing=${LISTING_IDS[$((RANDOM % ${#LISTING_IDS[@]}))]}
    slot=$((RANDOM % 150))
    read -r -a dates <<<"$(stay "$slot")"
    body="{\"property_id\":\"$listing\",\"check_in\":\"${dates[0]}\",\"check_out\":\"${dates[1]}\",\"guests\":1}"
    call book POST /api/v1/bookings "$token" "$body"
    if [ "$STATUS" = 201 ]; then
      id=$(field .id)
      echo "$id" >>"$RUN/bookings.acknowledged"
      pay "$token" "$id"
    fi
    i=$((i + 1))
    sleep 0.2
  done
}

reader() { # N
  local n=$1 listing
  BODY_FILE=$RUN/body.reader$n
  while running; do
    listing=${LISTING_IDS[$((RANDOM % ${#LISTING_IDS[@]}))]}
    call read-listing GET "/api/v1/properties/$listing" ""
    call search GET "/api/v1/properties?city=$CITY&limit=10" ""
    sleep 0.2
  done
}

# ----------------------------------------------------------------------------------------------------------- faults
window() { # NAME START_MS: the window from START_MS to now
  echo "$1 $2 $(now_ms)" >>"$WINDOWS"
}
calm() { local start; start=$(now_ms); sleep "$CALM"; window "calm-after-$1" "$start"; }
fault() { # NAME ACTION: ACTION's window, from its start until what it broke works again, then a calm window
  local start
  start=$(now_ms)
  "$2"
  window "$1" "$start"
  calm "$1"
}

# SIGKILL of node 1 while a payment it took is being charged (the sandbox provider takes 300 ms a charge, and the
# charge job starts at once on the node that committed the payment)
fault_node_kill() {
  local token booking dates pid
  BODY_FILE=$RUN/body.main
  token=${GUEST_TOKENS[0]}
  read -r -a dates <<<"$(stay 200)"
  pid=$(pid_of "$DIR/node1.pid")
  local direct="http://127.0.0.1:$NODE1_PORT"
  booking=$(curl -s -m 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "{\"property_id\":\"${LISTING_IDS[0]}\",\"check_in\":\"${dates[0]}\",\"check_out\":\"${dates[1]}\",\"guests\":1}" \
    "$direct/api/v1/bookings" | jq -r '.id // empty')
  [ -n "$booking" ] || die "node-kill: could not book on node 1"
  MID_PAYMENT=$(curl -s -m 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    --data "{\"booking_id\":\"$booking\",\"payment_method\":\"card\",\"payment_token\":\"tok_visa\"}" \
    "$direct/api/v1/payments" | jq -r '.id // empty')
  [ -n "$MID_PAYMENT" ] || die "node-kill: could not pay on node 1"
  sleep 0.1
  kill -KILL "$pid"
  say "node-kill: node 1 (pid $pid) killed 0.1 s after payment $MID_PAYMENT was taken"
  echo "$MID_PAYMENT $booking mid-payment" >>"$RUN/payments.acknowledged"
  echo "$booking" >>"$RUN/bookings.acknowledged"
  # a SIGKILLed JVM takes a moment to exit (its heap unmapped, on a busy machine seconds): node-start would take it
  # for running and do nothing, so wait for it to be gone first, as a supervisor restarting it would
  local deadline=$((SECONDS + 30))
  while pid_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  sleep 2
  "$CLUSTER" node-start 1 >>"$RUN/cluster-start.log" 2>&1 || die "node-start 1 failed"
}

fault_redis_stop() {
  kill -TERM "$(pid_of "$DIR/redis.pid")"
  say "redis-stop: Redis stopped for ${OUTAGE}s"
  sleep "$OUTAGE"
  cluster_start || die "starting Redis again failed"
}

fault_primary_restart() {
  say "primary-restart: pg_ctl restart -m fast"
  as_server_user "$PG_BIN/pg_ctl" -D "$PRIMARY_DATA" -l "$DIR/logs/primary.log" -m fast -w -t 60 restart >/dev/null
  sleep 3
}

fault_primary_pause() {
  local pids
  pids=$(primary_pids | tr '\n' ' ')
  say "primary-pause: SIGSTOP of $pids for ${PAUSE}s"
  # shellcheck disable=SC2086
  kill -STOP $pids
  sleep "$PAUSE"
  # shellcheck disable=SC2086
  kill -CONT $pids
  sleep 3
}

fault_pgbouncer_kill() {
  kill -KILL "$(pid_of "$DIR/pgbouncer.pid")"
  say "pgbouncer-kill: PgBouncer killed; started again in $((OUTAGE / 2))s"
  sleep $((OUTAGE / 2))
  rm -f "$DIR/pgbouncer.pid"
  cluster_start || die "starting PgBouncer again failed"
}

# ----------------------------------------------------------------------------------------------------------- checks
# every window: how many answers, which statuses, the slowest; an answer past the bound, a failed connection, a 500
# or a 503 that is no problem with Retry-After fails the run; 502 (nginx: the node died under the request) is allowed
# only while a node is killed
check_windows() {
  printf '\n%-22s %6s %8s %8s  %s\n' window answers p99_s max_s statuses
  local name start end
  while read -r name start end; do
    awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e' "$REQUESTS" >"$RUN/window.$name"
    local answers statuses p99 max slow lost internal bad503 gateway
    answers=$(wc -l <"$RUN/window.$name")
    statuses=$(awk '{c[$4]++} END {for (s in c) printf "%s:%d ", s, c[s]}' "$RUN/window.$name")
    p99=$(awk '{print $5}' "$RUN/window.$name" | sort -g | awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; print (NR ? v[i] : 0)}')
    max=$(awk 'BEGIN {m=0} $5 > m {m=$5} END {print m}' "$RUN/window.$name")
    printf '%-22s %6s %8s %8s  %s\n' "$name" "$answers" "$p99" "$max" "$statuses"
    slow=$(awk -v b="$BOUND" '$5 > b' "$RUN/window.$name" | wc -l)
    lost=$(awk '$4 == "000" || $4 == "504"' "$RUN/window.$name" | wc -l)
    internal=$(awk '$4 == "500"' "$RUN/window.$name" | wc -l)
    bad503=$(awk '$4 == "503" && ($6 == "-" || $7 !~ /problem\+json/)' "$RUN/window.$name" | wc -l)
    gateway=$(awk '$4 == "502"' "$RUN/window.$name" | wc -l)
    WINDOW_FAILS+=("$name: $slow past ${BOUND}s, $lost unanswered or 504, $internal 500, $bad503 bare 503, $gateway 502")
    if [ "$slow" -gt 0 ] || [ "$lost" -gt 0 ] || [ "$internal" -gt 0 ] || [ "$bad503" -gt 0 ] \
      || { [ "$gateway" -gt 0 ] && [ "$name" != node-kill ]; }; then
      WINDOW_BAD+=("$name")
    fi
  done <"$WINDOWS"
  echo
}

settled() {
  [ "$(sql "select count(*) from payments where status = 'pending'")" = 0 ] &&
    [ "$(sql "select count(*) from scheduled_tasks where execution_time < now() - interval '30 seconds'
      and (not picked or last_heartbeat < now() - interval '30 seconds')")" = 0 ]
}

check_data() {
  local overlaps acknowledged missing_payments missing_bookings pending doubled keys stuck overdue dead report
  overlaps=$(sql "select count(*) from bookings a join bookings b on a.property_id = b.property_id and a.id < b.id
    and daterange(a.check_in, a.check_out) && daterange(b.check_in, b.check_out)
    where a.status in ('pending_payment', 'confirmed', 'checked_in') and b.status in ('pending_payment', 'confirmed', 'checked_in')")
  check "no double booking" "$([ "$overlaps" = 0 ] && echo true || echo false)" "$overlaps overlapping active bookings of one listing"

  acknowledged=$(sort -u "$RUN/bookings.acknowledged" 2>/dev/null | grep -c . || true)
  missing_bookings=$(missing bookings "$RUN/bookings.acknowledged" 1)
  check "no booking lost" "$([ "$missing_bookings" = 0 ] && echo true || echo false)" \
    "$acknowledged bookings answered 201, $missing_bookings of them not in the database"

  acknowledged=$(awk '{print $1}' "$RUN/payments.acknowledged" 2>/dev/null | sort -u | grep -c . || true)
  missing_payments=$(missing payments "$RUN/payments.acknowledged" 1)
  check "no payment lost" "$([ "$missing_payments" = 0 ] && echo true || echo false)" \
    "$acknowledged payments answered 201, $missing_payments of them not in the database"
  pending=$(sql "select count(*) from payments where status = 'pending'")
  check "no payment left pending" "$([ "$pending" = 0 ] && echo true || echo false)" \
    "$pending pending; by status: $(sql "select string_agg(status || ':' || n, ' ') from (select status, count(*) n from payments group by status order by status) s")"
  local mid
  mid=$(sql "select coalesce(max(p.status || '/' || b.status), 'absent') from payments p join bookings b on b.id = p.booking_id where p.id = '$MID_PAYMENT'")
  # db-scheduler on node 2 logs the charge job it takes over from the dead node
  local revived=no
  ! grep -q "Reviving dead execution: .*id=$MID_PAYMENT" "$DIR/logs/node2.log" 2>/dev/null || revived=yes
  check "the killed node's payment" "$([ "$mid" = completed/confirmed ] && echo true || echo false)" \
    "payment $MID_PAYMENT, taken by node 1 just before its SIGKILL: $mid (its charge job revived by node 2: $revived)"
  doubled=$(sql "select count(*) from (select booking_id from payments where status in ('completed', 'partially_refunded', 'refunded') group by booking_id having count(*) > 1) d")
  check "no booking paid twice" "$([ "$doubled" = 0 ] && echo true || echo false)" "$doubled bookings with more than one successful payment"
  # the sandbox provider charges under the key "charge-<payment id>" (reference ch_sandbox_<key>) and answers a
  # repeated key with its first result; its ledger is each node's memory, so the database is where one key per
  # payment shows: a retried charge, on any node, used the same key and so could not charge again at a real provider
  keys=$(sql "select count(*) from payments where provider_reference is not null and provider_reference <> 'ch_sandbox_charge-' || id")
  check "one idempotency key per charge" "$([ "$keys" = 0 ] && echo true || echo false)" "$keys charges under another key than their payment's"

  stuck=$(sql "select count(*) from scheduled_tasks where picked and last_heartbeat < now() - interval '30 seconds'")
  check "no job left to a dead node" "$([ "$stuck" = 0 ] && echo true || echo false)" "$stuck jobs picked with a heartbeat older than 30 s"
  overdue=$(sql "select count(*) from scheduled_tasks where not picked and execution_time < now() - interval '30 seconds'")
  check "no job overdue" "$([ "$overdue" = 0 ] && echo true || echo false)" "$overdue jobs due over 30 s ago and not running"
  dead=$(sql "select count(*) from dead_jobs where failed_at >= to_timestamp($RUN_START_MS / 1000.0)")
  check "no job dead-lettered" "$([ "$dead" = 0 ] && echo true || echo false)" "$dead jobs given up during the run"

  BODY_FILE=$RUN/body.main
  local admin
  admin=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
  call reconciliation GET "/api/v1/admin/reconciliation?refresh=true" "$admin"
  report=$(jq -c '[.discrepancies[] | .kind] | group_by(.) | map({(.[0]): length}) | add // {}' "$BODY_FILE" 2>/dev/null || echo '?')
  check "reconciliation clean" "$([ "$STATUS" = 200 ] && [ "$report" = '{}' ] && echo true || echo false)" \
    "status $STATUS, $(jq -r '.bookings_checked // "?"' "$BODY_FILE") bookings checked, discrepancies $report"
}

missing() { # TABLE FILE COLUMN: how many ids of column COLUMN of FILE the table lacks
  [ -s "$2" ] || { echo 0; return; }
  local ids
  ids=$(awk -v c="$3" '$c ~ /^[0-9a-f-]{36}$/ {print "\x27" $c "\x27"}' "$2" | sort -u | paste -sd,)
  [ -n "$ids" ] || { echo 0; return; }
  sql "select count(*) from unnest(array[$ids]::uuid[]) id where not exists (select 1 from $1 t where t.id = id)"
}

# ------------------------------------------------------------------------------------------------------------- main
ensure_tools
mkdir -p "$DIR"
RUN_START_MS=$(now_ms)
RUN_ID=$RUN_START_MS
mkdir -p "$RUN"
: >"$REQUESTS"
: >"$WINDOWS"
ensure_cluster
BODY_FILE=$RUN/body.main

say "setting up a host, $LISTINGS listings and $GUESTS guests through $BASE_URL"
HOST_TOKEN=$(register host host)
[ -n "$HOST_TOKEN" ] || die "no host token"
CITY="Chaos-$RUN_ID"
LISTING_IDS=()
for i in $(seq 1 "$LISTINGS"); do
  call create-listing POST /api/v1/properties "$HOST_TOKEN" "{\"title\":\"Chaos listing $i\",\"description\":\"A listing of the chaos run.\",\"property_type\":\"apartment\",\"address\":\"Street $i\",\"city\":\"$CITY\",\"country\":\"Portugal\",\"latitude\":38.7,\"longitude\":-9.1,\"price_per_night\":\"100.00\",\"max_guests\":4,\"amenities\":[\"wifi\"]}"
  [ "$STATUS" = 201 ] || die "creating a listing: $STATUS $(cat "$BODY_FILE")"
  LISTING_IDS+=("$(field .id)")
done
GUEST_TOKENS=()
for i in $(seq 1 "$GUESTS"); do
  token=$(register guest "guest$i")
  [ -n "$token" ] || die "no guest token"
  GUEST_TOKENS+=("$token")
done
: >"$REQUESTS"

say "clients: $BOOKERS bookers, $READERS readers; log $REQUESTS"
CLIENTS=()
for i in $(seq 1 "$BOOKERS"); do booker "$i" & CLIENTS+=($!); done
for i in $(seq 1 "$READERS"); do reader "$i" & CLIENTS+=($!); done
stop_clients() { touch "$RUN/stop"; wait "${CLIENTS[@]}" 2>/dev/null || true; }
trap 'stop_clients' EXIT

start=$(now_ms); sleep "$WARMUP"; window steady "$start"
fault node-kill fault_node_kill
fault redis-stop fault_redis_stop
fault primary-restart fault_primary_restart
fault primary-pause fault_primary_pause
fault pgbouncer-kill fault_pgbouncer_kill
stop_clients
trap - EXIT

say "waiting up to ${SETTLE_MAX}s for payments and jobs to settle"
settle_start=$SECONDS
wait_until "$SETTLE_MAX" settled || say "not settled after ${SETTLE_MAX}s"
SETTLED_IN=$((SECONDS - settle_start))

{
  echo "chaos run $(date -u +%FT%TZ) ($($SHORT && echo short || echo full)): $(wc -l <"$REQUESTS") requests through $BASE_URL," \
    "$BOOKERS bookers and $READERS readers; bound ${BOUND}s; settled in ${SETTLED_IN}s"
  WINDOW_FAILS=() WINDOW_BAD=()
  check_windows
  for line in "${WINDOW_FAILS[@]}"; do printf '      %s\n' "$line"; done
  check "every answer in time, honest" "$([ ${#WINDOW_BAD[@]} -eq 0 ] && echo true || echo false)" \
    "${#WINDOW_BAD[@]} windows with a bad answer${WINDOW_BAD[*]:+: ${WINDOW_BAD[*]}}"
  check_data
  [ "$FAILED" = 0 ] && echo "chaos: all checks passed" || echo "chaos: CHECKS FAILED (files in $RUN)"
} | tee "$RUN/summary.txt"
grep -q '^FAIL' "$RUN/summary.txt" && exit 1
exit 0
