#!/usr/bin/python3
"""Turns deploy/docker-compose.yml into what podman-compose runs on one host here, for deploy/local/compose-smoke.sh.
Reads the compose file (anchors and merge keys resolved), writes <out>/compose.yaml and prints one line per service on
stdout: "<name> <readiness url>".

What changes, and why (everything else, the services' environment keys and values, read_only, tmpfs, restart and
stop_grace_period, is passed through as written):
  - the schema migrator and the five services only: the file's postgres, rabbitmq, postgres-exporter, prometheus and
    grafana use upstream images this machine cannot pull; PostgreSQL and RabbitMQ run on the host (servers.sh);
  - images: localhost/mediamonitor/<name>:local, built by images.sh (no build section: images.sh builds them);
  - network_mode host: each service listens on its own host port (base+20..base+24) and reaches the host's servers on
    127.0.0.1; published ports go (podman refuses them with the host network);
  - depends_on goes: podman-compose 1.0.3 does not wait for conditions, so the script runs the migrator to its exit first;
  - the connection settings are pointed at the host's servers (--env KEY=VALUE, given by the script).
"""
import argparse
import sys

import yaml

SERVICES = ["crawler", "deduplication", "entity-tagging", "alerting", "api"]
MIGRATOR = "schema-migrator"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--compose", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--base", type=int, required=True, help="port base: services listen on base+20..base+24")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE set on every container (after the file's own)")
    parser.add_argument("--service-env", action="append", default=[], help="NAME:KEY=VALUE set on one service")
    args = parser.parse_args()

    with open(args.compose) as f:
        compose = yaml.safe_load(f)
    extra = dict(kv.split("=", 1) for kv in args.env)
    per_service = {}
    for item in args.service_env:
        service, kv = item.split(":", 1)
        key, value = kv.split("=", 1)
        per_service.setdefault(service, {})[key] = value

    declared = compose.get("services", {})
    missing = [s for s in SERVICES + [MIGRATOR] if s not in declared]
    if missing:
        sys.exit(f"docker-compose.yml lacks the services {missing}")

    services = {}
    for index, name in enumerate([MIGRATOR] + SERVICES):
        service = dict(declared[name])
        image = service["image"].split(":")[0]
        service["image"] = f"localhost/{image}:local"
        for key in ("build", "ports", "depends_on", "networks"):
            service.pop(key, None)
        service["network_mode"] = "host"
        env = {k: str(v) for k, v in (service.get("environment") or {}).items()}
        env.update(extra)
        env.update(per_service.get(name, {}))
        if name != MIGRATOR:
            port = args.base + 20 + SERVICES.index(name)
            env["ASPNETCORE_URLS"] = f"http://127.0.0.1:{port}"
            print(f"{name} http://127.0.0.1:{port}/health/ready")
        service["environment"] = env
        services[name] = service

    with open(f"{args.out}/compose.yaml", "w") as f:
        yaml.safe_dump({"services": services}, f, sort_keys=False)


if __name__ == "__main__":
    main()
