#!/usr/bin/env bash
# Staybook's production topology on one machine, with real engines and no containers (issue 11, item 5):
#
#   nginx :18080 ──> node1 :18081 (management 127.0.0.1:19081) ──┐   PgBouncer :56432 ──> PostgreSQL primary :55432
#                └─> node2 :18082 (management 127.0.0.1:19082) ──┤   (transaction mode)        │ streaming replication
#                                                                 ├─> replica reads ────────> PostgreSQL replica :55433
#                                                                 └─> Redis :56379
#
#   scripts/cluster.sh start            start whatever is not running yet; prints the load balancer's URL last
#   scripts/cluster.sh stop             stop everything this state dir runs (also after a partial start)
#   scripts/cluster.sh status           each component up or down
#   scripts/cluster.sh node-start N     start Staybook node N (1 or 2) again, with the settings of `start`
#   scripts/cluster.sh node-stop N      stop node N gracefully (SIGTERM, then SIGKILL after the shutdown budget)
#
# State (data, configuration, secrets, pid files) lives under STAYBOOK_CLUSTER_DIR (default /tmp/staybook-cluster);
# logs under $STAYBOOK_CLUSTER_DIR/logs/<component>.log. `start` writes $STAYBOOK_CLUSTER_DIR/cluster.env (mode 600):
# ports, data directories, the admin account and the secrets, generated once per state dir and kept across restarts.
# STAYBOOK_*, SPRING_* and DB_SCHEDULER_* variables of the caller of `start` (and of `node-start`) reach both nodes,
# except STAYBOOK_CLUSTER_*, which configure this script:
#   STAYBOOK_CLUSTER_DIR, STAYBOOK_JAR (default target/staybook-*.jar, built if absent),
#   STAYBOOK_CLUSTER_JAVA_OPTS (default -Xmx768m), STAYBOOK_CLUSTER_STARTUP_SECONDS (default 300),
#   STAYBOOK_CLUSTER_PROXY_READ_TIMEOUT (nginx's bound on an answer, default 15s),
#   STAYBOOK_CLUSTER_{PRIMARY,REPLICA,PGBOUNCER,REDIS,LB,NODE1,NODE2,NODE1_MGMT,NODE2_MGMT}_PORT (a new state dir only).
# Needs root or sudo only to install absent Debian packages (postgresql, pgbouncer, nginx, redis-server, openssl, curl).
# As root, PostgreSQL and PgBouncer run as the postgres OS user and nginx's workers as nobody; see docs/operations.md.
# cluster.env and caller.env are written by this script and sourced back:
# shellcheck disable=SC1090,SC1091
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-tools.sh
. scripts/host-tools.sh

DIR=${STAYBOOK_CLUSTER_DIR:-/tmp/staybook-cluster}
ENV_FILE=$DIR/cluster.env
LOGS=$DIR/logs
DB_NAME=staybook
OWNER_ROLE=staybook_owner
APP_ROLE=staybook_app
REPLICATOR_ROLE=staybook_replicator
# the contract's ports; STAYBOOK_CLUSTER_<NAME> moves one for a new state dir (a second cluster beside the first),
# after which cluster.env keeps them
PRIMARY_PORT=${STAYBOOK_CLUSTER_PRIMARY_PORT:-55432} REPLICA_PORT=${STAYBOOK_CLUSTER_REPLICA_PORT:-55433}
PGBOUNCER_PORT=${STAYBOOK_CLUSTER_PGBOUNCER_PORT:-56432} REDIS_PORT=${STAYBOOK_CLUSTER_REDIS_PORT:-56379}
LB_PORT=${STAYBOOK_CLUSTER_LB_PORT:-18080}
NODE1_PORT=${STAYBOOK_CLUSTER_NODE1_PORT:-18081} NODE2_PORT=${STAYBOOK_CLUSTER_NODE2_PORT:-18082}
NODE1_MGMT_PORT=${STAYBOOK_CLUSTER_NODE1_MGMT_PORT:-19081} NODE2_MGMT_PORT=${STAYBOOK_CLUSTER_NODE2_MGMT_PORT:-19082}
PRIMARY_DATA=$DIR/primary REPLICA_DATA=$DIR/replica
SOCKETS=$DIR/run
TLS=$DIR/tls
STARTUP_SECONDS=${STAYBOOK_CLUSTER_STARTUP_SECONDS:-300}
# SIGTERM to SIGKILL for a node: the graceful shutdown's budget (20 s for requests, 2 x 10 s for jobs) and a margin
NODE_STOP_SECONDS=50

log() { printf '== cluster: %s\n' "$*" >&2; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }
server_user() { if [ "$(id -u)" -eq 0 ]; then echo "${PG_OS_USER:-postgres}"; else id -un; fi; }

# ---------------------------------------------------------------------------------------------------------- packages
ensure_packages() {
  local missing=() pkg
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  for pkg in pgbouncer nginx redis-server; do
    command -v "$pkg" >/dev/null || [ -x "/usr/sbin/$pkg" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts a package's service after installing it where it can (not in a container): the machine-wide nginx
  # (port 80) and PgBouncer (6432) are of no use to this cluster, which runs its own
  for pkg in nginx pgbouncer; do
    case " ${missing[*]} " in *" $pkg "*) as_root service "$pkg" stop >/dev/null 2>&1 || true ;; esac
  done
}
nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }
pgbouncer_bin() { command -v pgbouncer || echo /usr/sbin/pgbouncer; }

jar() {
  if [ -n "${STAYBOOK_JAR:-}" ]; then echo "$STAYBOOK_JAR"; return 0; fi
  ls target/staybook-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '\.original$' | head -n 1
}

# the nodes run a copy of the jar, put in place by a rename: a rebuild rewrites target/*.jar in place, which makes a
# JVM running from it fail on its next class load; a renamed-over copy leaves the running JVMs their old file
install_jar() {
  local source
  source=$(jar)
  [ -n "$source" ] && [ -f "$source" ] || die "no Staybook jar: run mvn -DskipTests package or set STAYBOOK_JAR"
  if ! cmp -s "$source" "$DIR/staybook.jar"; then
    cp "$source" "$DIR/staybook.jar.tmp"
    mv -f "$DIR/staybook.jar.tmp" "$DIR/staybook.jar"
  fi
  echo "$DIR/staybook.jar"
}

# ----------------------------------------------------------------------------------------------------------- helpers
# a killed daemon stays a zombie until init reaps it: that is not alive
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # SECONDS WHAT COMMAND...: poll COMMAND every half second
  local seconds=$1 deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { log "$what: not ready after ${seconds}s"; return 1; }
    sleep 0.5
  done
}
random_secret() { openssl rand -base64 "$1" | tr -d '\n/+='; }
# psql as the superuser over the primary's private socket directory (only the server's OS user can enter it)
psql_super() { as_server_user env PGOPTIONS='-c client_min_messages=warning' "$(pg_bin psql)" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$PRIMARY_PORT" -U postgres "$@"; }

# ------------------------------------------------------------------------------------------------- state and secrets
# cluster.env is written once and read back by every later command: secrets stay the same across restarts
load_or_create_env() {
  if [ -f "$ENV_FILE" ]; then
    . "$ENV_FILE"
    return 0
  fi
  mkdir -p "$DIR"
  ADMIN_EMAIL=admin@cluster.staybook.test
  ADMIN_PASSWORD=$(random_secret 18)
  JWT_SECRET=$(openssl rand -base64 32 | tr -d '\n')
  OWNER_PASSWORD=$(random_secret 24)
  APP_PASSWORD=$(random_secret 24)
  REPLICATOR_PASSWORD=$(random_secret 24)
  PAYMENTS_WEBHOOK_SECRET=$(random_secret 24)
  PG_BIN=$(dirname "$(pg_bin initdb)")
  write_env
}
write_env() {
  local tmp=$ENV_FILE.tmp
  (umask 077 && cat >"$tmp" <<EOF
# Staybook cluster on one machine (scripts/cluster.sh); sourceable. Secrets: keep this file private (mode 600).
DIR='$DIR'
LOGS='$LOGS'
PRIMARY_PORT=$PRIMARY_PORT
PRIMARY_DATA='$PRIMARY_DATA'
REPLICA_PORT=$REPLICA_PORT
REPLICA_DATA='$REPLICA_DATA'
PGBOUNCER_PORT=$PGBOUNCER_PORT
REDIS_PORT=$REDIS_PORT
NODE1_PORT=$NODE1_PORT
NODE2_PORT=$NODE2_PORT
NODE1_MGMT_PORT=$NODE1_MGMT_PORT
NODE2_MGMT_PORT=$NODE2_MGMT_PORT
LB_PORT=$LB_PORT
BASE_URL='http://127.0.0.1:$LB_PORT'
DB_NAME=$DB_NAME
PG_BIN='$PG_BIN'
PG_SOCKETS='$SOCKETS'
PG_OS_USER='$(server_user)'
TLS_ROOT_CERT='$TLS/server.crt'
OWNER_ROLE=$OWNER_ROLE
OWNER_PASSWORD='$OWNER_PASSWORD'
APP_ROLE=$APP_ROLE
APP_PASSWORD='$APP_PASSWORD'
REPLICATOR_ROLE=$REPLICATOR_ROLE
REPLICATOR_PASSWORD='$REPLICATOR_PASSWORD'
ADMIN_EMAIL='$ADMIN_EMAIL'
ADMIN_PASSWORD='$ADMIN_PASSWORD'
JWT_SECRET='$JWT_SECRET'
PAYMENTS_WEBHOOK_SECRET='$PAYMENTS_WEBHOOK_SECRET'
EOF
  ) && mv "$tmp" "$ENV_FILE"
}

prepare_dirs() {
  mkdir -p "$DIR" "$LOGS" "$SOCKETS" "$DIR/pgbouncer" "$DIR/redis" "$DIR/nginx/tmp"
  chmod 700 "$SOCKETS"
  # the database server's OS user writes its pid file, sockets and logs here
  if [ "$(id -u)" -eq 0 ]; then
    chown "$(server_user)" "$DIR" "$LOGS" "$SOCKETS" "$DIR/pgbouncer"
    chown nobody "$DIR/nginx/tmp"
  fi
}

# a self-signed certificate for 127.0.0.1/localhost: PostgreSQL (primary and replica) and PgBouncer present it; the
# nodes verify it (sslmode=verify-full, sslrootcert=$TLS/server.crt)
ensure_tls() {
  [ -s "$TLS/server.crt" ] && [ -s "$TLS/server.key" ] && return 0
  log "generating a self-signed TLS certificate in $TLS"
  mkdir -p "$TLS"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext "basicConstraints=critical,CA:TRUE" \
    -keyout "$TLS/server.key" -out "$TLS/server.crt" 2>/dev/null
  chmod 600 "$TLS/server.key"
  chmod 644 "$TLS/server.crt"
  [ "$(id -u)" -ne 0 ] || chown "$(server_user)" "$TLS/server.key"
}

# -------------------------------------------------------------------------------------------------------- PostgreSQL
pg_running() { as_server_user "$(pg_bin pg_ctl)" -D "$1" status >/dev/null 2>&1; }
pg_ready() { "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$1"; }
# a log file the server's OS user owns (pg_ctl opens it as that user)
server_log() { touch "$LOGS/$1.log"; [ "$(id -u)" -ne 0 ] || chown "$(server_user)" "$LOGS/$1.log"; }
pg_start() { # NAME DATA PORT
  if ! pg_running "$2"; then
    log "starting the $1 on :$3"
    server_log "$1"
    as_server_user "$(pg_bin pg_ctl)" -D "$2" -l "$LOGS/$1.log" -w -t 60 start >/dev/null
  fi
  wait_for 60 "$1" pg_ready "$3"
}

start_primary() {
  if [ ! -s "$PRIMARY_DATA/PG_VERSION" ]; then
    log "initdb $PRIMARY_DATA"
    install -d -m 700 -o "$(server_user)" "$PRIMARY_DATA"
    as_server_user "$(pg_bin initdb)" -D "$PRIMARY_DATA" -U postgres --auth-local=trust --auth-host=reject \
      -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log" 2>&1 || { cat "$LOGS/initdb.log" >&2; exit 1; }
    as_server_user tee "$PRIMARY_DATA/staybook.conf" >/dev/null <<EOF
# written by scripts/cluster.sh; the replica gets a copy through pg_basebackup (its port is in postgresql.auto.conf)
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$SOCKETS'
unix_socket_permissions = 0700
max_connections = 100
password_encryption = 'scram-sha-256'
ssl = on
ssl_cert_file = '$TLS/server.crt'
ssl_key_file = '$TLS/server.key'
ssl_min_protocol_version = 'TLSv1.2'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
wal_keep_size = '256MB'
hot_standby = on
hot_standby_feedback = on
# the slow-query review (docs/operations.md): per-statement totals, and every statement slower than 500 ms logged
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 5000
pg_stat_statements.track = top
track_io_timing = on
log_min_duration_statement = 500ms
# statements only, never their parameters (emails, password hashes, card tokens)
log_parameter_max_length = 0
log_lock_waits = on
log_line_prefix = '%m [%p] %q%u@%d '
EOF
    echo "include 'staybook.conf'" | as_server_user tee -a "$PRIMARY_DATA/postgresql.conf" >/dev/null
    # local socket: the server's OS user only (the directory is 0700); TCP: TLS and a SCRAM password, nothing else
    as_server_user tee "$PRIMARY_DATA/pg_hba.conf" >/dev/null <<EOF
# TYPE   DATABASE     USER                                  ADDRESS        METHOD
local    all          all                                                  trust
local    replication  all                                                  trust
hostssl  replication  $REPLICATOR_ROLE                      127.0.0.1/32   scram-sha-256
hostssl  $DB_NAME     $OWNER_ROLE,$APP_ROLE                 127.0.0.1/32   scram-sha-256
host     all          all                                   0.0.0.0/0      reject
host     all          all                                   ::/0           reject
EOF
  fi
  pg_start primary "$PRIMARY_DATA" "$PRIMARY_PORT"
  bootstrap_database
}

# roles, database and grants; idempotent, so that every start also (re)applies them and the passwords of cluster.env
bootstrap_database() {
  local statement_timeout=${STAYBOOK_DATABASE_STATEMENT_TIMEOUT:-5s} lock_timeout=${STAYBOOK_DATABASE_LOCK_TIMEOUT:-3s}
  # the passwords go through stdin, not the command line, which any local user can read in ps
  {
    printf "\\set owner_password '%s'\n\\set app_password '%s'\n\\set replicator_password '%s'\n" \
      "$OWNER_PASSWORD" "$APP_PASSWORD" "$REPLICATOR_PASSWORD"
    cat ops/postgres/roles.sql
  } | psql_super -d postgres -v owner="$OWNER_ROLE" -v app="$APP_ROLE" -v replicator="$REPLICATOR_ROLE" \
    -v database="$DB_NAME" -v statement_timeout="$statement_timeout" -v lock_timeout="$lock_timeout"
  psql_super -d "$DB_NAME" -v database="$DB_NAME" -v owner="$OWNER_ROLE" -v app="$APP_ROLE" \
    <ops/postgres/least-privilege.sql
  psql_super -d "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'
}

start_replica() {
  if [ ! -s "$REPLICA_DATA/PG_VERSION" ]; then
    log "pg_basebackup -R into $REPLICA_DATA"
    rm -rf "$REPLICA_DATA"
    install -d -m 700 -o "$(server_user)" "$REPLICA_DATA"
    # a physical slot keeps the primary's WAL until the replica has it, so a replica that was down catches up
    psql_super -d postgres -c "SELECT pg_drop_replication_slot('staybook_replica') FROM pg_replication_slots
      WHERE slot_name = 'staybook_replica' AND NOT active" >/dev/null
    as_server_user env PGPASSWORD="$REPLICATOR_PASSWORD" "$(pg_bin pg_basebackup)" -D "$REPLICA_DATA" -R -X stream \
      -C -S staybook_replica --checkpoint=fast \
      -d "host=127.0.0.1 port=$PRIMARY_PORT user=$REPLICATOR_ROLE sslmode=verify-full sslrootcert=$TLS/server.crt" \
      >"$LOGS/basebackup.log" 2>&1 || { cat "$LOGS/basebackup.log" >&2; exit 1; }
    echo "port = $REPLICA_PORT" | as_server_user tee -a "$REPLICA_DATA/postgresql.auto.conf" >/dev/null
  fi
  pg_start replica "$REPLICA_DATA" "$REPLICA_PORT"
}

# --------------------------------------------------------------------------------------------------------- PgBouncer
# a PostgreSQL duration (500ms, 5s, 1min, 2h, 1d; a bare number is milliseconds) in whole seconds, rounded up
pg_duration_seconds() {
  local number=${1%%[a-z]*} unit
  unit=${1#"$number"}
  case $unit in
    ms | "") echo $(((number + 999) / 1000)) ;;
    s) echo "$number" ;;
    min) echo $((number * 60)) ;;
    h) echo $((number * 3600)) ;;
    d) echo $((number * 86400)) ;;
    *) die "cannot read the duration $1 (PostgreSQL units: ms, s, min, h, d)" ;;
  esac
}

start_pgbouncer() {
  pid_alive "$(pid_of "$DIR/pgbouncer.pid")" && return 0
  log "starting PgBouncer on :$PGBOUNCER_PORT"
  # PostgreSQL ends a statement at statement_timeout, but a stopped or cut-off server ends nothing: PgBouncer gives
  # up on a query a second later, closes that server connection and answers the client with an error at once
  local statement_seconds query_timeout=0
  statement_seconds=$(pg_duration_seconds "${STAYBOOK_DATABASE_STATEMENT_TIMEOUT:-5s}")
  [ "$statement_seconds" -eq 0 ] || query_timeout=$((statement_seconds + 1))
  (umask 077 && printf '"%s" "%s"\n' "$APP_ROLE" "$APP_PASSWORD" >"$DIR/pgbouncer/userlist.txt")
  cat >"$DIR/pgbouncer/pgbouncer.ini" <<EOF
; written by scripts/cluster.sh
[databases]
$DB_NAME = host=127.0.0.1 port=$PRIMARY_PORT dbname=$DB_NAME

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
pidfile = $DIR/pgbouncer.pid
logfile = $LOGS/pgbouncer.log
auth_type = scram-sha-256
auth_file = $DIR/pgbouncer/userlist.txt
; a server connection serves one client transaction at a time: no session state survives a transaction, hence no
; server-side prepared statements (JDBC prepareThreshold=0) and no session SET (timeouts are the role's settings)
pool_mode = transaction
max_client_conn = 400
default_pool_size = 30
reserve_pool_size = 5
; pgjdbc sends extra_float_digits and the service's options (-c statement_timeout=... -c lock_timeout=...) at connect;
; PgBouncer 1.18 would refuse the connection for them. Dropped here, set on the role instead (ALTER ROLE ... SET)
ignore_startup_parameters = extra_float_digits, options
; give up quickly on a primary that does not answer: the service answers 503 within its own connection timeout
server_connect_timeout = 3
query_wait_timeout = 10
query_timeout = $query_timeout
server_login_retry = 1
; TLS both ways: the nodes to PgBouncer, PgBouncer to PostgreSQL
client_tls_sslmode = require
client_tls_cert_file = $TLS/server.crt
client_tls_key_file = $TLS/server.key
client_tls_protocols = secure
server_tls_sslmode = verify-full
server_tls_ca_file = $TLS/server.crt
stats_users = $APP_ROLE
EOF
  [ "$(id -u)" -ne 0 ] || chown -R "$(server_user)" "$DIR/pgbouncer"
  server_log pgbouncer
  as_server_user "$(pgbouncer_bin)" -d -q "$DIR/pgbouncer/pgbouncer.ini"
  wait_for 20 "PgBouncer" port_open "$PGBOUNCER_PORT"
}

# ------------------------------------------------------------------------------------------------------------- Redis
start_redis() {
  pid_alive "$(pid_of "$DIR/redis.pid")" && return 0
  log "starting Redis on :$REDIS_PORT"
  # a cache and rate-limit buckets only: no persistence
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$DIR/redis.pid" \
    --logfile "$LOGS/redis.log" --dir "$DIR/redis" --save "" --appendonly no --protected-mode yes
  wait_for 20 "Redis" port_open "$REDIS_PORT"
}

# ------------------------------------------------------------------------------------------------------------- nodes
node_port() { local v="NODE$1_PORT"; echo "${!v}"; }
node_mgmt_port() { local v="NODE$1_MGMT_PORT"; echo "${!v}"; }
# the caller's STAYBOOK_*, SPRING_* and DB_SCHEDULER_* variables, as sourceable lines
caller_settings() {
  local name
  for name in $(compgen -e); do
    case $name in
      STAYBOOK_CLUSTER_* | STAYBOOK_JAR) ;;
      STAYBOOK_* | SPRING_* | DB_SCHEDULER_*) printf 'export %s=%q\n' "$name" "${!name}" ;;
    esac
  done
}
node_ready() { curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$(node_mgmt_port "$1")/actuator/health/readiness" 2>/dev/null; }

start_node() { # N
  local n=$1 pid java_home jar_path current port mgmt_port
  pid=$(pid_of "$DIR/node$n.pid")
  if pid_alive "$pid"; then return 0; fi
  java_home=$(pick_jdk) || die "no JDK >= 21 (set JAVA_HOME or install openjdk-21-jdk-headless)"
  jar_path=$(install_jar)
  current=$(caller_settings)
  port=$(node_port "$n")
  mgmt_port=$(node_mgmt_port "$n")
  log "starting node$n on :$port (management 127.0.0.1:$mgmt_port)"
  local tls="sslmode=verify-full&sslrootcert=$TLS/server.crt"
  (
    # defaults a caller may override, then the settings of `start`, then this caller's own
    export STAYBOOK_DEMO_DATA_ENABLED=false STAYBOOK_PROXIES_TRUSTED=127.0.0.1/32
    [ ! -f "$DIR/caller.env" ] || . "$DIR/caller.env"
    eval "$current"
    # the topology itself
    export SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 \
      MANAGEMENT_SERVER_PORT=$mgmt_port MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
      SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGBOUNCER_PORT/$DB_NAME?prepareThreshold=0&$tls" \
      SPRING_DATASOURCE_USERNAME=$APP_ROLE SPRING_DATASOURCE_PASSWORD=$APP_PASSWORD \
      SPRING_FLYWAY_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DB_NAME?$tls" \
      SPRING_FLYWAY_USER=$OWNER_ROLE SPRING_FLYWAY_PASSWORD=$OWNER_PASSWORD \
      STAYBOOK_DATASOURCE_REPLICA_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB_NAME?$tls" \
      STAYBOOK_DATASOURCE_REPLICA_USERNAME=$APP_ROLE STAYBOOK_DATASOURCE_REPLICA_PASSWORD=$APP_PASSWORD \
      SPRING_DATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      STAYBOOK_MESSAGES_LISTEN_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DB_NAME?$tls" \
      STAYBOOK_JWT_SECRET=$JWT_SECRET STAYBOOK_ADMIN_EMAIL=$ADMIN_EMAIL STAYBOOK_ADMIN_PASSWORD=$ADMIN_PASSWORD
    export STAYBOOK_PAYMENTS_WEBHOOK_SECRET=${STAYBOOK_PAYMENTS_WEBHOOK_SECRET:-$PAYMENTS_WEBHOOK_SECRET}
    # the nodes' working directory (anything they write to a relative path) is the state dir, never the checkout
    cd "$DIR"
    # shellcheck disable=SC2086
    exec setsid "$java_home/bin/java" ${STAYBOOK_CLUSTER_JAVA_OPTS:--Xmx768m} -XX:+ExitOnOutOfMemoryError \
      -Dstaybook.cluster.node="$DIR/node$n" -jar "$jar_path" </dev/null >>"$LOGS/node$n.log" 2>&1
  ) &
  echo $! >"$DIR/node$n.pid"
}

wait_node() { # N
  local n=$1 deadline=$((SECONDS + STARTUP_SECONDS))
  until node_ready "$n"; do
    if ! pid_alive "$(pid_of "$DIR/node$n.pid")"; then
      log "node$n exited during startup; the end of $LOGS/node$n.log:"; tail -n 40 "$LOGS/node$n.log" >&2; return 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { log "node$n not ready after ${STARTUP_SECONDS}s; see $LOGS/node$n.log"; return 1; }
    sleep 1
  done
}

# ------------------------------------------------------------------------------------------------------------- nginx
start_nginx() {
  pid_alive "$(pid_of "$DIR/nginx.pid")" && return 0
  log "starting nginx on :$LB_PORT"
  local user_line="" read_timeout=${STAYBOOK_CLUSTER_PROXY_READ_TIMEOUT:-15s}
  [ "$(id -u)" -ne 0 ] || user_line="user nobody nogroup;"
  sed -e "s|@USER@|$user_line|" -e "s|@DIR@|$DIR|g" -e "s|@LOGS@|$LOGS|g" -e "s|@LB_PORT@|$LB_PORT|g" \
    -e "s|@NODE1@|127.0.0.1:$NODE1_PORT|" -e "s|@NODE2@|127.0.0.1:$NODE2_PORT|" \
    -e "s|@READ_TIMEOUT@|$read_timeout|" ops/nginx/cluster.conf.template >"$DIR/nginx/nginx.conf"
  "$(nginx_bin)" -t -q -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -e "$LOGS/nginx.log"
  "$(nginx_bin)" -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -e "$LOGS/nginx.log"
  wait_for 20 "nginx" port_open "$LB_PORT"
}

# both nodes answer through nginx: its X-Staybook-Upstream header names the node of each answer
wait_balanced() {
  local deadline=$((SECONDS + 60)) seen="" code upstream
  while [ "$SECONDS" -lt "$deadline" ]; do
    read -r code upstream < <(curl -sS -m 5 -o /dev/null -w '%{http_code} %header{x-staybook-upstream}\n' \
      "http://127.0.0.1:$LB_PORT/api/v1/properties" 2>/dev/null || echo 000)
    if [ "${code:-000}" -ge 200 ] && [ "$code" -lt 500 ] && [ -n "${upstream:-}" ]; then
      case " $seen " in *" $upstream "*) ;; *) seen="$seen $upstream" ;; esac
    fi
    [ "$(wc -w <<<"$seen")" -ge 2 ] && return 0
    sleep 0.3
  done
  log "nginx did not reach both nodes (answered by:${seen:- none}); see $LOGS/nginx.log"
  return 1
}

# --------------------------------------------------------------------------------------------------------- stopping
stop_pid() { # NAME PID SECONDS: SIGTERM (after SIGCONT: a paused process cannot act on it), then SIGKILL
  local name=$1 pid=$2 deadline=$((SECONDS + $3))
  pid_alive "$pid" || return 0
  kill -CONT "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.3; done
  if pid_alive "$pid"; then log "$name did not stop in time: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  log "$name stopped"
}
stop_pg() { # NAME DATA
  local pid
  pid=$(pid_of "$2/postmaster.pid")
  if pid_alive "$pid"; then
    kill -CONT "$pid" 2>/dev/null || true
    as_server_user "$(pg_bin pg_ctl)" -D "$2" -m fast -w -t 30 stop >/dev/null 2>&1 || stop_pid "$1" "$pid" 5
    log "$1 stopped"
  fi
}
stop_node() { stop_pid "node$1" "$(pid_of "$DIR/node$1.pid")" "$NODE_STOP_SECONDS"; rm -f "$DIR/node$1.pid"; }

# processes still running from this state dir (a postgres child whose postmaster was SIGKILLed, say): their command
# lines name the state dir, which no other program's does
leftovers() { ps -eo pid=,args= | awk -v dir="$DIR/" -v self=$$ 'index($0, dir) && $1 != self && $2 ~ /(postgres|pgbouncer|nginx|java|redis)/ {print $1}'; }

cmd_stop() {
  [ -d "$DIR" ] || { log "nothing to stop: $DIR does not exist"; return 0; }
  stop_pid nginx "$(pid_of "$DIR/nginx.pid")" 10
  local n pids=()
  # both nodes at once: each takes up to its graceful shutdown's budget
  for n in 1 2; do stop_node "$n" & pids+=($!); done
  wait "${pids[@]}" || true
  stop_pid pgbouncer "$(pid_of "$DIR/pgbouncer.pid")" 10
  stop_pid redis "$(pid_of "$DIR/redis.pid")" 10
  stop_pg replica "$REPLICA_DATA"
  stop_pg primary "$PRIMARY_DATA"
  local left
  left=$(leftovers)
  if [ -n "$left" ]; then
    log "killing leftover processes of $DIR: $(tr '\n' ' ' <<<"$left")"
    # shellcheck disable=SC2086
    kill -CONT $left 2>/dev/null || true
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$DIR/nginx.pid" "$DIR/pgbouncer.pid" "$DIR/redis.pid"
  log "stopped"
}

# ------------------------------------------------------------------------------------------------------------ status
up_down() { if "$@"; then echo up; else echo down; fi; }
pg_pid_alive() { pid_alive "$(pid_of "$1/postmaster.pid")" && pg_ready "$2"; }
replication_state() {
  psql_super -d postgres -Atc "SELECT state || ', replay lag ' || pg_wal_lsn_diff(sent_lsn, replay_lsn) || ' bytes'
    FROM pg_stat_replication WHERE application_name <> 'pg_basebackup' LIMIT 1" 2>/dev/null || true
}
cmd_status() {
  [ -f "$ENV_FILE" ] || { echo "no cluster at $DIR"; return 0; }
  printf '%-10s %-5s %s\n' primary "$(up_down pg_pid_alive "$PRIMARY_DATA" "$PRIMARY_PORT")" ":$PRIMARY_PORT $PRIMARY_DATA"
  local streaming=""
  pg_ready "$PRIMARY_PORT" && streaming=$(replication_state)
  printf '%-10s %-5s %s\n' replica "$(up_down pg_pid_alive "$REPLICA_DATA" "$REPLICA_PORT")" \
    ":$REPLICA_PORT $REPLICA_DATA${streaming:+ (${streaming})}"
  printf '%-10s %-5s %s\n' pgbouncer "$(up_down pid_alive "$(pid_of "$DIR/pgbouncer.pid")")" ":$PGBOUNCER_PORT"
  printf '%-10s %-5s %s\n' redis "$(up_down pid_alive "$(pid_of "$DIR/redis.pid")")" ":$REDIS_PORT"
  local n
  for n in 1 2; do
    local state=down
    if pid_alive "$(pid_of "$DIR/node$n.pid")"; then state=up; node_ready "$n" 2>/dev/null || state="up (not ready)"; fi
    printf '%-10s %-5s %s\n' "node$n" "$state" ":$(node_port "$n") management 127.0.0.1:$(node_mgmt_port "$n")"
  done
  printf '%-10s %-5s %s\n' nginx "$(up_down pid_alive "$(pid_of "$DIR/nginx.pid")")" "http://127.0.0.1:$LB_PORT"
}

# ------------------------------------------------------------------------------------------------------------- start
cmd_start() {
  trap 'log "start failed (line $LINENO); logs in $LOGS; \"$0 stop\" ends what did start"' ERR
  ensure_packages
  load_or_create_env
  prepare_dirs
  # the settings of this start, for node-start later
  (umask 077 && caller_settings >"$DIR/caller.env")
  ensure_tls
  start_primary
  start_replica
  start_pgbouncer
  start_redis
  if [ -z "$(jar)" ]; then
    log "no jar in target/: building it"
    mvn -B -ntp -q -DskipTests package
  fi
  start_node 1
  start_node 2
  start_nginx
  wait_node 1
  wait_node 2
  wait_balanced
  log "ready: admin $ADMIN_EMAIL (password in $ENV_FILE); logs in $LOGS"
  echo "http://127.0.0.1:$LB_PORT"
}

case "${1:-}" in
  start) cmd_start ;;
  stop)
    [ ! -f "$ENV_FILE" ] || . "$ENV_FILE"
    cmd_stop ;;
  status)
    [ ! -f "$ENV_FILE" ] || . "$ENV_FILE"
    cmd_status ;;
  node-start | node-stop)
    case "${2:-}" in 1 | 2) ;; *) die "usage: $0 $1 1|2" ;; esac
    [ -f "$ENV_FILE" ] || die "no cluster at $DIR: run $0 start first"
    . "$ENV_FILE"
    if [ "$1" = node-start ]; then start_node "$2" && wait_node "$2" && log "node$2 ready"; else stop_node "$2"; fi ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
