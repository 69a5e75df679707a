#!/bin/bash
# kafka-run-class.sh of the local Kafka image: runs a class of Kafka's classpath (MIGREX_KAFKA_LIBS, default
# /opt/kafka/libs) with a small heap; log4j2 to stderr at WARN unless KAFKA_LOG4J_OPTS says otherwise.
libs="${MIGREX_KAFKA_LIBS:-/opt/kafka/libs}"
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/bin/tools-log4j2.properties} ${KAFKA_OPTS:-} \
  -cp "$libs/*" "$@"
