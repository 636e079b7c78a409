#!/usr/bin/env bash
# Builds the JDK AOT cache (JEP 483 classes loaded and linked, JEP 515 method profiles; one step by JEP 514's
# -XX:AOTCacheOutput) for running Staybook with `java -jar` outside Docker: docs/operations.md, "Memory, collector and
# start-up". The Docker image builds its own at image build time (Dockerfile).
#
# Usage: scripts/aot-cache.sh [JAR] [DIR]
#   JAR  the Spring Boot jar (default target/staybook-0.1.0-SNAPSHOT.jar; `mvn package` builds it)
#   DIR  where the extracted application and its cache go (default target/aot); it is replaced
# Then start it, from any directory, with the same JVM and the same flags as the training run:
#   java $STAYBOOK_JAVA_OPTS -XX:AOTCache=DIR/staybook.aot -Dspring.aot.enabled=true -jar DIR/staybook.jar
# (-Dspring.aot.enabled=true only for a jar built with Spring's AOT processing, mvn -Pspring-aot package: the script
# sees which, trains with the same switch, and prints the command.)
#
# The training run starts the application up to the end of its context refresh (spring.context.exit=onRefresh: every
# singleton created, Flyway and Hibernate's schema validation done, no port opened) and exits; the classes it loaded
# and the methods it ran go into the cache. It needs a database, like any start:
#   - SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) set: that one. Flyway migrates it as the service would at start.
#   - unset, as an ordinary user: a throwaway embedded PostgreSQL in a temporary directory, deleted afterwards.
# STAYBOOK_JAVA_OPTS: the JVM flags of the production command (default below, as in the README and the Dockerfile).
# The cache serves only the same JDK build and the same jars; another heap size, G1 or Parallel still use it, ZGC and
# -XX:+UseCompactObjectHeaders do not (the JVM says so on stderr and starts without it; -XX:AOTMode=on makes that an
# error instead). Needs JDK 25 or newer (JAVA_HOME or the java on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$here/target/staybook-0.1.0-SNAPSHOT.jar}
dir=${2:-$here/target/aot}
opts=${STAYBOOK_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=5000 -XX:CICompilerCount=2}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$jar" ] || { echo "no jar at $jar: run mvn package first" >&2; exit 1; }
version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${version%%.*}" -ge 25 ] || { echo "the AOT cache needs JDK 25 or newer; $java is $version" >&2; exit 1; }
if [ -z "${SPRING_DATASOURCE_URL:-}" ] && [ "$(id -u)" -eq 0 ]; then
  echo "no SPRING_DATASOURCE_URL, and the embedded PostgreSQL refuses root: set it, or run as another user" >&2
  exit 1
fi

# the extracted form (a thin jar and lib/): the AOT cache only covers classes loaded from the class path, not those
# the fat jar's own class loader reads from nested jars
rm -rf "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp"
mv "$dir.tmp" "$dir"
mv "$dir/$(basename "$jar")" "$dir/staybook.jar"

# a jar built with Spring's AOT processing (mvn -Pspring-aot package) is trained and started on its generated code
aot=
if "${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$dir/staybook.jar" \
  | grep -c '^io/staybook/StaybookApplication__ApplicationContextInitializer.class$' >/dev/null; then
  aot=-Dspring.aot.enabled=true
fi

training=$(mktemp -d)
# the JVM that exits on refresh leaves an embedded server it started running (seen on JDK 25.0.3): stop it, then remove
cleanup() {
  local pg_ctl
  for pg_ctl in "$training"/embedded-pg/PG-*/bin/pg_ctl; do
    [ -x "$pg_ctl" ] && "$pg_ctl" -D "$training/db" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$training"
}
trap cleanup EXIT
dir=$(cd "$dir" && pwd)
# the class path is recorded as given: start with the same absolute DIR/staybook.jar
# shellcheck disable=SC2086 # the options are a list of flags
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "$java" $opts $aot -XX:AOTCacheOutput="$dir/staybook.aot" \
  -Dspring.context.exit=onRefresh -Dstaybook.embedded-database.directory="$training/db" \
  -Djava.io.tmpdir="$training" -jar "$dir/staybook.jar" >"$training/training.log" 2>&1 \
  || { tail -n 40 "$training/training.log" >&2; exit 1; }
echo "AOT cache: $dir/staybook.aot ($(du -h "$dir/staybook.aot" | cut -f1)). Start with:"
echo "  MALLOC_ARENA_MAX=2 $java $opts -XX:AOTCache=$dir/staybook.aot${aot:+ $aot} -jar $dir/staybook.jar"
