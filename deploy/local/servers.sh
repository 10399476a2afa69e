#!/usr/bin/env bash
# Real PostgreSQL and RabbitMQ on 127.0.0.1 under a project-local folder, without systemd or Docker.
# Sourced by up.sh, down.sh and test.sh. Every function takes the instance folder (e.g. .local/demo) and a port base:
#   Port bases stay below 32768, outside Linux's ephemeral range, so an outgoing connection never holds one.
#   PostgreSQL = base, AMQP = base+1, management = base+2, prometheus plugin = base+3, Erlang dist = base+4, epmd = base+5,
#   SMTP sink (postfix's smtp-sink, writes every message it receives to a file under <folder>/smtp/mail) = base+6.
set -euo pipefail

mm_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mm_apt_updated=0
mm_apt_install() {
  if [ "$mm_apt_updated" = 0 ]; then
    mm_log "apt-get update"
    apt-get update -qq >/dev/null
    mm_apt_updated=1
  fi
  mm_log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >/dev/null
}

mm_pg_bin() {
  local d
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

# Installs what is missing: RabbitMQ, PostgreSQL, Prometheus and postgres_exporter (tests check deploy/prometheus and the dashboards),
# postfix (for its smtp-sink, the SMTP server e-mail delivery is tested against), and the .NET SDK check.
mm_ensure_packages() {
  local need=()
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
  mm_pg_bin >/dev/null 2>&1 || need+=(postgresql)
  command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  command -v promtool >/dev/null 2>&1 || need+=(prometheus)
  [ -x /usr/bin/prometheus-postgres-exporter ] || need+=(prometheus-postgres-exporter)
  [ -x /usr/sbin/smtp-sink ] || need+=(postfix)
  if [ ${#need[@]} -gt 0 ]; then
    mm_apt_install "${need[@]}"
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    mm_log "the .NET 10 SDK is required (dotnet on PATH)"; return 1
  fi
}

# Chromium for the dashboard's browser tests (tests/Dashboard.Tests), installed like the servers; not fatal: without it
# those tests skip and say why.
mm_ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  mm_apt_install chromium || mm_log "chromium could not be installed: the dashboard's browser tests will skip"
}

mm_pg_start() {
  local dir=$1 port=$2 bin data
  bin=$(mm_pg_bin)
  data="$dir/postgres/data"
  mkdir -p "$dir/postgres/sock"
  chown -R postgres:postgres "$dir/postgres" 2>/dev/null || true
  chmod 755 "$dir" "$dir/postgres" 2>/dev/null || true
  if [ ! -f "$data/PG_VERSION" ]; then
    mm_log "initialising PostgreSQL in $data"
    local pw="$dir/postgres/pwfile"
    echo "postgres" >"$pw"; chown postgres "$pw"
    runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --pwfile="$pw" -A scram-sha-256 --auth-local=trust \
      -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/postgres/initdb.log" 2>&1
  fi
  if runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    mm_log "PostgreSQL already running on 127.0.0.1:$port"
    return 0
  fi
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$dir/postgres/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/postgres/sock -c max_connections=${MM_PG_MAX_CONNECTIONS:-1000} -c fsync=${MM_PG_FSYNC:-on} -c synchronous_commit=${MM_PG_SYNC_COMMIT:-on}" \
    start >/dev/null
  mm_log "PostgreSQL up on 127.0.0.1:$port"
}

mm_pg_stop() {
  local dir=$1 bin
  bin=$(mm_pg_bin) || return 0
  [ -f "$dir/postgres/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/postgres/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  mm_log "PostgreSQL stopped"
}

mm_rabbit_env() {
  local dir=$1 base=$2
  local r="$dir/rabbitmq"
  export HOME="$r/home"
  export RABBITMQ_NODENAME="rabbit$base@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$((base + 1))
  export RABBITMQ_DIST_PORT=$((base + 4))
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT=$((base + 5))
  export RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$r/mnesia"
  export RABBITMQ_LOG_BASE="$r/log"
  export RABBITMQ_PID_FILE="$r/rabbit.pid"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

mm_rabbit_start() {
  local dir=$1 base=$2
  local r="$dir/rabbitmq"
  mkdir -p "$r/home" "$r/mnesia" "$r/log"
  cat >"$r/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$((base + 1))
management.tcp.ip = 127.0.0.1
management.tcp.port = $((base + 2))
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $((base + 3))
log.console = false
log.file.level = warning
loopback_users = none
CONF
  echo '[rabbitmq_management,rabbitmq_prometheus].' >"$r/enabled_plugins"
  (
    mm_rabbit_env "$dir" "$base"
    if /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1; then
      mm_log "RabbitMQ already running on 127.0.0.1:$((base + 1))"
      exit 0
    fi
    nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$r/log/stdout.log" 2>&1 &
    echo $! >"$r/launcher.pid"
    /usr/lib/rabbitmq/bin/rabbitmqctl -q wait "$RABBITMQ_PID_FILE" --timeout 90 >/dev/null
    mm_log "RabbitMQ up on 127.0.0.1:$((base + 1)) (management $((base + 2)), prometheus $((base + 3)))"
  )
}

mm_rabbit_stop() {
  local dir=$1 base=$2
  local r="$dir/rabbitmq"
  [ -d "$r" ] || return 0
  (
    mm_rabbit_env "$dir" "$base"
    /usr/lib/rabbitmq/bin/rabbitmqctl -q shutdown >/dev/null 2>&1 || true
    for f in "$r/rabbit.pid" "$r/launcher.pid"; do
      if [ -f "$f" ]; then kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; fi
    done
    # epmd outlives the broker; end the one on our own port only.
    pkill -f "epmd.*-port $((base + 5))" 2>/dev/null || true
    for p in $(pgrep -x epmd 2>/dev/null); do
      if tr '\0' ' ' <"/proc/$p/environ" 2>/dev/null | grep -q "ERL_EPMD_PORT=$((base + 5))"; then kill "$p" 2>/dev/null || true; fi
    done
  )
  mm_log "RabbitMQ stopped"
}

# postfix's smtp-sink on 127.0.0.1:base+6: accepts every message and writes each to its own file in $dir/smtp/mail
# (smtp-sink's X-Client/X-Rcpt-Args lines, then the message as received). No postfix daemon runs.
mm_smtp_start() {
  local dir=$1 base=$2 port=$(($2 + 6)) i
  local s="$dir/smtp"
  mkdir -p "$s/mail"
  if [ -f "$s/smtp-sink.pid" ] && kill -0 "$(cat "$s/smtp-sink.pid")" 2>/dev/null; then
    mm_log "SMTP sink already running on 127.0.0.1:$port"
    return 0
  fi
  nohup /usr/sbin/smtp-sink -u root -d "$s/mail/%Y%m%d%H%M%S." "127.0.0.1:$port" 100 >"$s/smtp-sink.log" 2>&1 </dev/null &
  echo $! >"$s/smtp-sink.pid"
  for i in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      mm_log "SMTP sink up on 127.0.0.1:$port (messages in $s/mail)"
      return 0
    fi
    sleep 0.1
  done
  mm_log "SMTP sink did not start on 127.0.0.1:$port; see $s/smtp-sink.log"
  return 1
}

mm_smtp_stop() {
  local dir=$1
  local f="$dir/smtp/smtp-sink.pid"
  [ -f "$f" ] || return 0
  kill "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
  mm_log "SMTP sink stopped"
}

# Environment the services and tests bind (the same keys as the Kubernetes ConfigMap).
mm_export_connection_env() {
  local base=$1
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$base;Database=mediamonitor;Username=postgres;Password=postgres;Maximum Pool Size=50"
  export RabbitMq__Host=127.0.0.1
  export RabbitMq__Port=$((base + 1))
  export RabbitMq__Username=guest
  export RabbitMq__Password=guest
  export RabbitMq__ManagementPort=$((base + 2))
  export Alerting__Smtp__Host=127.0.0.1
  export Alerting__Smtp__Port=$((base + 6))
  export Alerting__Smtp__Security=None
  export MM_POSTGRES_ADMIN="Host=127.0.0.1;Port=$base;Database=postgres;Username=postgres;Password=postgres"
}

mm_pg_create_db() {
  local base=$1 db=$2
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$base" -U postgres -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
    || PGPASSWORD=postgres psql -h 127.0.0.1 -p "$base" -U postgres -d postgres -qc "create database $db" >/dev/null
}
