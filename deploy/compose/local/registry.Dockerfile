# Local stand-in for apicurio/apicurio-registry:3.3.3 (same port 8080, same APICURIO_* variables, in-memory H2 as that
# image's default), for docker-compose.local.yml where no image can be pulled: the Apicurio Registry that
# deploy/local-stack's build unpacks from Maven Central. Build context: the repository root, after ./mvnw package.
ARG JAVA_IMAGE=localhost/migrex-java:25
FROM ${JAVA_IMAGE}
RUN useradd --system --uid 1001 apicurio
COPY deploy/local-stack/target/apicurio-registry-3.3.3/ /deployments/
USER apicurio
WORKDIR /deployments
EXPOSE 8080
ENTRYPOINT ["java", "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", \
            "-Djava.io.tmpdir=/tmp", "-jar", "/deployments/quarkus-run.jar"]
