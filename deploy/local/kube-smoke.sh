#!/usr/bin/env bash
# Runs the Kubernetes dev overlay for real with `podman play kube`, then tears it down:
#   1. renders deploy/k8s/overlays/dev with `kubectl kustomize` and adapts it for one podman host (kube-podman.py says
#      what changes and why: hostNetwork, local images, inlined ConfigMap/Secrets, servers on the host);
#   2. PostgreSQL, RabbitMQ and the SMTP sink on the host (servers.sh), the schema-migration Job's pod first (waits for
#      exit 0), then the five Deployments; waits for each through the manifest's own readinessProbe;
#   3. the demo newsroom (on the host) and, through the Api, the demo tenant, its three feeds and the subscription
#      "NATO center Kazakhstan" (as up.sh makes them);
#   4. kills the entity-tagging pod's process (SIGKILL, a crash) while articles flow, sees it come back (the Deployment's restartPolicy
#      Always) and ready again;
#   5. checks the subscription has exactly one alert with copies = 3 and every discovered article got tagged (nothing lost).
# Images come from deploy/local/images.sh (run first when missing). Everything lives under .local/kube-smoke and is
# started afresh each run.
#   MM_SMOKE_PORT_BASE (default 28400): PostgreSQL = base ... SMTP sink = base+6, services base+20..base+24, newsroom base+30
# Ends with one line: "kube-smoke: pods=N ready_secs=N alert_copies=N alerts=N articles=N tagged=N killed=NAME back_secs=N secs=N".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
source deploy/local/containers.sh

base=${MM_SMOKE_PORT_BASE:-28400}
dir="$root/.local/kube-smoke"
started=$(date +%s)
victim=entity-tagging
api="http://127.0.0.1:$((base + 24))"
newsroom="http://127.0.0.1:$((base + 30))"
admin_key=smoke-admin-key-$base
# Every run starts from empty servers (a previous run's tenant, events and queues would change what is checked).
rm -rf "$dir/kube" "$dir/logs" "$dir/postgres" "$dir/rabbitmq" "$dir/smtp"
mkdir -p "$dir/kube" "$dir/logs"

newsroom_pid=""
cleanup() {
  local status=$?
  set +e
  if [ "$status" != 0 ]; then
    mm_log "failed; pod logs in $dir/logs"
    for pod in $(podman pod ps --format '{{.Name}}' 2>/dev/null); do
      case $pod in schema-migration|crawler-pod*|deduplication-pod*|entity-tagging-pod*|alerting-pod*|api-pod*)
        podman pod logs "$pod" >"$dir/logs/$pod.log" 2>&1 ;;
      esac
    done
  fi
  [ -f "$dir/kube/services.yaml" ] && podman play kube --down "$dir/kube/services.yaml" >/dev/null 2>&1
  [ -f "$dir/kube/schema-migration.yaml" ] && podman play kube --down "$dir/kube/schema-migration.yaml" >/dev/null 2>&1
  [ -n "$newsroom_pid" ] && kill "$newsroom_pid" 2>/dev/null
  mm_smtp_stop "$dir"
  mm_rabbit_stop "$dir" "$base"
  mm_pg_stop "$dir"
  exit "$status"
}
trap cleanup EXIT

# 1. Tools, images, the rendered overlay.
mm_containers_ensure "$root"
if ! command -v kubectl >/dev/null 2>&1; then
  if apt-cache show kubectl >/dev/null 2>&1; then mm_apt_install kubectl; else mm_log "kubectl is needed (kubectl kustomize) and the apt mirror has none"; exit 1; fi
fi
for image in crawler deduplication entity-tagging alerting api schema-migrator; do
  if ! podman image exists "localhost/mediamonitor/$image:dev"; then
    mm_log "image $image missing: running images.sh"
    deploy/local/images.sh >&2
    break
  fi
done
kubectl kustomize deploy/k8s/overlays/dev >"$dir/kube/rendered.yaml"
pg="Host=127.0.0.1;Port=$base;Database=mediamonitor;Username=postgres;Password=postgres;Maximum Pool Size=50"
/usr/bin/python3 deploy/local/kube-podman.py --out "$dir/kube" --base "$base" --tag dev \
  --env "ConnectionStrings__Postgres=$pg" --env RabbitMq__Host=127.0.0.1 --env "RabbitMq__Port=$((base + 1))" \
  --env RabbitMq__Username=guest --env RabbitMq__Password=guest --env "RabbitMq__ManagementPort=$((base + 2))" \
  --service-env "api:Api__AdminKey=$admin_key" \
  --service-env "alerting:Alerting__Smtp__Host=127.0.0.1" --service-env "alerting:Alerting__Smtp__Port=$((base + 6))" \
  --service-env "alerting:Alerting__Smtp__Security=None" --service-env "alerting:Alerting__AllowedNetworks__0=127.0.0.1/32" \
  --service-env "crawler:Crawler__AllowedNetworks__0=127.0.0.1/32" --service-env "crawler:Crawler__PollIntervalSeconds=5" \
  --service-env "api:Api__AllowedWebhookNetworks__0=127.0.0.1/32" \
  <"$dir/kube/rendered.yaml" >"$dir/kube/readiness.txt"
mm_log "rendered $(grep -c '^kind:' "$dir/kube/rendered.yaml") objects; podman runs the Job's pod and $(wc -l <"$dir/kube/readiness.txt") Deployments"

# 2. Servers on the host, the schema migration, the services.
mm_ensure_packages
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
mm_smtp_start "$dir" "$base"
wait $pg_job
mm_pg_create_db "$base" mediamonitor
psql_q() { PGPASSWORD=postgres psql -h 127.0.0.1 -p "$base" -U postgres -d mediamonitor -tAc "$1"; }

podman play kube "$dir/kube/schema-migration.yaml" >"$dir/logs/play-kube.log" 2>&1 || { tail -5 "$dir/logs/play-kube.log" >&2; exit 1; }
migration=$(podman wait schema-migration-app)
podman logs schema-migration-app >"$dir/logs/schema-migration.log" 2>&1
[ "$migration" = 0 ] || { mm_log "the schema migration exited $migration:"; tail -20 "$dir/logs/schema-migration.log" >&2; exit 1; }
mm_log "schema migrated (the Job's pod exited 0)"

pods_started=$(date +%s)
# stderr: podman cannot schedule its healthcheck timers without systemd and says so once per probe; the script reads the
# probes itself (readiness.txt), so those lines go to the log.
podman play kube "$dir/kube/services.yaml" >>"$dir/logs/play-kube.log" 2>&1 || { tail -5 "$dir/logs/play-kube.log" >&2; exit 1; }
wait_ready() {
  local name=$1 url=$2 timeout=$3 i
  for i in $(seq 1 $((timeout * 2))); do
    curl -sf -o /dev/null --max-time 3 "$url" && return 0
    sleep 0.5
  done
  mm_log "$name not ready at $url after ${timeout}s"; return 1
}
while read -r name url; do
  wait_ready "$name" "$url" 240
  mm_log "$name ready ($url)"
done <"$dir/kube/readiness.txt"
ready_secs=$(( $(date +%s) - pods_started ))
pods=$(podman pod ps --filter status=running --format '{{.Name}}' | grep -cE '^(crawler|deduplication|entity-tagging|alerting|api)-pod(-[0-9]+)?$' || true)
# podman 4.3 names a Deployment's pod <name>-pod-0 and its container <pod>-<container>.
victim_pod=$(podman pod ps --format '{{.Name}}' | grep -E "^$victim-pod(-[0-9]+)?\$" | head -1)

# 3. The newsroom and the demo tenant.
dotnet build deploy/DemoNewsroom/MediaMonitor.DemoNewsroom.csproj -c Release -nologo -v q -clp:ErrorsOnly >"$dir/logs/newsroom-build.log" 2>&1 \
  || { cat "$dir/logs/newsroom-build.log" >&2; exit 1; }
(cd deploy/DemoNewsroom/bin/Release/net10.0 && exec dotnet MediaMonitor.DemoNewsroom.dll --urls "$newsroom" \
  --published-at "$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)" >"$dir/logs/newsroom.log" 2>&1 </dev/null) &
newsroom_pid=$!
wait_ready newsroom "$newsroom/robots.txt" 60
items=0
for outlet in steppe-herald capital-courier eurasia-wire; do
  items=$((items + $(curl -sf "$newsroom/$outlet/rss.xml" | grep -o '<item>' | wc -l)))
done
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
key=$(curl -sf -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
  -d '{"name":"Demo newsroom watch","tenantId":"demo"}' "$api/api/tenants" | json_field apiKey)
[ -n "$key" ] || { mm_log "could not create the demo tenant"; exit 1; }
auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
subscription=$(curl -sf "${auth[@]}" -d '{"name":"NATO center Kazakhstan","query":"NATO center Kazakhstan","email":"analyst@demo.example"}' \
  "$api/api/subscriptions" | json_field id)
[ -n "$subscription" ] || { mm_log "could not create the demo subscription"; exit 1; }
for outlet in steppe-herald capital-courier eurasia-wire; do
  curl -sf -o /dev/null "${auth[@]}" -d "{\"url\":\"$newsroom/$outlet/rss.xml\"}" "$api/api/sources"
done
mm_log "demo tenant, subscription $subscription and 3 feeds ($items items) created"

# 4. Kill one pod while articles flow; it comes back by the Deployment's restartPolicy.
count_type() { psql_q "select count(distinct stream_id) from mt_events where type = '$1'"; }
for i in $(seq 1 240); do [ "$(count_type article_fetched)" -ge 1 ] && break; sleep 0.5; done
killed_at=$(date +%s)
# A crash: SIGKILL to the container's process from outside. `podman pod kill` would not do: podman applies the restart
# policy only to exits it was not asked for, and without a ReplicaSet nothing would recreate a deleted pod.
victim_pid=$(podman inspect --format '{{.State.Pid}}' "$victim_pod-app")
kill -9 "$victim_pid"
mm_log "killed $victim_pod (SIGKILL to its process $victim_pid) with $(count_type article_fetched) articles fetched, $(count_type entities_tagged) tagged"
victim_url=$(awk -v n="$victim" '$1 == n {print $2}' "$dir/kube/readiness.txt")
sleep 2
if ! wait_ready "$victim" "$victim_url" 120; then
  mm_log "$victim_pod did not come back by itself"; exit 1
fi
back_secs=$(( $(date +%s) - killed_at ))
restarts=$(podman inspect --format '{{.RestartCount}}' "$victim_pod-app" 2>/dev/null || echo "?")
mm_log "$victim_pod back and ready after ${back_secs}s (restart count $restarts)"

# 5. One alert with three copies; every article tagged.
alerts_json=""
for i in $(seq 1 360); do
  alerts_json=$(curl -sf "${auth[@]}" "$api/api/subscriptions/$subscription/alerts" || true)
  echo "$alerts_json" | grep -q '"copies":3' && break
  sleep 0.5
done
copies=$(echo "$alerts_json" | grep -o '"copies":[0-9]*' | head -1 | cut -d: -f2)
for i in $(seq 1 240); do
  tagged=$(count_type entities_tagged)
  [ "$tagged" -ge "$items" ] && break
  sleep 0.5
done
sleep 3 # a second alert, if one were coming, would be here by now
alerts=$(curl -sf "${auth[@]}" "$api/api/subscriptions/$subscription/alerts" | grep -o '"copies":' | wc -l)
articles=$(count_type article_discovered)
tagged=$(count_type entities_tagged)
mail=$(ls "$dir/smtp/mail" 2>/dev/null | wc -l)
mm_log "alerts $alerts (copies ${copies:-none}), e-mails $mail, articles discovered $articles, tagged $tagged of $items items"
status=0
[ "${copies:-0}" = 3 ] && [ "$alerts" = 1 ] && [ "$tagged" -ge "$items" ] && [ "$articles" = "$tagged" ] || status=1
echo "kube-smoke: pods=$pods ready_secs=$ready_secs alert_copies=${copies:-0} alerts=$alerts articles=$articles tagged=$tagged killed=$victim back_secs=$back_secs secs=$(( $(date +%s) - started ))"
exit $status
