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

base=${MM_SMOKE_PORT_BASE:-28500}
dir="$root/.local/compose-smoke"
project="mediamonitor-smoke-$base"
started=$(date +%s)
victim=entity-tagging
api="http://127.0.0.1:$((base + 24))"
newsroom="http://127.0.0.1:$((base + 30))"
admin_key=smoke-admin-key-$base
rm -rf "$dir/compose" "$dir/logs" "$dir/postgres" "$dir/rabbitmq" "$dir/smtp"
mkdir -p "$dir/compose" "$dir/logs"

newsroom_pid=""
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
  [ -n "$newsroom_pid" ] && kill "$newsroom_pid" 2>/dev/null
  mm_smtp_stop "$dir"
  mm_rabbit_stop "$dir" "$base"
  mm_pg_stop "$dir"
  exit "$status"
}
trap cleanup EXIT

# 1. Tools, images, the adapted compose file.
mm_containers_ensure "$root"
for image in crawler deduplication entity-tagging alerting api schema-migrator; do
  if ! podman image exists "localhost/mediamonitor/$image:local"; then
    mm_log "image $image missing: running images.sh"
    deploy/local/images.sh >&2
    break
  fi
done
pg="Host=127.0.0.1;Port=$base;Database=mediamonitor;Username=postgres;Password=postgres;Maximum Pool Size=50"
/usr/bin/python3 deploy/local/compose-podman.py --compose deploy/docker-compose.yml --out "$dir/compose" --base "$base" \
  --env "ConnectionStrings__Postgres=$pg" --env RabbitMq__Host=127.0.0.1 --env "RabbitMq__Port=$((base + 1))" \
  --env RabbitMq__Username=guest --env RabbitMq__Password=guest --env "RabbitMq__ManagementPort=$((base + 2))" \
  --service-env "api:Api__AdminKey=$admin_key" \
  --service-env "alerting:Alerting__Smtp__Host=127.0.0.1" --service-env "alerting:Alerting__Smtp__Port=$((base + 6))" \
  --service-env "alerting:Alerting__Smtp__Security=None" --service-env "alerting:Alerting__AllowedNetworks__0=127.0.0.1/32" \
  --service-env "crawler:Crawler__AllowedNetworks__0=127.0.0.1/32" --service-env "crawler:Crawler__PollIntervalSeconds=5" \
  --service-env "api:Api__AllowedWebhookNetworks__0=127.0.0.1/32" \
  >"$dir/compose/readiness.txt"
mm_log "adapted deploy/docker-compose.yml: podman-compose runs the schema migrator and $(wc -l <"$dir/compose/readiness.txt") services"

# 2. Servers on the host, the schema migrator, the services.
mm_ensure_packages
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
mm_smtp_start "$dir" "$base"
wait $pg_job
mm_pg_create_db "$base" mediamonitor

compose up -d --no-build schema-migrator >"$dir/logs/podman-compose.log" 2>&1 || { tail -5 "$dir/logs/podman-compose.log" >&2; exit 1; }
migration=$(podman wait "${project}_schema-migrator_1")
[ "$migration" = 0 ] || { mm_log "the schema migrator exited $migration:"; podman logs "${project}_schema-migrator_1" 2>&1 | tail -20 >&2; exit 1; }
mm_log "schema migrated (the migrator exited 0)"

containers_started=$(date +%s)
compose up -d --no-build crawler deduplication entity-tagging alerting api >>"$dir/logs/podman-compose.log" 2>&1 \
  || { tail -5 "$dir/logs/podman-compose.log" >&2; exit 1; }
while read -r name url; do
  smoke_wait_ready "$name" "$url" 240
  mm_log "$name ready ($url)"
done <"$dir/compose/readiness.txt"
ready_secs=$(( $(date +%s) - containers_started ))
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
