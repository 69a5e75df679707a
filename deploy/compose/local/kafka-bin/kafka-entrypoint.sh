#!/bin/bash
# Entry point of the local Kafka image, as apache/kafka's: every variable KAFKA_<NAME> other than the JVM ones becomes
# the property <name> (lower case; '_' -> '.', '__' -> '_', '___' -> '-'), the storage is formatted once with
# CLUSTER_ID (and the SCRAM users of KAFKA_SCRAM_USERS="user=password,..."; the variable is not a property), then the
# KRaft broker/controller runs in the foreground. With arguments, runs them instead (e.g. a tool).
set -euo pipefail
if [ "$#" -gt 0 ]; then exec "$@"; fi
props=/opt/kafka/config/server.properties
: > "$props"
while IFS='=' read -r var _; do
  case "$var" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_LOG4J_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_SCRAM_USERS) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  key="$(printf '%s' "${var#KAFKA_}" | tr '[:upper:]' '[:lower:]' | sed -e 's/___/-/g' -e 's/__/\x01/g' -e 's/_/./g' -e 's/\x01/_/g')"
  printf '%s=%s\n' "$key" "${!var}" >> "$props"
done < <(env)
grep -q '^log.dirs=' "$props" || echo "log.dirs=/var/lib/kafka/data" >> "$props"
logdir="$(sed -n 's/^log.dirs=//p' "$props" | cut -d, -f1)"
if ! [ -f "$logdir/meta.properties" ]; then
  scram=()
  if [ -n "${KAFKA_SCRAM_USERS:-}" ]; then
    IFS=',' read -r -a users <<< "$KAFKA_SCRAM_USERS"
    for u in "${users[@]}"; do
      scram+=("--add-scram=SCRAM-SHA-512=[name=${u%%=*},password=${u#*=}]")
    done
  fi
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id="${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" \
    --config "$props" "${scram[@]}"
fi
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/bin/log4j2.properties}"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms64m -Xmx384m}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$props"
