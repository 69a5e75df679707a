#!/bin/bash
# MirrorMaker 2 (Kafka's connect-mirror) on its own classpath: connect-mirror-maker.sh mm2.properties
export MIGREX_KAFKA_LIBS=/opt/kafka/mirror-libs
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/bin/log4j2.properties}"
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.connect.mirror.MirrorMaker "$@"
