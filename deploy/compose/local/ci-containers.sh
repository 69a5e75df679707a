#!/usr/bin/env bash
# Sourced by .ci/run: makes a container engine available to Testcontainers so that ComposeIT runs docker-compose.yml
# for real. A working Docker engine is used as it is (public images). Otherwise Podman, as checked on the CI machine
# (../shared/design/BRIEF.md, "Containers without Docker"; docs/deployment.md): install podman, runc, docker-compose
# and debootstrap from Debian if missing, select runc and rlimits the container may set, start Podman's Docker API
# service, build the base image localhost/migrex-java:25 (no registry can be pulled from), run the health checks
# that Podman runs from systemd elsewhere, and export what ComposeIT and Testcontainers read. Idempotent; needs root
# or sudo -n. On any failure it says why loudly and returns 1: ComposeIT is then skipped, the rest of CI runs.
# ci_containers_stop stops what ci_containers_start started.

ci_containers_pids=()

ci_containers_start() {
  local started sudo_cmd="" sock=/run/podman/podman.sock
  started=$(date +%s)
  if command -v docker >/dev/null 2>&1 && [ -z "${DOCKER_HOST:-}" ] && docker info >/dev/null 2>&1; then
    echo "CI: a Docker engine answers; ComposeIT runs docker-compose.yml with public images"
    return 0
  fi
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo -n"
  if [ -n "$sudo_cmd" ] && ! sudo -n true 2>/dev/null; then
    ci_containers_fail "not root and no password-less sudo: cannot install or run Podman"; return 1
  fi
  if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v docker-compose >/dev/null \
      || ! command -v debootstrap >/dev/null; then
    if ! command -v apt-get >/dev/null; then
      ci_containers_fail "no apt-get to install podman, runc, docker-compose and debootstrap"; return 1
    fi
    echo "CI: installing podman, runc, docker-compose and debootstrap (Debian) for ComposeIT"
    local pkgs=(podman runc docker-compose debootstrap)
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1 \
      || { $sudo_cmd apt-get update -qq >/dev/null 2>&1 && \
           $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1; } \
      || { ci_containers_fail "apt-get install ${pkgs[*]} failed"; return 1; }
  fi
  # crun fails on this kind of machine (cgroups in hybrid mode) and the default rlimits are refused without
  # CAP_SYS_RESOURCE; an existing containers.conf is left alone if it already names runc
  if ! grep -qs '^runtime *= *"runc"' /etc/containers/containers.conf; then
    if [ -s /etc/containers/containers.conf ]; then
      ci_containers_fail "/etc/containers/containers.conf exists and does not select runc; not overwriting it"; return 1
    fi
    printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=16384:16384"]\n\n[engine]\nruntime = "runc"\n' \
      | $sudo_cmd tee /etc/containers/containers.conf >/dev/null
  fi
  local log="${TMPDIR:-/tmp}/migrex-podman-service.log"
  if ! ci_containers_ping "$sock"; then
    $sudo_cmd mkdir -p "$(dirname "$sock")"
    $sudo_cmd podman system service --time=0 "unix://$sock" > "$log" 2>&1 &
    ci_containers_pids+=($!)
    local i
    for i in $(seq 1 30); do
      [ -S "$sock" ] && ci_containers_ping "$sock" && break
      sleep 1
    done
  fi
  # the Maven JVM runs as this user; the service runs as root
  [ -n "$sudo_cmd" ] && $sudo_cmd chown "$(id -u)" "$sock"
  if ! ci_containers_ping "$sock"; then
    ci_containers_fail "Podman's Docker API on $sock does not answer (see $log)"; return 1
  fi
  if ! $sudo_cmd deploy/compose/local/build-base-image.sh; then
    ci_containers_fail "the base image localhost/migrex-java:25 could not be built"; return 1
  fi
  $sudo_cmd deploy/compose/local/podman-healthchecks.sh > /dev/null 2>&1 &
  ci_containers_pids+=($!)
  export DOCKER_HOST="unix://$sock"
  export TESTCONTAINERS_RYUK_DISABLED=true
  export MIGREX_COMPOSE_OVERRIDE=docker-compose.local.yml
  echo "CI: Podman ready for ComposeIT in $(( $(date +%s) - started )) s (DOCKER_HOST=$DOCKER_HOST, images built locally)"
}

ci_containers_ping() {
  # the Docker API's _ping; as root or sudo, as the socket is root's until chown
  [ -S "$1" ] && ${sudo_cmd:-} curl -fsS --max-time 5 --unix-socket "$1" http://podman/_ping >/dev/null 2>&1
}

ci_containers_fail() {
  echo "CI: ============================================================================" >&2
  echo "CI: CONTAINERS NOT AVAILABLE: $1." >&2
  echo "CI: ComposeIT (docker-compose.yml on Podman) will be SKIPPED in this run." >&2
  echo "CI: ============================================================================" >&2
}

ci_containers_stop() {
  local pid sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo -n"
  for pid in "${ci_containers_pids[@]}"; do
    # started through sudo: its child runs as root
    $sudo_cmd pkill -P "$pid" 2>/dev/null || true
    $sudo_cmd kill "$pid" 2>/dev/null || true
  done
  ci_containers_pids=()
}
