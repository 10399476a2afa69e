#!/usr/bin/env bash
# deploy/local/chaos.sh [articles=5000] [seconds of publishing=420] [webhook 500 seconds=60] [webhook drop seconds=30]
# The five services as separate processes on their own fresh PostgreSQL and RabbitMQ (under .local/chaos-<base>), a
# generated newsroom of BBC articles with syndicated copies on 127.0.0.1 and eight subscriptions alerting to a webhook
# receiver. While the newsroom publishes: every service killed with SIGKILL and started again, RabbitMQ restarted,
# PostgreSQL restarted, the receiver answering 500 and then dropping connections. Then it checks every article's event
# history, every expected alert delivered exactly once, RabbitMQ's error queues, every service's readiness and that every
# async projection and subscription shard (mt_event_progression) reaches the newest event within 120 s (a shard still
# behind is printed as `  projection NAME: N events behind`). Exit 0 only when nothing was lost, doubled or left behind.
# Ends with exactly:
#   chaos: articles=N faults=N lost=N duplicate_alerts=N recovery_max_s=N
#   MM_CHAOS_PORT_BASE (default 28000): PostgreSQL = base, RabbitMQ = base+1..base+5, services base+20..base+24.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
base=${MM_CHAOS_PORT_BASE:-28000}
dir="$root/.local/chaos-$base"
trap 'mm_rabbit_stop "$dir" "$base"; mm_pg_stop "$dir"' EXIT
mm_ensure_packages
mm_rabbit_stop "$dir" "$base"; mm_pg_stop "$dir"; rm -rf "$dir"; mkdir -p "$dir/logs"
mm_pg_start "$dir" "$base" &
pg_job=$!
mm_rabbit_start "$dir" "$base"
wait $pg_job
mm_export_connection_env "$base"
mm_pg_create_db "$base" mediamonitor
mm_log "building the services and the chaos driver"
dotnet build deploy/local/demo.slnf -c Release -nologo -v q -clp:ErrorsOnly >&2
dotnet build tests/Measurements/MediaMonitor.Measurements.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
export MM_CHAOS_DIR="$dir" MM_CHAOS_PORT_BASE="$base"
mm_log "services' logs in $dir/logs"
dotnet tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll run chaos "$@"
