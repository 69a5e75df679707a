#!/usr/bin/env bash
# Runs the Migrex local stack (Kafka KRaft broker + Apicurio registry) until Ctrl-C or SIGTERM.
# Usage: deploy/local-stack/local-stack.sh [--work-dir DIR] [--kafka-port N] [--registry-port N] [--no-kafka] [--no-registry]
# Needs the module built first: ./mvnw -pl deploy/local-stack package -DskipTests
# MIGREX_TARGET names the build folder if it is not 'target'.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here/${MIGREX_TARGET:-target}"/migrex-local-stack-*.jar 2>/dev/null | grep -v -- '-sources' | head -n 1 || true)"
if [[ -z "$jar" ]]; then
  echo "No migrex-local-stack jar in $here/${MIGREX_TARGET:-target}; run: ./mvnw -pl deploy/local-stack package -DskipTests" >&2
  exit 1
fi

feature() { # feature version of a java executable, 0 if unknown
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//' | head -n 1 || echo 0
}
java_bin=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [[ -n "$candidate" && -x "$candidate" ]] || continue
  if (( $(feature "$candidate") >= 21 )); then java_bin="$candidate"; break; fi
done
if [[ -z "$java_bin" ]]; then
  echo "No Java 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm); install one under /usr/lib/jvm" >&2
  exit 1
fi
# exec: signals reach the JVM directly, and its shutdown hook stops the children
exec "$java_bin" -Xmx64m -jar "$jar" "$@"
