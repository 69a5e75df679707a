#!/usr/bin/env bash
# Podman runs a container's health check from a systemd timer; without systemd (a CI container) nothing runs it, and
# docker-compose's `depends_on: condition: service_healthy` waits forever. This loop runs the check of every running
# container that is not healthy yet, every 3 s (healthy ones are left alone: compose only waits for the first
# "healthy"). Run it in the background while compose starts; stop it with kill.
set -uo pipefail
while true; do
  for id in $(podman ps -q --filter health=starting) $(podman ps -q --filter health=unhealthy); do
    podman healthcheck run "$id" > /dev/null 2>&1 &
  done
  wait
  sleep 3
done
