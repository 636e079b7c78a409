# Build: the Maven image compiles and packages the jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
# the dependencies and plugins in a layer of their own, rebuilt only when pom.xml changes. Not dependency:go-offline:
# it ignores the wildcard exclusions on the GraphiQL WebJars and fails on a version range Maven Central cannot satisfy
RUN mvn -B -q dependency:resolve dependency:resolve-plugins
COPY src ./src
RUN mvn -B -q -DskipTests package && java -Djarmode=tools -jar target/staybook-*.jar extract --layers --launcher --destination /layers

# The CycloneDX SBOM of exactly this image's jar, for CI to attach to the pushed image:
# docker buildx build --target sbom --output type=local,dest=sbom . (it comes from the build stage's cache).
FROM scratch AS sbom
COPY --from=build /src/target/bom.json /src/target/bom.xml /

# Run: a JRE only, as an unprivileged user, with the jar's layers copied so that a code change rebuilds one layer.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app staybook
WORKDIR /app
# the SBOM travels in the application layer (the jar puts it at META-INF/sbom/bom.json and names it in its manifest,
# Sbom-Location), where /actuator/sbom (admins only) serves it
LABEL org.opencontainers.image.title="Staybook" \
      org.opencontainers.image.description="Backend for a short-term rental marketplace" \
      io.staybook.sbom.path="/app/META-INF/sbom/bom.json" \
      io.staybook.sbom.format="CycloneDX JSON"
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER staybook
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# readiness over bash's /dev/tcp (no HTTP client in the image; Ubuntu's sh, dash, has no /dev/tcp), on the management
# port when management endpoints have their own (MANAGEMENT_SERVER_PORT, as in docker-compose.yml)
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
