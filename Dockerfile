# Build: the Maven image compiles and packages the jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package && java -Djarmode=tools -jar target/staybook-*.jar extract --layers --launcher --destination /layers

# Run: a JRE only, as an unprivileged user, with the jar's layers copied so that a code change rebuilds one layer.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app staybook
WORKDIR /app
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
