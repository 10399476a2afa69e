#!/usr/bin/env bash
# The demo run both container smoke scripts share (kube-smoke.sh, compose-smoke.sh); sourced after servers.sh. The caller
# sets: root, dir (its .local folder), base (port base; PostgreSQL on base), api, newsroom, admin_key. Functions:
#   smoke_wait_ready NAME URL SECONDS   polls URL until it answers 2xx
#   smoke_demo_start                    builds and starts the demo newsroom (three outlets, one story republished three times),
#                                       creates the demo tenant, the subscription "NATO center Kazakhstan" and the three feeds;
#                                       sets newsroom_pid, auth, subscription, items
#   smoke_crash NAME PID URL            waits for the first fetched article, SIGKILLs PID (a crash from outside, not a stop
#                                       the runtime was asked for) and waits for URL to be ready again; sets back_secs
#   smoke_demo_check                    waits for the alert and the tagging; sets copies, alerts, articles, tagged, mail, and
#                                       smoke_ok=1 when there is exactly one alert with copies = 3 and every article is tagged

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
