#!/bin/bash
# Entry point of a compose node's Kafka broker (docker-compose.yml), on apache/kafka:4.3.1 or the local stand-in
# (docker-compose.local.yml): one KRaft broker and controller, SASL/SCRAM-SHA-512 on its client listeners and the
# StandardAuthorizer denying whatever no ACL allows. SCRAM over SASL_PLAINTEXT: no TLS inside the compose network
# (docs/deployment.md, section 6). The SCRAM users are written into the metadata log when the storage is formatted
# (first start only; KIP-900), so the admin user exists before any client connects; the ACLs are applied afterwards by
# the setup-<cc> container (ClusterSetupMain, from NodeAcls).
#
# Usage: kafka-secured.sh HOST EXTERNAL_PORT
#   HOST           the container's host name on the compose network (advertised on port 9092; controller on 9093)
#   EXTERNAL_PORT  a second client listener advertised as localhost:EXTERNAL_PORT, for clients on the Docker host
# Environment:
#   MIGREX_KAFKA_ADMIN_PASSWORD  the password of User:admin, the only super user (the broker itself, ClusterSetup)
#   MIGREX_KAFKA_USERS           the other SCRAM users, "name=password,name=password" (no ',' or '=' or '"' in them)
# It also writes /tmp/admin.properties (the admin's client settings) for the health check and the tools.
set -euo pipefail
host="${1:?usage: kafka-secured.sh HOST EXTERNAL_PORT}"
external="${2:?usage: kafka-secured.sh HOST EXTERNAL_PORT}"
admin_password="${MIGREX_KAFKA_ADMIN_PASSWORD:?MIGREX_KAFKA_ADMIN_PASSWORD is not set (the password of User:admin)}"
case "$admin_password" in *[\",=]*) echo "MIGREX_KAFKA_ADMIN_PASSWORD contains one of \" , =: not accepted" >&2; exit 2 ;; esac
props=/tmp/server.properties
scram_admin="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$admin_password\";"
plain_admin="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$admin_password\" user_admin=\"$admin_password\";"
cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:9093
listeners=INTERNAL://:9092,EXTERNAL://:$external,CONTROLLER://:9093
advertised.listeners=INTERNAL://$host:9092,EXTERNAL://localhost:$external
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=$scram_admin
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=$scram_admin
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain_admin
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram_admin
PROPS
chmod 600 "$props" /tmp/admin.properties
if ! [ -f /var/lib/kafka/data/meta.properties ]; then
  scram=("--add-scram=SCRAM-SHA-512=[name=admin,password=$admin_password]")
  if [ -n "${MIGREX_KAFKA_USERS:-}" ]; then
    IFS=',' read -r -a users <<< "$MIGREX_KAFKA_USERS"
    for user in "${users[@]}"; do
      name="${user%%=*}" password="${user#*=}"
      if [ -z "$name" ] || [ "$name" = "$user" ] || [ -z "$password" ]; then
        echo "MIGREX_KAFKA_USERS: '$name' is not accepted: expected name=password, comma-separated" >&2; exit 2
      fi
      scram+=("--add-scram=SCRAM-SHA-512=[name=$name,password=$password]")
    done
  fi
  # its output lists the users' salted keys: kept out of the container log unless it fails
  if ! out="$(/opt/kafka/bin/kafka-storage.sh format --ignore-formatted \
      --cluster-id="${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" --config "$props" "${scram[@]}" 2>&1)"; then
    printf '%s\n' "$out" | grep -v UserScramCredentialRecord >&2
    echo "kafka $host: formatting the storage failed" >&2; exit 1
  fi
  echo "kafka $host: storage formatted with $(( ${#scram[@]} )) SCRAM users"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$props"
