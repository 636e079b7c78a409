#!/usr/bin/env bash
# API smoke test: runs the Postman collection (docs/postman/) with newman against the real service jar, started on a
# free port with a fresh PostgreSQL database that is dropped at exit, then lints its OpenAPI document
# (scripts/lint-openapi.sh). Exits non-zero if any request, assertion or lint rule fails.
#
# Needs: a JDK (JAVA_HOME or java on PATH), psql and a PostgreSQL reachable with PGHOST/PGUSER/PGPASSWORD
# (default 127.0.0.1, postgres), node and npm. Reuses target/staybook-*.jar when it exists, else builds it.
# Reports: target/api-smoke/newman-junit.xml (JUnit) and target/api-smoke/service.log.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
STARTUP_SECONDS=${API_SMOKE_STARTUP_SECONDS:-180}  # a busy 2-core CI machine took 92 s
out=target/api-smoke
log() { printf '\n== api-smoke: %s\n' "$*"; }

command -v npm >/dev/null || { echo "api-smoke: needs Node.js and npm (on Debian: apt-get install npm)" >&2; exit 1; }
command -v psql >/dev/null || { echo "api-smoke: needs psql (on Debian: apt-get install postgresql-client)" >&2; exit 1; }

jar() { ls target/staybook-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '\.original$' | head -n 1; }
if [ -z "$(jar)" ]; then
  log "no jar in target/: building it"
  mvn -B -ntp -DskipTests package
fi
JAR=$(jar)
[ -n "$JAR" ] || { echo "api-smoke: no target/staybook-*.jar after the build" >&2; exit 1; }

tmp=$(mktemp -d)
db=staybook_smoke_$$
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  psql -d postgres -qc "drop database if exists $db" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "fresh database $db"
psql -d postgres -qc "drop database if exists $db" -c "create database $db"

log "starting $JAR"
mkdir -p "$out"
# port 0: the service takes a free port and logs it, so two runs never race for one;
# C1 only: a service that lives for a minute starts faster without the optimising compiler;
# the uploaded photos go to the temporary directory, dropped at exit, not to .staybook/media
SERVER_PORT=0 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:${PGPORT:-5432}/$db" \
  SPRING_DATASOURCE_USERNAME="$PGUSER" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  STAYBOOK_DEMO_DATA_ENABLED=false \
  STAYBOOK_JOBS_RUN=true \
  STAYBOOK_MEDIA_DIR="$tmp/media" \
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -jar "$JAR" >"$out/service.log" 2>&1 &
pid=$!

# while the service starts
log "installing newman into a temporary directory"
npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error newman >/dev/null
newman="$tmp/node_modules/.bin/newman"

# GET /actuator/health over bash's /dev/tcp, so that no HTTP client needs to be installed
healthy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
    printf 'GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
    timeout 5 cat <&3 | grep -q '"status":"UP"') 2>/dev/null
}
port=
deadline=$((SECONDS + STARTUP_SECONDS))
until [ -n "$port" ] && healthy "$port"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "api-smoke: the service exited during startup; its log:" >&2; tail -n 60 "$out/service.log" >&2; exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "api-smoke: the service was not healthy after ${STARTUP_SECONDS}s; its log:" >&2; tail -n 60 "$out/service.log" >&2
    exit 1
  fi
  [ -n "$port" ] || port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$out/service.log" | head -n 1)
  sleep 1
done
base="http://127.0.0.1:$port"
log "service UP at $base"

log "running the collection"
# --working-dir: the photo uploads name their files (docs/postman/*.png) relative to the collection's directory
"$newman" run docs/postman/staybook.postman_collection.json \
  --environment docs/postman/staybook.postman_environment.json \
  --env-var "baseUrl=$base" \
  --working-dir docs/postman \
  --bail \
  --color off \
  --reporters cli,junit \
  --reporter-junit-export "$out/newman-junit.xml"
log "collection passed"

# the same running service: the OpenAPI document must lint clean and give a TypeScript client that compiles
log "linting the OpenAPI document"
bash scripts/lint-openapi.sh "$base"
log "OpenAPI document lints clean"
