#!/usr/bin/env bash
# deploy/local/bench.sh KIND [args]: runs one benchmark and ends with its one summary line.
# Kinds that need the real servers (relay, dedup, history, alert-latency, pipeline, idle, backfill) get their own PostgreSQL and RabbitMQ (alert-latency also the
# SMTP sink) under .local/bench-<MM_BENCH_PORT_BASE>, stopped afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build tests/Measurements/MediaMonitor.Measurements.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
run() { dotnet tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll bench "$@"; }
# bench_servers FRESH SERVER...: starts this run's own servers (pg, rabbit, smtp) on 127.0.0.1 from MM_BENCH_PORT_BASE
# (default 27800) under .local/bench-<base>, stops them on exit and exports their connection settings. FRESH: keep (reuse
# the data folders), postgres (an empty database), all (empty everything; the logs folder made).
bench_servers() {
  local fresh=$1 server; shift
  source deploy/local/servers.sh
  base=${MM_BENCH_PORT_BASE:-27800}
  dir="$root/.local/bench-$base"
  bench_stop_list="$*"
  trap 'for s in $bench_stop_list; do case $s in pg) mm_pg_stop "$dir" ;; rabbit) mm_rabbit_stop "$dir" "$base" ;; smtp) mm_smtp_stop "$dir" ;; esac; done' EXIT
  mm_ensure_packages
  case $fresh in
    postgres) mm_pg_stop "$dir"; rm -rf "$dir/postgres" ;;
    all) mm_rabbit_stop "$dir" "$base"; mm_pg_stop "$dir"; rm -rf "$dir"; mkdir -p "$dir/logs" ;;
  esac
  for server in "$@"; do
    case $server in pg) mm_pg_start "$dir" "$base" ;; rabbit) mm_rabbit_start "$dir" "$base" ;; smtp) mm_smtp_start "$dir" "$base" ;; esac
  done
  mm_export_connection_env "$base"
}
case "${1:-}" in
  relay)
    bench_servers keep pg rabbit
    run "$@"
    ;;
  dedup)
    # The in-memory comparison and the service's path on its own PostgreSQL and RabbitMQ (the Deduplication host starts
    # its bus); this process pinned to one core, the servers not.
    bench_servers postgres pg rabbit
    export DOTNET_TC_CallCountingDelayMs=0
    taskset -c 0 dotnet tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll bench "$@"
    ;;
  history)
    # Its own PostgreSQL (fresh data folder each run) under .local/bench-<base>; RabbitMQ is not needed.
    bench_servers postgres pg
    mm_pg_create_db "$base" mediamonitor
    run "$@"
    ;;
  pipeline|idle|backfill)
    # The whole system: the five services as separate processes on their own fresh PostgreSQL and RabbitMQ, a newsroom of
    # N outlets on their own loopback addresses, generated subscriptions (tests/Measurements/Pipeline); backfill starts
    # the Api and Alerting only.
    bench_servers all pg rabbit
    mm_pg_create_db "$base" mediamonitor
    dotnet build deploy/local/demo.slnf -c Release -nologo -v q -clp:ErrorsOnly >&2
    export MM_PIPELINE_DIR="$dir" MM_PIPELINE_PORT_BASE="$base"
    run "$@"
    ;;
  alert-latency)
    # The five services in this process (as tests/EndToEnd.Tests runs them) on their own servers, SMTP sink included.
    bench_servers keep pg rabbit smtp
    export MM_SMTP_MAIL_DIR="$dir/smtp/mail"
    run "$@"
    ;;
  *)
    # One core, as the issues ask for single-core figures. On one core the runtime waits ten times longer before it
    # starts counting calls for tier-up, and every newly compiled method restarts that wait, so a benchmark could time
    # code still at its first, unoptimized tier: count from the start, so both sides of a comparison reach their
    # optimized, profile-guided code during warm-up.
    export DOTNET_TC_CallCountingDelayMs=0
    exec taskset -c 0 dotnet tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll bench "$@"
    ;;
esac
