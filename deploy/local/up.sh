#!/usr/bin/env bash
# Starts the MediaMonitor demo on 127.0.0.1: PostgreSQL and RabbitMQ (installed from the OS packages if missing), the five
# services, the demo newsroom, a demo tenant with the newsroom's three feeds and the subscription "NATO center Kazakhstan"
# (e-mailed to analyst@demo.example: the messages land in .local/demo/smtp/mail).
# Everything lives under .local/demo (data, logs, PIDs, the built services). Idempotent: a second run rebuilds, restarts
# the services and the newsroom, and reuses the data, the tenant and its key. Stop it all with deploy/local/down.sh.
# Ends by printing exactly two lines on stdout: "Dashboard: <url>" and "API key: <key>".
#   MM_DEMO_PORT_BASE (default 25400): PostgreSQL = base, RabbitMQ = base+1..base+5, SMTP sink = base+6 (e-mails land in
#   .local/demo/smtp/mail), services base+20..base+23, newsroom base+30
#   MM_API_PORT (default 8080): the Api and its dashboard
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
source deploy/local/launch.sh

base=${MM_DEMO_PORT_BASE:-25400}
api_port=${MM_API_PORT:-8080}
newsroom_port=$((base + 30))
dir="$root/.local/demo"
api="http://127.0.0.1:$api_port"
newsroom="http://127.0.0.1:$newsroom_port"
services=(Api Crawler Deduplication EntityTagging Alerting)
declare -A port=([Crawler]=$((base + 20)) [Deduplication]=$((base + 21)) [EntityTagging]=$((base + 22)) [Alerting]=$((base + 23)) [Api]=$api_port)
started=$(date +%s)
mkdir -p "$dir/logs" "$dir/pids" "$dir/app"

wait_http() {
  local name=$1 url=$2 pidfile=$3 timeout=${4:-120} i
  for i in $(seq 1 $((timeout * 4))); do
    if curl -sf -o /dev/null "$url"; then return 0; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      mm_log "$name exited; last lines of $dir/logs/$name.log:"; tail -20 "$dir/logs/$name.log" >&2; return 1
    fi
    sleep 0.25
  done
  mm_log "$name not ready at $url after ${timeout}s; see $dir/logs/$name.log"; return 1
}

# 1. Servers.
mm_ensure_packages
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
mm_smtp_start "$dir" "$base"
wait $pg_job
mm_export_connection_env "$base"
mm_pg_create_db "$base" mediamonitor
mm_log "servers ready in $(( $(date +%s) - started ))s; building"

# 2. Build; a project that does not build is reported and left out, the others still start.
if ! dotnet build deploy/local/demo.slnf -c Release -nologo -v q -clp:ErrorsOnly >"$dir/logs/build.log" 2>&1; then
  mm_log "the build reported errors (see $dir/logs/build.log); starting what built"
fi
mm_log "built in $(( $(date +%s) - started ))s"

# 3. Keys and settings kept across runs.
admin_key_file="$dir/admin-key.txt"
if [ ! -s "$admin_key_file" ]; then
  (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$admin_key_file")
fi
admin_key=$(cat "$admin_key_file")
# The key webhook signing secrets and Slack URLs are sealed with (Secrets__Key); kept with the data it opens, given to the Api and Alerting only.
secrets_key_file="$dir/secrets-key.txt"
if [ ! -s "$secrets_key_file" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 >"$secrets_key_file")
fi
secrets_key=$(cat "$secrets_key_file")
published_file="$dir/newsroom-published-at.txt"
[ -s "$published_file" ] || date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ >"$published_file"

# 4. Services (deploy/local/launch.sh): each from its own copy of the build; the admin key goes to the Api's environment only.
demo_shared_environment
# The Api starts first and creates the event store's tables; the other four then start together. Marten lets one process
# at a time migrate the schema and a loser of that race exits, so a service that exits while starting is restarted (twice at most).
wait_service() {
  local svc=$1 attempt
  for attempt in 1 2 3; do
    if wait_http "$svc" "http://127.0.0.1:${port[$svc]}/health/ready" "$dir/pids/$svc.pid"; then
      mm_log "$svc ready on 127.0.0.1:${port[$svc]}"; return 0
    fi
    kill -0 "$(cat "$dir/pids/$svc.pid")" 2>/dev/null && return 1
    [ "$attempt" = 3 ] && return 1
    mm_log "restarting $svc (attempt $((attempt + 1)))"
    cp "$dir/logs/$svc.log" "$dir/logs/$svc.failed-start.log"
    start_service "$svc"
  done
}
running=()
for svc in "${services[@]}"; do
  if start_service "$svc"; then
    running+=("$svc")
    [ "$svc" = Api ] && { wait_service Api || exit 1; }
  fi
done
for svc in "${running[@]}"; do
  [ "$svc" = Api ] || wait_service "$svc" || exit 1
done

# 5. The demo newsroom.
start_app DemoNewsroom deploy/DemoNewsroom MediaMonitor.DemoNewsroom.dll DOTNET_NOLOGO=1 -- \
  --urls "$newsroom" --published-at "$(cat "$published_file")" || exit 1
wait_http DemoNewsroom "$newsroom/robots.txt" "$dir/pids/DemoNewsroom.pid" 60
mm_log "demo newsroom on $newsroom"

# 6. The demo tenant, its sources and its subscription (each step idempotent).
key_file="$dir/api-key.txt"
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
key=""
if [ -s "$key_file" ] && curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$key_file")" "$api/api/sources"; then
  key=$(cat "$key_file")
else
  response=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"Demo newsroom watch","tenantId":"demo"}' "$api/api/tenants")
  if [ "$(echo "$response" | tail -1)" = 409 ]; then
    response=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $admin_key" "$api/api/tenants/demo/keys")
  fi
  key=$(echo "$response" | head -n -1 | json_field apiKey)
  [ -n "$key" ] || { mm_log "could not create the demo tenant: $response"; exit 1; }
  (umask 077; echo "$key" >"$key_file")
fi
auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
for outlet in steppe-herald capital-courier eurasia-wire; do
  curl -sf -o /dev/null "${auth[@]}" -d "{\"url\":\"$newsroom/$outlet/rss.xml\"}" "$api/api/sources" \
    || { mm_log "could not add the source $newsroom/$outlet/rss.xml"; exit 1; }
done
curl -sf -o /dev/null "${auth[@]}" -H 'Idempotency-Key: demo-nato-center-kazakhstan' \
  -d '{"name":"NATO center Kazakhstan","query":"NATO center Kazakhstan","email":"analyst@demo.example"}' "$api/api/subscriptions" \
  || { mm_log "could not create the demo subscription"; exit 1; }

mm_log "up in $(( $(date +%s) - started ))s: ${running[*]} and the newsroom; logs in $dir/logs, stop with deploy/local/down.sh"
mm_log "the API key is also written to $key_file"
echo "Dashboard: $api/"
echo "API key: $key"
