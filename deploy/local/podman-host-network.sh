#!/usr/bin/env bash
# podman, for podman-compose 1.0.3 (--podman-path): that version adds "--net <project>_default --network-alias <service>"
# to every `podman run` even when the service sets network_mode: host, and podman refuses the pair ("cannot set multiple
# networks without bridge network mode"). Later podman-compose versions leave them out for network_mode; this drops them
# when --network host is given and passes everything else to podman unchanged.
args=()
host=0
for a in "$@"; do [ "$a" = host ] && [ "${prev:-}" = --network ] && host=1; prev=$a; done
if [ "$host" = 1 ]; then
  skip=0
  for a in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case $a in --net|--network-alias) skip=1; continue ;; esac
    args+=("$a")
  done
  exec podman "${args[@]}"
fi
exec podman "$@"
