# Runtime image of one Migrex service, named by the build argument SERVICE (ingestion-service,
# harmonization-service, exchange-service). Build the jars first (./mvnw -DskipTests package), then
# docker compose up --build; the build context is the repository root (see .dockerignore). JAVA_IMAGE: a Java 21+
# runtime image with bash and useradd (docker-compose.local.yml gives localhost/migrex-java:25, built without a registry).
ARG JAVA_IMAGE=eclipse-temurin:21-jre
FROM ${JAVA_IMAGE}
ARG SERVICE
RUN useradd --system --uid 10001 migrex
WORKDIR /app
COPY ${SERVICE}/target/${SERVICE}-exec.jar /app/app.jar
USER migrex
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# Readiness follows the Kafka listeners and streams; bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=30 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/app.jar", "--server.port=8080"]
