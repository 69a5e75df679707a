#!/bin/bash
# kafka-server-start.sh of the local Kafka image, as apache/kafka's: runs the broker with the given server.properties.
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/bin/log4j2.properties}"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms64m -Xmx384m}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
