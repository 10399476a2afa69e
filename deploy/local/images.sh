#!/usr/bin/env bash
# Builds the six OCI images (the five services and the schema migrator) from deploy/docker/*.Dockerfile with podman,
# offline: no Docker engine, no registry.
#   1. installs podman, buildah, runc and podman-compose from the OS packages when missing and writes
#      .local/containers/containers.conf (passed as CONTAINERS_CONF; see containers.sh for why);
#   2. makes the local runtime base image from this machine's .NET runtime (containers.sh, once per runtime version);
#   3. publishes every project on the host (one build, then dotnet publish --no-build: the same output the Dockerfiles'
#      SDK stage makes) into .local/images/context/<image>/app;
#   4. builds each Dockerfile with APP_SOURCE=prebuilt and RUNTIME_IMAGE=<the local base>, labelled with the git revision,
#      tagged localhost/mediamonitor/<image>:dev (the dev overlay's tag) and :local (docker-compose.yml's).
# Prints each image's size and ends with one line: "images: built=N total_mb=N secs=N".
# Usage: deploy/local/images.sh [image ...]   (default: all six; names as in deploy/docker, e.g. crawler api)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source deploy/local/servers.sh
source deploy/local/containers.sh

# Image name = deploy/docker/<name>.Dockerfile; the project it publishes.
declare -A project=(
  [crawler]=services/Crawler/MediaMonitor.Crawler.csproj
  [deduplication]=services/Deduplication/MediaMonitor.Deduplication.csproj
  [entity-tagging]=services/EntityTagging/MediaMonitor.EntityTagging.csproj
  [alerting]=services/Alerting/MediaMonitor.Alerting.csproj
  [api]=services/Api/MediaMonitor.Api.csproj
  [schema-migrator]=tools/SchemaMigrator/MediaMonitor.SchemaMigrator.csproj
)
all=(crawler deduplication entity-tagging alerting api schema-migrator)
images=("$@")
[ ${#images[@]} -gt 0 ] || images=("${all[@]}")
for image in "${images[@]}"; do
  [ -n "${project[$image]:-}" ] || { mm_log "unknown image $image (one of: ${all[*]})"; exit 2; }
done

started=$(date +%s)
mm_containers_ensure "$root"
base=$(mm_runtime_base_image "$root")
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$revision" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  revision="$revision-dirty"
fi
mm_log "base $base, revision $revision"

# The schema migrator references all five services: one build of it builds everything the six images publish.
mm_log "building on the host"
mkdir -p "$root/.local/images"
if ! dotnet build tools/SchemaMigrator/MediaMonitor.SchemaMigrator.csproj -c Release -nologo -v q -clp:ErrorsOnly >"$root/.local/images/build.log" 2>&1; then
  cat "$root/.local/images/build.log" >&2; exit 1
fi
built=0
total_bytes=0
for image in "${images[@]}"; do
  context="$root/.local/images/context/$image"
  rm -rf "$context"
  mkdir -p "$context"
  dotnet publish "${project[$image]}" -c Release --no-build -nologo -v q -clp:ErrorsOnly -o "$context/app" /p:UseAppHost=false >/dev/null
  podman build -q --format docker -f "deploy/docker/$image.Dockerfile" \
    --build-arg APP_SOURCE=prebuilt --build-arg SDK_IMAGE="$base" --build-arg RUNTIME_IMAGE="$base" \
    --build-arg GIT_REVISION="$revision" \
    -t "localhost/mediamonitor/$image:dev" -t "localhost/mediamonitor/$image:local" "$context" >/dev/null
  size=$(podman image inspect --format '{{.Size}}' "localhost/mediamonitor/$image:dev")
  label=$(podman image inspect --format '{{index .Labels "org.opencontainers.image.revision"}}' "localhost/mediamonitor/$image:dev")
  user=$(podman image inspect --format '{{.Config.User}}' "localhost/mediamonitor/$image:dev")
  printf '%-16s %6s MB  user %s  revision %s\n' "$image" "$((size / 1000000))" "$user" "$label"
  built=$((built + 1))
  total_bytes=$((total_bytes + size))
done
base_size=$(podman image inspect --format '{{.Size}}' "$base")
mm_log "every image shares the $((base_size / 1000000)) MB base layer ($base); sizes above include it"
echo "images: built=$built total_mb=$((total_bytes / 1000000)) secs=$(( $(date +%s) - started ))"
