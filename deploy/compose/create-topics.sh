#!/bin/bash
# Creates a node's topics on its cluster before any service starts (the brokers run with auto.create.topics.enable=false).
# The list mirrors org.migrex.schema.Topics.all(); TopicsScriptTest in deploy/sandbox checks that it still does.
# Usage: create-topics.sh <bootstrap-servers> <NODE>
set -euo pipefail
BOOTSTRAP="$1"
NODE="$2"
cc="$(echo "$NODE" | tr '[:upper:]' '[:lower:]')"
CC="$(echo "$NODE" | tr '[:lower:]' '[:upper:]')"
# A broker that just answered its health check can still time out a CreateTopics on a loaded machine (seen once in
# ComposeIT on 2 cores): each topic is tried up to 5 times, 3 s apart (--if-not-exists makes a repeat harmless).
create() {
  local attempt
  for attempt in 1 2 3 4 5; do
    if /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$1" --partitions 1 --replication-factor 1 "${@:2}"; then
      return 0
    fi
    echo "creating $1 failed (attempt $attempt of 5)" >&2
    sleep 3
  done
  return 1
}
compact=(--config cleanup.policy=compact)
forever=(--config retention.ms=-1 --config retention.bytes=-1)
create "$cc.raw.records"
create "$cc.raw.records.dlq"
create "$cc.harmonized.events" "${compact[@]}"
create "$cc.harmonized.events.dlq"
create "$cc.quarantine" "${compact[@]}"
create "$cc.intake.quality" "${forever[@]}"
create "$cc.aggregates" "${compact[@]}"
create "$cc.exchange.audit" "${forever[@]}"
create "$cc.exchange.revision-requests" "${forever[@]}"
create "$cc.exchange.delivery.dlq"
create "$cc.exchange.outbox"
create "$cc.exchange.inbox.audit" "${forever[@]}"
create "$cc.exchange.inbox.dlq"
create "exchange.$CC.inbox" "${compact[@]}"
create "$cc.remittances" "${compact[@]}"
echo "topics of $CC created on $BOOTSTRAP"
