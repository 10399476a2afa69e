#!/usr/bin/env bash
# Runs deploy/docker-compose.yml for real with podman-compose, then tears it down:
#   1. adapts the compose file for one host here (compose-podman.py says what changes and why: the schema migrator and the
#      five services with their own environment, local images, host network, servers on the host);
#   2. PostgreSQL, RabbitMQ and the SMTP sink on the host (servers.sh); the schema migrator first (waits for exit 0), then
#      the five services; waits for each service's /health/ready;
#   3. the demo newsroom (on the host) and, through the Api, the demo tenant, its three feeds and the subscription
#      "NATO center Kazakhstan" (as up.sh makes them);
#   4. kills the entity-tagging container's process (SIGKILL, a crash) while articles flow and sees it come back by the
#      file's restart policy (unless-stopped) and ready again;
#   5. checks the subscription has exactly one alert with copies = 3 and every discovered article got tagged (nothing lost).
# Images come from deploy/local/images.sh (run first when missing). Everything lives under .local/compose-smoke and is
# started afresh each run.
#   MM_SMOKE_PORT_BASE (default 28500): PostgreSQL = base ... SMTP sink = base+6, services base+20..base+24, newsroom base+30
# Ends with one line: "compose-smoke: containers=N ready_secs=N alert_copies=N alerts=N articles=N tagged=N killed=NAME back_secs=N secs=N".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
source deploy/local/containers.sh
source deploy/local/smoke-demo.sh

smoke_setup compose-smoke 28500
project="mediamonitor-smoke-$base"
mkdir -p "$dir/compose"

compose() { podman-compose --podman-path "$root/deploy/local/podman-host-network.sh" -p "$project" -f "$dir/compose/compose.yaml" "$@"; }
cleanup() {
  local status=$?
  set +e
  if [ -f "$dir/compose/compose.yaml" ]; then
    for service in schema-migrator crawler deduplication entity-tagging alerting api; do
      podman logs "${project}_${service}_1" >"$dir/logs/$service.log" 2>&1
    done
    [ "$status" != 0 ] && mm_log "failed; container logs in $dir/logs"
    compose down >>"$dir/logs/podman-compose.log" 2>&1
  fi
  smoke_servers_stop
  exit "$status"
}
trap cleanup EXIT

# 1. Tools, images, the adapted compose file.
mm_containers_ensure "$root"
smoke_ensure_images local
/usr/bin/python3 deploy/local/compose-podman.py --compose deploy/docker-compose.yml --out "$dir/compose" --base "$base" \
  "${smoke_env[@]}" \
  >"$dir/compose/readiness.txt"
mm_log "adapted deploy/docker-compose.yml: podman-compose runs the schema migrator and $(wc -l <"$dir/compose/readiness.txt") services"

# 2. Servers on the host, the schema migrator, the services.
smoke_servers_start

compose up -d --no-build schema-migrator >"$dir/logs/podman-compose.log" 2>&1 || { tail -5 "$dir/logs/podman-compose.log" >&2; exit 1; }
migration=$(podman wait "${project}_schema-migrator_1")
[ "$migration" = 0 ] || { mm_log "the schema migrator exited $migration:"; podman logs "${project}_schema-migrator_1" 2>&1 | tail -20 >&2; exit 1; }
mm_log "schema migrated (the migrator exited 0)"

containers_started=$(date +%s)
compose up -d --no-build crawler deduplication entity-tagging alerting api >>"$dir/logs/podman-compose.log" 2>&1 \
  || { tail -5 "$dir/logs/podman-compose.log" >&2; exit 1; }
smoke_wait_all_ready "$dir/compose/readiness.txt" "$containers_started"
containers=$(podman ps --filter "label=io.podman.compose.project=$project" --filter status=running --format '{{.Names}}' | wc -l)

# 3. The newsroom and the demo tenant.
smoke_demo_start

# 4. Kill one container's process while articles flow; the restart policy brings it back.
victim_container="${project}_${victim}_1"
smoke_crash "$victim_container" "$(podman inspect --format '{{.State.Pid}}' "$victim_container")" \
  "$(awk -v n="$victim" '$1 == n {print $2}' "$dir/compose/readiness.txt")"
restarts=$(podman inspect --format '{{.RestartCount}}' "$victim_container" 2>/dev/null || echo "?")
mm_log "$victim_container back and ready after ${back_secs}s (restart count $restarts)"

# 5. One alert with three copies; every article tagged.
smoke_demo_check
echo "compose-smoke: containers=$containers ready_secs=$ready_secs alert_copies=$copies alerts=$alerts articles=$articles tagged=$tagged killed=$victim back_secs=$back_secs secs=$(( $(date +%s) - started ))"
[ "$smoke_ok" = 1 ]
