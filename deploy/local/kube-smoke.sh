#!/usr/bin/env bash
# Runs the Kubernetes dev overlay for real with `podman play kube`, then tears it down:
#   1. renders deploy/k8s/overlays/dev with `kubectl kustomize` and adapts it for one podman host (kube-podman.py says
#      what changes and why: hostNetwork, local images, inlined ConfigMap/Secrets, servers on the host);
#   2. PostgreSQL, RabbitMQ and the SMTP sink on the host (servers.sh), the schema-migration Job's pod first (waits for
#      exit 0), then the five Deployments; waits for each through the manifest's own readinessProbe;
#   3. the demo newsroom (on the host) and, through the Api, the demo tenant, its three feeds and the subscription
#      "NATO center Kazakhstan" (as up.sh makes them);
#   4. kills the entity-tagging pod's process (SIGKILL, a crash) while articles flow, sees it come back (the Deployment's restartPolicy
#      Always) and ready again;
#   5. checks the subscription has exactly one alert with copies = 3 and every discovered article got tagged (nothing lost).
# Images come from deploy/local/images.sh (run first when missing). Everything lives under .local/kube-smoke and is
# started afresh each run.
#   MM_SMOKE_PORT_BASE (default 28400): PostgreSQL = base ... SMTP sink = base+6, services base+20..base+24, newsroom base+30
# Ends with one line: "kube-smoke: pods=N ready_secs=N alert_copies=N alerts=N articles=N tagged=N killed=NAME back_secs=N secs=N".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
source deploy/local/containers.sh
source deploy/local/smoke-demo.sh

smoke_setup kube-smoke 28400
mkdir -p "$dir/kube"

cleanup() {
  local status=$?
  set +e
  if [ "$status" != 0 ]; then
    mm_log "failed; pod logs in $dir/logs"
    for pod in $(podman pod ps --format '{{.Name}}' 2>/dev/null); do
      case $pod in schema-migration|crawler-pod*|deduplication-pod*|entity-tagging-pod*|alerting-pod*|api-pod*)
        podman pod logs "$pod" >"$dir/logs/$pod.log" 2>&1 ;;
      esac
    done
  fi
  [ -f "$dir/kube/services.yaml" ] && podman play kube --down "$dir/kube/services.yaml" >/dev/null 2>&1
  [ -f "$dir/kube/schema-migration.yaml" ] && podman play kube --down "$dir/kube/schema-migration.yaml" >/dev/null 2>&1
  smoke_servers_stop
  exit "$status"
}
trap cleanup EXIT

# 1. Tools, images, the rendered overlay.
mm_containers_ensure "$root"
if ! command -v kubectl >/dev/null 2>&1; then
  if apt-cache show kubectl >/dev/null 2>&1; then mm_apt_install kubectl; else mm_log "kubectl is needed (kubectl kustomize) and the apt mirror has none"; exit 1; fi
fi
smoke_ensure_images dev
kubectl kustomize deploy/k8s/overlays/dev >"$dir/kube/rendered.yaml"
/usr/bin/python3 deploy/local/kube-podman.py --out "$dir/kube" --base "$base" --tag dev "${smoke_env[@]}" \
  <"$dir/kube/rendered.yaml" >"$dir/kube/readiness.txt"
mm_log "rendered $(grep -c '^kind:' "$dir/kube/rendered.yaml") objects; podman runs the Job's pod and $(wc -l <"$dir/kube/readiness.txt") Deployments"

# 2. Servers on the host, the schema migration, the services.
smoke_servers_start

podman play kube "$dir/kube/schema-migration.yaml" >"$dir/logs/play-kube.log" 2>&1 || { tail -5 "$dir/logs/play-kube.log" >&2; exit 1; }
migration=$(podman wait schema-migration-app)
podman logs schema-migration-app >"$dir/logs/schema-migration.log" 2>&1
[ "$migration" = 0 ] || { mm_log "the schema migration exited $migration:"; tail -20 "$dir/logs/schema-migration.log" >&2; exit 1; }
mm_log "schema migrated (the Job's pod exited 0)"

pods_started=$(date +%s)
# stderr: podman cannot schedule its healthcheck timers without systemd and says so once per probe; the script reads the
# probes itself (readiness.txt), so those lines go to the log.
podman play kube "$dir/kube/services.yaml" >>"$dir/logs/play-kube.log" 2>&1 || { tail -5 "$dir/logs/play-kube.log" >&2; exit 1; }
smoke_wait_all_ready "$dir/kube/readiness.txt" "$pods_started"
pods=$(podman pod ps --filter status=running --format '{{.Name}}' | grep -cE '^(crawler|deduplication|entity-tagging|alerting|api)-pod(-[0-9]+)?$' || true)
# podman 4.3 names a Deployment's pod <name>-pod-0 and its container <pod>-<container>.
victim_pod=$(podman pod ps --format '{{.Name}}' | grep -E "^$victim-pod(-[0-9]+)?\$" | head -1)

# 3. The newsroom and the demo tenant.
smoke_demo_start

# 4. Kill one pod while articles flow; it comes back by the Deployment's restartPolicy. A crash: SIGKILL to the container's
# process from outside. `podman pod kill` would not do: podman applies the restart policy only to exits it was not asked
# for, and without a ReplicaSet nothing would recreate a deleted pod.
smoke_crash "$victim_pod" "$(podman inspect --format '{{.State.Pid}}' "$victim_pod-app")" \
  "$(awk -v n="$victim" '$1 == n {print $2}' "$dir/kube/readiness.txt")"
restarts=$(podman inspect --format '{{.RestartCount}}' "$victim_pod-app" 2>/dev/null || echo "?")
mm_log "$victim_pod back and ready after ${back_secs}s (restart count $restarts)"

# 5. One alert with three copies; every article tagged.
smoke_demo_check
echo "kube-smoke: pods=$pods ready_secs=$ready_secs alert_copies=$copies alerts=$alerts articles=$articles tagged=$tagged killed=$victim back_secs=$back_secs secs=$(( $(date +%s) - started ))"
[ "$smoke_ok" = 1 ]
