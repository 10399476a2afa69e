#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ started under .local/test (own ports, never the demo's).
# Usage: deploy/local/test.sh [extra dotnet test arguments]
# A run without arguments (the whole suite, as .ci/run calls it) then runs the short form of deploy/local/chaos.sh
# (300 articles, nine faults; about 4 minutes) on servers of its own; MM_TEST_CHAOS=0 leaves it out. Then the container
# stage (about 5 minutes): images.sh, kube-smoke.sh and compose-smoke.sh; MM_TEST_CONTAINERS=0 leaves it out.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh

base=${MM_TEST_PORT_BASE:-26400}
dir="$root/.local/test-$base"
mkdir -p "$dir"

cleanup() {
  mm_smtp_stop "$dir" || true
  mm_rabbit_stop "$dir" "$base" || true
  mm_pg_stop "$dir" || true
}
trap cleanup EXIT

started=$(date +%s)
mm_ensure_packages
mm_ensure_chromium
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
mm_smtp_start "$dir" "$base"
wait $pg_job
mm_export_connection_env "$base"
mm_pg_create_db "$base" mediamonitor
export MM_TEST_SERVERS=1
export MM_SMTP_MAIL_DIR="$dir/smtp/mail"
export MM_TEST_SCREENSHOTS="$dir/results/screenshots"
rm -rf "$MM_TEST_SCREENSHOTS"
mm_log "servers ready in $(( $(date +%s) - started ))s; building"

dotnet build MediaMonitor.sln -c Release -nologo -v q -clp:ErrorsOnly
mm_log "running tests"
set +e
dotnet test MediaMonitor.sln -c Release --no-build -nologo -v q \
  --logger "console;verbosity=normal" --results-directory "$dir/results" "$@" 2>&1 | tee "$dir/test-output.log" \
  | grep -vE '^\s*(Passed |\[xUnit.net)' 
status=${PIPESTATUS[0]}
set -e
passed=$({ grep -oE '^ +Passed: +[0-9]+' "$dir/test-output.log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE '^ +Failed: +[0-9]+' "$dir/test-output.log" || true; } | awk '{s+=$2} END {print s+0}')
skipped=$({ grep -oE '^ +Skipped: +[0-9]+' "$dir/test-output.log" || true; } | awk '{s+=$2} END {print s+0}')
mm_log "tests finished in $(( $(date +%s) - started ))s (exit $status)"
if [ -s "$MM_TEST_SCREENSHOTS/index.txt" ]; then
  mm_log "dashboard screenshots ($(wc -l <"$MM_TEST_SCREENSHOTS/index.txt")) in $MM_TEST_SCREENSHOTS:"
  sed 's/^/  /' "$MM_TEST_SCREENSHOTS/index.txt" >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
chaos_status=0
if [ "$#" -eq 0 ] && [ "${MM_TEST_CHAOS:-1}" != 0 ]; then
  cleanup
  if [ -d "${MM_SHARED_DATA:-$root/../shared/data}/news-corpus-bbc-greene" ]; then
    mm_log "chaos run, short form (deploy/local/chaos.sh 300 90 15 10)"
    set +e
    MM_CHAOS_PORT_BASE=$((base + 40)) deploy/local/chaos.sh 300 90 15 10 >"$dir/chaos.log" 2>&1
    chaos_status=$?
    set -e
    grep -vE '^\[[0-9:]+\] (fault|tagged|published)' "$dir/chaos.log" | tail -25
    mm_log "chaos run finished in $(( $(date +%s) - started ))s since the start (exit $chaos_status); its log: $dir/chaos.log"
  else
    mm_log "chaos run skipped: ../shared/data is absent beside the checkout (the run publishes the BBC corpus from it)"
  fi
fi
containers_status=0
if [ "$#" -eq 0 ] && [ "${MM_TEST_CONTAINERS:-1}" != 0 ]; then
  # The images built here and the stack run from its own manifests (dev overlay with podman play kube) and from
  # docker-compose.yml (podman-compose), each with the demo alert and a crashed service.
  [ "${MM_TEST_CHAOS:-1}" != 0 ] || cleanup
  containers_started=$(date +%s)
  mm_log "container stage: images.sh, kube-smoke.sh, compose-smoke.sh"
  set +e
  for step in "images.sh" "kube-smoke.sh $((base + 200))" "compose-smoke.sh $((base + 240))"; do
    read -r script port <<<"$step"
    MM_SMOKE_PORT_BASE=${port:-} deploy/local/$script >"$dir/${script%.sh}.log" 2>&1
    step_status=$?
    grep -E "^ *[a-z-]+ +[0-9]+ MB|^(images|kube-smoke|compose-smoke):" "$dir/${script%.sh}.log"
    if [ "$step_status" -ne 0 ]; then
      containers_status=$step_status
      tail -30 "$dir/${script%.sh}.log"
      break
    fi
  done
  set -e
  mm_log "container stage finished in $(( $(date +%s) - containers_started ))s (exit $containers_status); logs in $dir"
fi
[ "$status" -ne 0 ] && exit "$status"
[ "$chaos_status" -ne 0 ] && exit "$chaos_status"
exit "$containers_status"
