#!/usr/bin/env bash
# Does a login flood starve the other requests of a node (issue 11, item 9)? 64 connections POST /api/v1/auth/token
# with a demo account's right password (every request costs an Argon2 hash) while 4 connections read a cached listing;
# prints the reads' p50/p99 and rate, and the logins' status mix, for: the reads alone, the flood with the rate limits
# on, and the flood with them off (STAYBOOK_RATE_LIMITS_ENABLED=false: only the bounded hashing protects the node).
#
#   docs/bench/login-flood.sh                 starts target/staybook-*.jar (with $JAVA_HOME's java, JDK 21+) twice on :$PORT (default 57210), against
#                                             SPRING_DATASOURCE_URL (default the local h_chaos database) with demo data
#   BASE_URL=http://host:8080 docs/bench/login-flood.sh    measures a running service (with demo data), as it is set up
#
# The reads come from many addresses and the flood from one, as behind a load balancer: each request carries an
# X-Forwarded-For, which the service believes from 127.0.0.1 (STAYBOOK_PROXIES_TRUSTED's default). Settings: SECONDS_EACH
# (default 30), FLOOD_CONNECTIONS (64), READ_CONNECTIONS (4). Needs wrk and jq (installed with apt-get where absent).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-57210}
SECONDS_EACH=${SECONDS_EACH:-30}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-64}
READ_CONNECTIONS=${READ_CONNECTIONS:-4}
EMAIL=host1@staybook.test
PASSWORD=staybook-demo
WORK=$(mktemp -d)
SERVICE_PID=""

cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk jq; do
  if ! command -v "$tool" >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null
  fi
done

start_service() { # RATE_LIMITS_ENABLED
  local jar
  jar=$(ls target/staybook-*.jar 2>/dev/null | head -n 1)
  [ -n "$jar" ] || { echo "no jar: run mvn -B -ntp -DskipTests package first" >&2; exit 1; }
  # JAVA_OPTS is a list of options: split on purpose
  # shellcheck disable=SC2086
  SERVER_PORT=$PORT STAYBOOK_DEMO_DATA_ENABLED=true STAYBOOK_RATE_LIMITS_ENABLED=$1 \
    SPRING_DATASOURCE_URL=${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/h_chaos} \
    SPRING_DATASOURCE_USERNAME=${SPRING_DATASOURCE_USERNAME:-postgres} \
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${JAVA_OPTS:--Xmx1g} -jar "$jar" >"$WORK/service-$1.log" 2>&1 &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 300))
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 30 "$WORK/service-$1.log" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "service not ready" >&2; exit 1; }
    sleep 1
  done
}
stop_service() {
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=""
}

# the login flood: one address, the demo host's right password; counts the statuses of all threads
cat >"$WORK/login.lua" <<EOF
wrk.method = "POST"
wrk.body = '{"email":"$EMAIL","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-For"] = "10.66.0.1"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  local line = "login statuses:"
  for status, count in pairs(total) do line = line .. " " .. status .. ":" .. count end
  print(line)
end
EOF
# the reads: a cached listing, each request from another address (other users)
cat >"$WORK/read.lua" <<'EOF'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = 0 end
function request()
  wrk.headers["X-Forwarded-For"] = "10." .. math.random(1, 250) .. "." .. math.random(0, 250) .. "." .. math.random(1, 250)
  return wrk.format()
end
function response(status, headers, body) if status ~= 200 then failures = failures + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  print(string.format("reads: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d requests, %.0f/s, %d not 200",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
    summary.requests / (summary.duration / 1e6), failed))
end
EOF

measure() { # NAME FLOOD(true|false)
  local listing=$LISTING flood_pid=""
  if [ "$2" = true ]; then
    wrk -t2 -c"$FLOOD_CONNECTIONS" -d"$((SECONDS_EACH + 2))s" --timeout 30s -s "$WORK/login.lua" \
      "$BASE/api/v1/auth/token" >"$WORK/flood.out" 2>&1 &
    flood_pid=$!
    sleep 2
  fi
  local reads
  reads=$(wrk -t1 -c"$READ_CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s -s "$WORK/read.lua" \
    "$BASE/api/v1/properties/$listing" | grep '^reads:')
  printf '%-34s %s\n' "$1" "$reads"
  if [ -n "$flood_pid" ]; then
    wait "$flood_pid" || true
    printf '%-34s %s; %s\n' "" "$(grep '^login statuses:' "$WORK/flood.out")" \
      "$(awk '/Requests\/sec/ {print $2 " logins/s"}' "$WORK/flood.out")"
  fi
}

prepare() {
  LISTING=$(curl -fs "$BASE/api/v1/properties?limit=1" | jq -r '[.. | objects | select(has("host_id"))][0].id // empty')
  [ -n "$LISTING" ] || { echo "no listing at $BASE (demo data?)" >&2; exit 1; }
  # cached from here on; and a first login, to be sure the account works
  curl -fs -o /dev/null "$BASE/api/v1/properties/$LISTING"
  curl -fs -o /dev/null "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.66.0.2' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" || { echo "the demo login fails at $BASE" >&2; exit 1; }
  # warm the JIT on the read path
  wrk -t1 -c"$READ_CONNECTIONS" -d10s -s "$WORK/read.lua" "$BASE/api/v1/properties/$LISTING" >/dev/null
}

echo "login flood: $(date -u +%FT%TZ), $(nproc) cores, ${SECONDS_EACH}s each, $FLOOD_CONNECTIONS login connections, $READ_CONNECTIONS read connections"
if [ -n "${BASE_URL:-}" ]; then
  BASE=$BASE_URL
  prepare
  measure "reads alone" false
  measure "reads under the login flood" true
  exit 0
fi

BASE=http://127.0.0.1:$PORT
start_service true
prepare
measure "reads alone" false
measure "flood, rate limits on" true
stop_service
start_service false
prepare
measure "flood, rate limits off" true
