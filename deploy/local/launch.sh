#!/usr/bin/env bash
# How deploy/local/up.sh starts the demo's processes; sourced by up.sh (and by the test that checks which process gets
# which secret: tests/Operations.Tests/Configuration/DemoLauncherTests.cs). The caller sets:
#   dir        the demo's state folder (logs/, pids/, app/ beneath it)
#   port       an associative array: service name -> port
#   admin_key  the operator's key, handed to the Api process only
#   secrets_key the key delivery secrets are sealed with (Secrets__Key), handed to the Api and Alerting only
set -euo pipefail

# Stops the process in a PID file (TERM, then KILL after 20 s); used before a (re)start.
stop_pid() {
  local file=$1 pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# The settings every demo service shares (exported into up.sh's environment, so all five inherit them). No secret here:
# a secret goes to the one process that needs it through start_service.
demo_shared_environment() {
  export EventStore__PollingMilliseconds=${EventStore__PollingMilliseconds:-20}
  export Crawler__AllowedNetworks__0=127.0.0.1/32
  # The demo's webhook receivers listen on 127.0.0.1: let the SSRF guard of the Api and of Alerting's delivery through to it.
  export Alerting__AllowedNetworks__0=127.0.0.1/32
  export Api__AllowedWebhookNetworks__0=127.0.0.1/32
  export Crawler__PollIntervalSeconds=5
  export ASPNETCORE_ENVIRONMENT=Production
}

# start_app NAME PROJECT_DIR DLL [VAR=value ...] [-- ARGS ...]: runs `dotnet DLL ARGS` from its own copy of the build (so a
# later build cannot change files under a running process) with the given variables added to its environment only.
start_app() {
  local name=$1 project_dir=$2 dll=$3 envs=()
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  local out="$project_dir/bin/Release/net10.0"
  stop_pid "$dir/pids/$name.pid"
  if [ ! -f "$out/$dll" ]; then mm_log "$name did not build; not started"; return 1; fi
  rm -rf "$dir/app/$name" && cp -a "$out" "$dir/app/$name"
  # export (a shell builtin) rather than env VAR=value: the values never appear on a command line (ps, /proc/<pid>/cmdline).
  (cd "$dir/app/$name" && { [ ${#envs[@]} -eq 0 ] || export "${envs[@]}"; } \
    && exec nohup dotnet "$dll" "$@" >"$dir/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$dir/pids/$name.pid"
}

# start_service NAME: one of the five services, on its port; only the Api receives the admin key, only the Api and
# Alerting the key that seals webhook secrets and Slack URLs.
start_service() {
  local svc=$1 lower envs=()
  lower=$(echo "$svc" | tr '[:upper:]' '[:lower:]')
  envs=(OTEL_SERVICE_NAME="mediamonitor-$lower" ASPNETCORE_URLS="http://127.0.0.1:${port[$svc]}")
  [ "$svc" = Api ] && envs+=(Api__AdminKey="$admin_key")
  # The operations page (admin key) reads queue depths and dead letters from the broker's management plugin (base+2).
  [ "$svc" = Api ] && [ -n "${RabbitMq__ManagementPort:-}" ] && envs+=(RabbitMq__ManagementUrl="http://127.0.0.1:${RabbitMq__ManagementPort}/")
  case $svc in Api | Alerting) envs+=(Secrets__Key="$secrets_key") ;; esac
  start_app "$svc" "services/$svc" "MediaMonitor.$svc.dll" "${envs[@]}"
}
