# Build: the Maven image compiles and packages the jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
# the dependencies and plugins in a layer of their own, rebuilt only when pom.xml changes. Not dependency:go-offline:
# it ignores the wildcard exclusions on the GraphiQL WebJars and fails on a version range Maven Central cannot satisfy
RUN mvn -B -q dependency:resolve dependency:resolve-plugins
COPY src ./src
# With Spring's AOT processing (-Pspring-aot: the bean definitions, and Spring Data's repositories, as generated code,
# used when started with -Dspring.aot.enabled=true; docs/operations.md, "Memory, collector and start-up"). Its
# conditions are evaluated here, with the defaults of application.yaml; a container started with a setting that would
# have decided otherwise (the list is in the jar) logs which and starts without the generated code, slower but with
# every setting honoured. AOT_SETTINGS gives the build the settings of the deployment instead, as JVM arguments, e.g.
# --build-arg AOT_SETTINGS="-Dmanagement.server.port=8081 -Dspring.graphql.graphiql.enabled=false".
# Then extracted as a thin staybook.jar whose manifest names lib/*.jar (not --launcher's exploded classes): the form
# the JDK's AOT cache covers, since it only holds classes loaded from the class path. The SBOM is copied out too
ARG AOT_SETTINGS=""
RUN mvn -B -q -DskipTests -Pspring-aot ${AOT_SETTINGS:+"-Dspring-boot.aot.jvmArguments=$AOT_SETTINGS"} package \
  && cp target/staybook-*.jar /staybook.jar \
  && java -Djarmode=tools -jar /staybook.jar extract --layers --destination /layers \
  && cd /layers/application && jar xf staybook.jar META-INF/sbom/bom.json

# The CycloneDX SBOM of exactly this image's jar, for CI to attach to the pushed image:
# docker buildx build --target sbom --output type=local,dest=sbom . (it comes from the build stage's cache).
FROM scratch AS sbom
COPY --from=build /src/target/bom.json /src/target/bom.xml /

# Run: a JRE only, as an unprivileged user, with the jar's layers copied so that a code change rebuilds one layer.
# JDK 25: the AOT cache below (JEP 483, 514, 515) needs it; the jar itself still runs on 21.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app staybook
WORKDIR /app
# the SBOM travels in the application layer: in staybook.jar (META-INF/sbom/bom.json, named in its manifest,
# Sbom-Location), where /actuator/sbom (admins only) serves it, and beside it as the file the label names
LABEL org.opencontainers.image.title="Staybook" \
      org.opencontainers.image.description="Backend for a short-term rental marketplace" \
      io.staybook.sbom.path="/app/META-INF/sbom/bom.json" \
      io.staybook.sbom.format="CycloneDX JSON"
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The production flags (README, "Production command"; docs/operations.md, "Memory, collector and start-up"): a 256 MiB
# heap under the serial collector, two glibc malloc arenas instead of eight per core, compiled code capped at 64 MiB
# (stale code is unloaded before it fills), freed native memory handed back every 5 s, and two JIT threads whatever
# the host's cores. The resident peak at load was 449 MiB on the demo data and 528-552 MiB on 200,000 listings, and
# 559 MiB on 1M listings under the whole load harness (docs/benchmarks.md, "Issue 12, second pass: the measured
# run"), so give the container 640M; for a bigger heap set JAVA_TOOL_OPTIONS (e.g. -Xmx1g and the other flags) and a
# limit of the heap plus about 300 MiB together, and raise STAYBOOK_CACHE_LOCALSIZES_PROPERTIES in proportion. The AOT
# cache below still serves another heap size or collector (G1, Parallel: checked on JDK 25.0.3), but not ZGC nor
# -XX:+UseCompactObjectHeaders: with those the JVM says so on stderr and starts without it
ENV MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=5000 -XX:CICompilerCount=2"
# The AOT cache's training run (JDK 25, one step: -XX:AOTCacheOutput): the application starts up to the end of its
# context refresh (spring.context.exit=onRefresh: every bean created, Flyway and Hibernate's schema validation done,
# no port opened) and exits, and the JVM writes what it loaded, linked and profiled to aot/staybook.aot. No database is
# needed here: without spring.datasource.url the service starts its embedded PostgreSQL (the binaries are in the
# jar), which refuses root but runs as this user, in a directory that is gone before the layer is written. At run time
# the image is given a real database and never starts the embedded one; the class path (this directory) is the same.
# linux/amd64 only, as CI builds it: the jar carries the embedded PostgreSQL binaries for amd64, not arm64
RUN install -d -o staybook /app/aot
# listing photos' filesystem store (STAYBOOK_MEDIA_DIR; README, "Listing photos"): a volume there starts owned by this user
RUN install -d -o staybook /var/lib/staybook/media
USER staybook
# the JVM that exits on refresh leaves the embedded server running (seen on JDK 25.0.3): stopped here, then removed
RUN java -XX:AOTCacheOutput=aot/staybook.aot -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh \
      -Dstaybook.embedded-database.directory=/tmp/staybook-training/db -Djava.io.tmpdir=/tmp/staybook-training \
      -jar staybook.jar >/tmp/staybook-training.log 2>&1 \
  || { tail -n 60 /tmp/staybook-training.log; exit 1; }; \
  /tmp/staybook-training/embedded-pg/PG-*/bin/pg_ctl -D /tmp/staybook-training/db -m immediate -w stop \
    >/dev/null 2>&1; \
  rm -rf /tmp/staybook-training /tmp/staybook-training.log
EXPOSE 8080
# readiness over bash's /dev/tcp (no HTTP client in the image; Ubuntu's sh, dash, has no /dev/tcp), on the management
# port when management endpoints have their own (MANAGEMENT_SERVER_PORT, as in docker-compose.yml)
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["java", "-XX:AOTCache=aot/staybook.aot", "-Dspring.aot.enabled=true", "-jar", "staybook.jar"]
