#!/usr/bin/env bash
# The demo run both container smoke scripts share (kube-smoke.sh, compose-smoke.sh); sourced after servers.sh. The caller
# sets root; smoke_setup sets the rest. Functions:
#   smoke_setup NAME DEFAULT_BASE       sets base (MM_SMOKE_PORT_BASE or DEFAULT_BASE; PostgreSQL on base), dir
#                                       (.local/NAME, emptied: every run starts from empty servers), started, victim, api,
#                                       newsroom, admin_key, smoke_env (the adapter's --env/--service-env arguments: servers
#                                       on the host, loopback allowed, a 5 s poll interval, the admin key)
#   smoke_ensure_images TAG             runs images.sh when any service image is missing under TAG
#   smoke_servers_start / _stop         PostgreSQL, RabbitMQ and the SMTP sink on the host, under dir (servers.sh)
#   smoke_wait_all_ready FILE SINCE     waits for every "name url" line of FILE; sets ready_secs (from SINCE, epoch seconds)
#   smoke_wait_ready NAME URL SECONDS   polls URL until it answers 2xx
#   smoke_demo_start                    builds and starts the demo newsroom (three outlets, one story republished three times),
#                                       creates the demo tenant, the subscription "NATO center Kazakhstan" and the three feeds;
#                                       sets newsroom_pid, auth, subscription, items
#   smoke_crash NAME PID URL            waits for the first fetched article, SIGKILLs PID (a crash from outside, not a stop
#                                       the runtime was asked for) and waits for URL to be ready again; sets back_secs
#   smoke_demo_check                    waits for the alert and the tagging; sets copies, alerts, articles, tagged, mail, and
#                                       smoke_ok=1 when there is exactly one alert with copies = 3 and every article is tagged

smoke_setup() {
  base=${MM_SMOKE_PORT_BASE:-$2}
  dir="$root/.local/$1"
  started=$(date +%s)
  victim=entity-tagging
  api="http://127.0.0.1:$((base + 24))"
  newsroom="http://127.0.0.1:$((base + 30))"
  admin_key=smoke-admin-key-$base
  newsroom_pid=""
  # Every run starts from empty servers (a previous run's tenant, events and queues would change what is checked).
  rm -rf "$dir"
  mkdir -p "$dir/logs"
  local pg="Host=127.0.0.1;Port=$base;Database=mediamonitor;Username=postgres;Password=postgres;Maximum Pool Size=50"
  smoke_env=(--env "ConnectionStrings__Postgres=$pg" --env RabbitMq__Host=127.0.0.1 --env "RabbitMq__Port=$((base + 1))"
    --env RabbitMq__Username=guest --env RabbitMq__Password=guest --env "RabbitMq__ManagementPort=$((base + 2))"
    --service-env "api:Api__AdminKey=$admin_key"
    --service-env "alerting:Alerting__Smtp__Host=127.0.0.1" --service-env "alerting:Alerting__Smtp__Port=$((base + 6))"
    --service-env "alerting:Alerting__Smtp__Security=None" --service-env "alerting:Alerting__AllowedNetworks__0=127.0.0.1/32"
    --service-env "crawler:Crawler__AllowedNetworks__0=127.0.0.1/32" --service-env "crawler:Crawler__PollIntervalSeconds=5"
    --service-env "api:Api__AllowedWebhookNetworks__0=127.0.0.1/32")
}

smoke_ensure_images() {
  local image
  for image in crawler deduplication entity-tagging alerting api schema-migrator; do
    if ! podman image exists "localhost/mediamonitor/$image:$1"; then
      mm_log "image $image missing: running images.sh"
      "$root/deploy/local/images.sh" >&2
      return
    fi
  done
}

smoke_servers_start() {
  mm_ensure_packages
  mm_pg_start "$dir" "$base" &
  local pg_job=$!
  mm_rabbit_start "$dir" "$base"
  mm_smtp_start "$dir" "$base"
  wait $pg_job
  mm_pg_create_db "$base" mediamonitor
}

smoke_servers_stop() {
  [ -n "$newsroom_pid" ] && kill "$newsroom_pid" 2>/dev/null
  mm_smtp_stop "$dir"
  mm_rabbit_stop "$dir" "$base"
  mm_pg_stop "$dir"
}

smoke_wait_all_ready() {
  local name url
  while read -r name url; do
    smoke_wait_ready "$name" "$url" 240 || return 1
    mm_log "$name ready ($url)"
  done <"$1"
  ready_secs=$(( $(date +%s) - $2 ))
}

smoke_psql() { PGPASSWORD=postgres psql -h 127.0.0.1 -p "$base" -U postgres -d mediamonitor -tAc "$1"; }
smoke_count_type() { smoke_psql "select count(distinct stream_id) from mt_events where type = '$1'"; }

smoke_wait_ready() {
  local name=$1 url=$2 timeout=$3 i
  for i in $(seq 1 $((timeout * 2))); do
    curl -sf -o /dev/null --max-time 3 "$url" && return 0
    sleep 0.5
  done
  mm_log "$name not ready at $url after ${timeout}s"; return 1
}

smoke_demo_start() {
  dotnet build "$root/deploy/DemoNewsroom/MediaMonitor.DemoNewsroom.csproj" -c Release -nologo -v q -clp:ErrorsOnly >"$dir/logs/newsroom-build.log" 2>&1 \
    || { cat "$dir/logs/newsroom-build.log" >&2; return 1; }
  (cd "$root/deploy/DemoNewsroom/bin/Release/net10.0" && exec dotnet MediaMonitor.DemoNewsroom.dll --urls "$newsroom" \
    --published-at "$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)" >"$dir/logs/newsroom.log" 2>&1 </dev/null) &
  newsroom_pid=$!
  smoke_wait_ready newsroom "$newsroom/robots.txt" 60 || return 1
  items=0
  local outlet key
  for outlet in steppe-herald capital-courier eurasia-wire; do
    items=$((items + $(curl -sf "$newsroom/$outlet/rss.xml" | grep -o '<item>' | wc -l)))
  done
  key=$(curl -sf -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"Demo newsroom watch","tenantId":"demo"}' "$api/api/tenants" | smoke_json_field apiKey)
  [ -n "$key" ] || { mm_log "could not create the demo tenant"; return 1; }
  auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
  subscription=$(curl -sf "${auth[@]}" -d '{"name":"NATO center Kazakhstan","query":"NATO center Kazakhstan","email":"analyst@demo.example"}' \
    "$api/api/subscriptions" | smoke_json_field id)
  [ -n "$subscription" ] || { mm_log "could not create the demo subscription"; return 1; }
  for outlet in steppe-herald capital-courier eurasia-wire; do
    curl -sf -o /dev/null "${auth[@]}" -d "{\"url\":\"$newsroom/$outlet/rss.xml\"}" "$api/api/sources"
  done
  mm_log "demo tenant, subscription $subscription and 3 feeds ($items items) created"
}

smoke_json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

smoke_crash() {
  local name=$1 pid=$2 url=$3 i killed_at
  for i in $(seq 1 240); do [ "$(smoke_count_type article_fetched)" -ge 1 ] && break; sleep 0.5; done
  killed_at=$(date +%s)
  kill -9 "$pid"
  mm_log "killed $name (SIGKILL to its process $pid) with $(smoke_count_type article_fetched) articles fetched, $(smoke_count_type entities_tagged) tagged"
  sleep 2
  smoke_wait_ready "$name" "$url" 120 || { mm_log "$name did not come back by itself"; return 1; }
  back_secs=$(( $(date +%s) - killed_at ))
}

smoke_demo_check() {
  local alerts_json="" i
  for i in $(seq 1 360); do
    alerts_json=$(curl -sf "${auth[@]}" "$api/api/subscriptions/$subscription/alerts" || true)
    echo "$alerts_json" | grep -q '"copies":3' && break
    sleep 0.5
  done
  copies=$(echo "$alerts_json" | grep -o '"copies":[0-9]*' | head -1 | cut -d: -f2)
  copies=${copies:-0}
  for i in $(seq 1 240); do
    tagged=$(smoke_count_type entities_tagged)
    [ "$tagged" -ge "$items" ] && break
    sleep 0.5
  done
  sleep 3 # a second alert, if one were coming, would be here by now
  alerts=$(curl -sf "${auth[@]}" "$api/api/subscriptions/$subscription/alerts" | grep -o '"copies":' | wc -l)
  articles=$(smoke_count_type article_discovered)
  tagged=$(smoke_count_type entities_tagged)
  mail=$(ls "$dir/smtp/mail" 2>/dev/null | wc -l)
  mm_log "alerts $alerts (copies $copies), e-mails $mail, articles discovered $articles, tagged $tagged of $items items"
  smoke_ok=0
  if [ "$copies" = 3 ] && [ "$alerts" = 1 ] && [ "$tagged" -ge "$items" ] && [ "$articles" = "$tagged" ]; then smoke_ok=1; fi
}
