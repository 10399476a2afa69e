#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ started under .local/test (own ports, never the demo's).
# Usage: deploy/local/test.sh [extra dotnet test arguments]
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
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
mm_smtp_start "$dir" "$base"
wait $pg_job
mm_export_connection_env "$base"
mm_pg_create_db "$base" mediamonitor
export MM_TEST_SERVERS=1
export MM_SMTP_MAIL_DIR="$dir/smtp/mail"
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
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
