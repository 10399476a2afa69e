#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started: the services and the demo newsroom (by the PIDs in .local/demo/pids),
# then the SMTP sink, RabbitMQ and PostgreSQL. The data under .local/demo stays; delete that folder for a fresh start.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh

base=${MM_DEMO_PORT_BASE:-25400}
dir="$root/.local/demo"
started=$(date +%s)

pids=()
names=()
for file in "$dir"/pids/*.pid; do
  [ -f "$file" ] || continue
  pid=$(cat "$file")
  name=$(basename "$file" .pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    pids+=("$pid"); names+=("$name")
  fi
  rm -f "$file"
done
# Wait for them together (each has 20 s to drain), then end any that hang.
for i in $(seq 1 100); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.2
done
for idx in "${!pids[@]}"; do
  if kill -0 "${pids[$idx]}" 2>/dev/null; then
    mm_log "${names[$idx]} did not stop in 20 s; killing it"
    kill -9 "${pids[$idx]}" 2>/dev/null || true
  fi
done
[ ${#names[@]} -eq 0 ] || mm_log "stopped ${names[*]}"

mm_smtp_stop "$dir"
mm_rabbit_stop "$dir" "$base"
mm_pg_stop "$dir"
mm_log "down in $(( $(date +%s) - started ))s"
