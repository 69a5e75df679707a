#!/bin/bash
# Entry point of a compose node's MirrorMaker 2 container (docker-compose.yml): Kafka's connect-mirror in dedicated
# mode pulling the one flow SOURCE->TARGET on the receiver's side, as <target>-mirror on both clusters, with the
# configuration that org.migrex.localstack.MirrorPull writes for the local stack and PullDeliveryIT (docs/deployment.md,
# section 5; MirrorPullComposeScriptTest keeps the two equal). It copies the sender's outbox for the receiver and the
# sender's receipts for it, exactly once, keeping their names; its state stays on the receiver's cluster.
#
# Usage: mirror-maker.sh SOURCE TARGET   (country codes, e.g. KAZ KGZ: KGZ pulls from KAZ)
# Environment: MIGREX_MIRROR_SOURCE_BOOTSTRAP, MIGREX_MIRROR_SOURCE_PASSWORD (<target>-mirror on the source cluster),
#              MIGREX_MIRROR_TARGET_BOOTSTRAP, MIGREX_MIRROR_TARGET_PASSWORD (<target>-mirror on the target cluster);
#              MIGREX_MIRROR_PROPERTIES: where to write the file (default /tmp/mm2.properties); with
#              MIGREX_MIRROR_RENDER_ONLY=1 it only writes the file.
set -euo pipefail
source="${1:?usage: mirror-maker.sh SOURCE TARGET}"
target="${2:?usage: mirror-maker.sh SOURCE TARGET}"
for code in "$source" "$target"; do
  [[ "$code" =~ ^[A-Z]{3}$ ]] || { echo "mirror-maker.sh: '$code' is not accepted: an ISO alpha-3 code in capitals, e.g. KAZ" >&2; exit 2; }
done
[ "$source" != "$target" ] || { echo "mirror-maker.sh: source and target are both '$source'" >&2; exit 2; }
src="$(printf '%s' "$source" | tr '[:upper:]' '[:lower:]')"
tgt="$(printf '%s' "$target" | tr '[:upper:]' '[:lower:]')"
user="$tgt-mirror"
out="${MIGREX_MIRROR_PROPERTIES:-/tmp/mm2.properties}"
client() { # alias bootstrap password
  printf '%s.bootstrap.servers = %s\n' "$1" "$2"
  printf '%s.security.protocol = SASL_PLAINTEXT\n' "$1"
  printf '%s.sasl.mechanism = SCRAM-SHA-512\n' "$1"
  printf '%s.sasl.jaas.config = org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";\n' "$1" "$user" "$3"
}
{
  echo "# written by deploy/compose/mirror-maker.sh"
  echo "clusters = $source, $target"
  client "$source" "${MIGREX_MIRROR_SOURCE_BOOTSTRAP:?}" "${MIGREX_MIRROR_SOURCE_PASSWORD:?}"
  client "$target" "${MIGREX_MIRROR_TARGET_BOOTSTRAP:?}" "${MIGREX_MIRROR_TARGET_PASSWORD:?}"
  cat <<PROPS
$source->$target.enabled = true
$target->$source.enabled = false
$source->$target.topics = \\\\Q$src.exchange.outbox.$tgt\\\\E, \\\\Q$src.exchange.receipts.$tgt\\\\E
replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy
offset-syncs.topic.location = target
$source.consumer.isolation.level = read_committed
$target.exactly.once.source.support = enabled
$target.scheduled.rebalance.max.delay.ms = 0
dedicated.mode.enable.internal.rest = true
listeners = http://127.0.0.1:8083
emit.heartbeats.enabled = false
emit.checkpoints.enabled = false
sync.group.offsets.enabled = false
sync.topic.acls.enabled = false
sync.topic.configs.enabled = false
refresh.topics.interval.seconds = 5
tasks.max = 1
offset.storage.partitions = 1
status.storage.partitions = 1
replication.factor = 1
offset-syncs.topic.replication.factor = 1
checkpoints.topic.replication.factor = 1
heartbeats.topic.replication.factor = 1
config.storage.replication.factor = 1
offset.storage.replication.factor = 1
status.storage.replication.factor = 1
PROPS
} > "$out"
chmod 600 "$out"
[ "${MIGREX_MIRROR_RENDER_ONLY:-0}" = 1 ] && exit 0
echo "MirrorMaker 2 $source->$target as $user: $src.exchange.outbox.$tgt, $src.exchange.receipts.$tgt"
exec /opt/kafka/bin/connect-mirror-maker.sh "$out" --clusters "$target"
