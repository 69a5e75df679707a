# Local stand-in for apache/kafka (same paths: /opt/kafka/bin/*.sh, configuration from KAFKA_* variables), for
# docker-compose.local.yml where no image can be pulled. Kafka ${kafka-server.version} from Maven Central: the broker's
# classpath that deploy/local-stack's build copies (kafka-runtime), Kafka's tools jar (deploy/sandbox's build) and
# MirrorMaker 2's classpath (mirror-runtime, for connect-mirror-maker.sh). Build context: the repository root, after
# ./mvnw package (-DskipTests) of deploy/sandbox -am.
ARG JAVA_IMAGE=localhost/migrex-java:25
FROM ${JAVA_IMAGE}
RUN useradd --system --uid 1000 --home-dir /opt/kafka appuser && mkdir -p /opt/kafka/config /var/lib/kafka/data \
    && chown -R appuser /opt/kafka/config /var/lib/kafka
COPY deploy/local-stack/target/kafka-runtime/ /opt/kafka/libs/
COPY deploy/sandbox/target/compose-kafka-tools/ /opt/kafka/libs/
COPY deploy/local-stack/target/mirror-runtime/ /opt/kafka/mirror-libs/
COPY deploy/compose/local/kafka-bin/ /opt/kafka/bin/
USER appuser
WORKDIR /opt/kafka
EXPOSE 9092
ENTRYPOINT ["/opt/kafka/bin/kafka-entrypoint.sh"]
