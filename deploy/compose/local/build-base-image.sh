#!/usr/bin/env bash
# Builds localhost/migrex-java:25, the one base image of the local compose images (docker-compose.local.yml), where
# no registry can be pulled from: a Debian bookworm minbase root (debootstrap, from deb.debian.org) with curl, plus a
# Java 25 runtime made by jlink from a Temurin 25 JDK (every module but the packaging tools; javac stays, so it also
# stands in for eclipse-temurin:21-jdk in keys-init). It plays eclipse-temurin:21-jre/-jdk; Kafka, Apicurio and the
# services are files on top (deploy/compose/local/*.Dockerfile, built by compose from Maven's build output).
# Idempotent: does nothing when the image exists (MIGREX_REBUILD_BASE=1 rebuilds it). Needs root, debootstrap, podman.
# Usage: build-base-image.sh [JDK_HOME]   (default: the newest Temurin 25 under /usr/lib/jvm)
set -euo pipefail
image=localhost/migrex-java:25
if [ "${MIGREX_REBUILD_BASE:-0}" != 1 ] && podman image exists "$image"; then
  echo "compose images: $image exists"
  exit 0
fi
jdk="${1:-}"
if [ -z "$jdk" ]; then
  jdk="$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | sort -V | tail -1)"
fi
if [ -z "$jdk" ] || ! [ -x "$jdk/bin/jlink" ]; then
  echo "compose images: no JDK 25 with jlink (looked for /usr/lib/jvm/temurin-25*; pass JDK_HOME)" >&2
  exit 1
fi
work="$(mktemp -d /tmp/migrex-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
echo "compose images: debootstrap bookworm (minbase + curl) into $work/root"
debootstrap --variant=minbase --include=curl bookworm "$work/root" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; echo "compose images: debootstrap failed" >&2; exit 1; }
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*
modules="$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
  | grep -v -x -E 'jdk\.jlink|jdk\.jpackage|jdk\.jshell|jdk\.javadoc|jdk\.editpad|jdk\.jconsole|jdk\.hotspot\.agent|jdk\.graal\.compiler(\..*)?|jdk\.internal\.vm\.ci' \
  | paste -sd, -)"
echo "compose images: jlink of $jdk into /opt/java"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$work/root/opt/java"
tar -C "$work/root" -c . | podman import \
  --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
  - "$image" > /dev/null
echo "compose images: $image built in $(( $(date +%s) - started )) s ($(podman image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"
