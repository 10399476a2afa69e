#!/usr/bin/env bash
# Rebuilds one read model from the event store while the services keep serving, with a progress bar on a terminal.
#   deploy/local/replay.sh list              the read models and their last rebuild
#   deploy/local/replay.sh rebuild NAME      NAME is one of
#     articles, source-health, alert-summaries, notices   the Api's read models (admin API: POST/GET /api/rebuilds/NAME;
#                                                         articles in Alerting when Alerting holds its shard)
#     alert-activity                                      Alerting's (POST /admin/alert-activity/rebuild on Alerting)
#     dedup-index                                         Deduplication's (POST /admin/dedup/rebuild on Deduplication)
# Where (defaults: the demo started by up.sh):
#   MM_API_URL        the Api (http://127.0.0.1:$MM_API_PORT, 8080 by default)
#   MM_ADMIN_KEY      the operator's key (.local/demo/admin-key.txt)
#   MM_ALERTING_URL   one Alerting replica (http://127.0.0.1:$((MM_DEMO_PORT_BASE + 23)))
#   MM_DEDUP_URL      one Deduplication replica (http://127.0.0.1:$((MM_DEMO_PORT_BASE + 21)))
# On Kubernetes: kubectl port-forward to the Api and to one pod of Alerting or Deduplication, then set the URLs.
# Ends with one line on stdout: "rebuild: name=NAME state=completed|failed events=N secs=S" (events: those read, for
# the Api's read models; articles indexed for dedup-index; 0 where the service reports no count). Exit 0 when completed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
base=${MM_DEMO_PORT_BASE:-25400}
api=${MM_API_URL:-http://127.0.0.1:${MM_API_PORT:-8080}}
alerting=${MM_ALERTING_URL:-http://127.0.0.1:$((base + 23))}
dedup=${MM_DEDUP_URL:-http://127.0.0.1:$((base + 21))}
api_models=(articles source-health alert-summaries notices)

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

admin_key() {
  if [ -n "${MM_ADMIN_KEY:-}" ]; then
    printf '%s' "$MM_ADMIN_KEY"
  elif [ -s "$root/.local/demo/admin-key.txt" ]; then
    cat "$root/.local/demo/admin-key.txt"
  else
    echo "replay: no admin key: set MM_ADMIN_KEY (or start the demo with deploy/local/up.sh)" >&2
    exit 2
  fi
}

# api_call METHOD PATH: sets $answer (the body) and $status (the HTTP status). The key goes through a header file, never argv.
api_call() {
  local headers body key
  key=$(admin_key)
  headers=$(mktemp)
  body=$(mktemp)
  (umask 077; printf 'Authorization: Bearer %s\n' "$key" >"$headers")
  status=$(curl -s -o "$body" -w '%{http_code}' -X "$1" -H @"$headers" "$api$2") || status=000
  answer=$(cat "$body")
  rm -f "$headers" "$body"
}

field() { python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else v)' "$1"; }

# bar DONE TOTAL RATE LEFT: one line redrawn in place on a terminal; nothing when stderr is not one.
bar() {
  [ -t 2 ] || return 0
  python3 - "$@" <<'EOF' >&2
import sys
done, total, rate, left = (float(x or 0) for x in sys.argv[1:5])
width = 40
share = done / total if total > 0 else 0
filled = int(share * width)
tail = f" {left:,.0f} s left" if left > 0 else ""
sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {share:6.1%} {done:,.0f}/{total:,.0f} events {rate:,.0f}/s{tail}   ")
EOF
}

rebuild_in_api() {
  local name=$1 state done total
  api_call POST "/api/rebuilds/$name"
  if [ "$status" = 409 ] && [ "$name" = articles ]; then
    # The Api and Alerting both project articles; the shard is held by one process at a time: rebuild it where it is.
    echo "replay: this Api replica does not hold the article shard; rebuilding in Alerting ($alerting)" >&2
    rebuild_in_service articles "$alerting/admin/articles/rebuild"
    return
  fi
  case $status in
    200|202) ;;
    000) echo "replay: the Api at $api does not answer" >&2; exit 1 ;;
    *) echo "replay: the Api answered $status: $answer" >&2; exit 1 ;;
  esac
  state=running
  while [ "$state" = running ]; do
    sleep 0.5
    api_call GET "/api/rebuilds/$name"
    [ "$status" = 200 ] || { echo "replay: the Api answered $status while following the rebuild: $answer" >&2; exit 1; }
    state=$(field state <<<"$answer")
    done=$(field done <<<"$answer")
    total=$(field total <<<"$answer")
    bar "$done" "$total" "$(field eventsPerSecond <<<"$answer")" "$(field secondsLeft <<<"$answer")"
  done
  [ -t 2 ] && echo >&2
  if [ "$state" != completed ]; then
    echo "replay: the rebuild of $name $state: $(field error <<<"$answer")" >&2
  fi
  events=$done
  final=$state
}

# rebuild_in_service NAME URL: the service rebuilds within the call; a spinner with the seconds spent meanwhile.
rebuild_in_service() {
  local name=$1 url=$2 out pid code
  out=$(mktemp)
  curl -s -o "$out" -w '%{http_code}' -X POST "$url" >"$out.code" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    [ -t 2 ] && printf '\rrebuilding %s ... %ss ' "$name" "$(( $(date +%s) - started ))" >&2
    sleep 0.5
  done
  wait "$pid" || true
  [ -t 2 ] && echo >&2
  code=$(cat "$out.code" 2>/dev/null || echo 000)
  if [ "$code" = 200 ]; then
    final=completed
    events=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a.get("articles", a.get("events", 0)))' "$out" 2>/dev/null || echo 0)
  else
    final=failed
    echo "replay: $url answered ${code:-000}: $(cat "$out" 2>/dev/null)" >&2
  fi
  rm -f "$out" "$out.code"
}

[ $# -ge 1 ] || usage
case $1 in
  list)
    api_call GET /api/rebuilds
    [ "$status" = 200 ] || { echo "replay: the Api answered $status: $answer" >&2; exit 1; }
    python3 -c '
import json, sys
for m in json.load(sys.stdin):
    r = m.get("rebuild") or {}
    last = f"{r.get(\"state\")} {r.get(\"done\")}/{r.get(\"total\")} events" if r else "not rebuilt since the Api started"
    print(f"{m[\"name\"]:<16} {last:<40} {m[\"description\"]}")' <<<"$answer"
    echo "alert-activity   (Alerting)                               alerts per subscription, the limit and spike baselines"
    echo "dedup-index      (Deduplication)                          the fingerprints copies are matched against"
    ;;
  rebuild)
    [ $# -eq 2 ] || usage
    name=$2
    started=$(date +%s)
    events=0
    final=failed
    case $name in
      alert-activity) rebuild_in_service "$name" "$alerting/admin/alert-activity/rebuild" ;;
      dedup-index) rebuild_in_service "$name" "$dedup/admin/dedup/rebuild" ;;
      *)
        if [[ " ${api_models[*]} " != *" $name "* ]]; then
          echo "replay: no read model $name; one of: ${api_models[*]} alert-activity dedup-index" >&2
          exit 2
        fi
        rebuild_in_api "$name" ;;
    esac
    echo "rebuild: name=$name state=$final events=${events:-0} secs=$(( $(date +%s) - started ))"
    [ "$final" = completed ]
    ;;
  *) usage ;;
esac
