#!/usr/bin/python3
"""Turns the rendered dev overlay (kubectl kustomize deploy/k8s/overlays/dev) into what `podman play kube` runs on one
host, for deploy/local/kube-smoke.sh. Reads the rendered YAML on stdin, writes two files:
  <out>/schema-migration.yaml  the schema-migration Job's pod template as a Pod (restartPolicy Never): podman 4.3 has no Jobs
  <out>/services.yaml          the five MediaMonitor Deployments
and prints one line per Deployment on stdout: "<name> <readiness url>", the manifest's own readinessProbe (path and
port) as the host reaches it.

What changes, and why (everything else, including the securityContext with readOnlyRootFilesystem, runAsUser 1654 and
dropped capabilities, the probes, resources and the /tmp emptyDir, is passed through as rendered):
  - images: localhost/mediamonitor/<name>:<tag> with imagePullPolicy Never (images.sh builds them; no registry here);
  - hostNetwork: podman ignores Services, so the names "postgres" and "rabbitmq" would not resolve; PostgreSQL and
    RabbitMQ run on the host (servers.sh, 127.0.0.1) and each service listens on its own host port (base+20..base+24);
    probes name that port instead of "http"/8080 and the containerPort goes (podman refuses mappings with hostNetwork);
  - envFrom configMapRef/secretRef and secretKeyRef are inlined from the rendered ConfigMap and Secrets (the same keys
    and values), then the connection settings are pointed at the host's servers (--env KEY=VALUE, given by the script);
  - the dev overlay's own postgres and rabbitmq Deployments are left out (their upstream images are not reachable here).
"""
import argparse
import base64
import copy
import os
import sys

import yaml

SERVICES = ["crawler", "deduplication", "entity-tagging", "alerting", "api"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--base", type=int, required=True, help="port base: services listen on base+20..base+24")
    parser.add_argument("--tag", default="dev")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE set on every container (after the manifests' own)")
    parser.add_argument("--service-env", action="append", default=[], help="NAME:KEY=VALUE set on one Deployment's container")
    args = parser.parse_args()

    docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
    config = {}
    secrets = {}
    for doc in docs:
        name = doc["metadata"]["name"]
        if doc["kind"] == "ConfigMap":
            config[name] = dict(doc.get("data", {}))
        elif doc["kind"] == "Secret":
            data = {k: base64.b64decode(v).decode() for k, v in doc.get("data", {}).items()}
            data.update(doc.get("stringData", {}))
            secrets[name] = data

    extra = dict(kv.split("=", 1) for kv in args.env)
    per_service = {}
    for item in args.service_env:
        service, kv = item.split(":", 1)
        key, value = kv.split("=", 1)
        per_service.setdefault(service, {})[key] = value

    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    missing = [s for s in SERVICES if s not in deployments]
    if missing:
        sys.exit(f"the rendered overlay lacks the Deployments {missing}")

    os.makedirs(args.out, exist_ok=True)
    services = []
    for index, name in enumerate(SERVICES):
        port = args.base + 20 + index
        deployment = copy.deepcopy(deployments[name])
        deployment["metadata"].pop("namespace", None)
        spec = deployment["spec"]
        spec["replicas"] = 1
        pod = spec["template"]["spec"]
        adapt_pod(pod, args.tag, config, secrets, {**extra, **per_service.get(name, {}), "ASPNETCORE_URLS": f"http://127.0.0.1:{port}"}, port)
        services.append(deployment)
        probe = pod["containers"][0]["readinessProbe"]["httpGet"]
        print(f"{name} http://127.0.0.1:{probe['port']}{probe['path']}")

    job = next(d for d in docs if d["kind"] == "Job")
    template = copy.deepcopy(job["spec"]["template"])
    pod = template["spec"]
    pod["restartPolicy"] = "Never"
    adapt_pod(pod, args.tag, config, secrets, {**extra, **per_service.get("schema-migration", {})}, None)
    migration = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": job["metadata"]["name"], "labels": template["metadata"].get("labels", {})}, "spec": pod}

    with open(os.path.join(args.out, "services.yaml"), "w") as f:
        yaml.safe_dump_all(services, f, sort_keys=False)
    with open(os.path.join(args.out, "schema-migration.yaml"), "w") as f:
        yaml.safe_dump(migration, f, sort_keys=False)


def adapt_pod(pod, tag, config, secrets, overrides, port):
    pod["hostNetwork"] = True
    for container in pod["containers"]:
        image = container["image"].split(":")[0]
        container["image"] = f"localhost/{image}:{tag}"
        container["imagePullPolicy"] = "Never"
        env = {}
        for source in container.pop("envFrom", []):
            if "configMapRef" in source:
                env.update(config[source["configMapRef"]["name"]])
            elif "secretRef" in source:
                env.update(secrets[source["secretRef"]["name"]])
        for item in container.get("env", []):
            ref = item.get("valueFrom", {}).get("secretKeyRef")
            env[item["name"]] = secrets[ref["name"]][ref["key"]] if ref else item.get("value", "")
        env.update(overrides)
        container["env"] = [{"name": k, "value": v} for k, v in env.items()]
        if port is not None:
            # With hostNetwork the app binds the host port itself; podman refuses port mappings there.
            container.pop("ports", None)
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if probe in container and "httpGet" in container[probe]:
                    container[probe]["httpGet"]["port"] = port
                    container[probe]["httpGet"]["host"] = "127.0.0.1"


if __name__ == "__main__":
    main()
