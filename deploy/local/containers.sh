#!/usr/bin/env bash
# Podman without Docker on these machines: installs podman, buildah, runc, podman-compose and catatonit from the OS packages when
# missing and points them at a project-local containers.conf. Sourced (after servers.sh) by images.sh and kube-smoke.sh.
# Two podman defaults fail here (see docs/OPERATIONS.md, "Images and the podman smoke runs"): crun cannot raise
# RLIMIT_NOFILE without CAP_SYS_RESOURCE, and crun does not support the hybrid cgroup layout. The containers.conf below
# sets limits under the host's hard ones and runs runc instead.

mm_containers_ensure() {
  local root=$1 need=()
  command -v podman >/dev/null 2>&1 || need+=(podman)
  command -v buildah >/dev/null 2>&1 || need+=(buildah)
  command -v runc >/dev/null 2>&1 || need+=(runc)
  command -v podman-compose >/dev/null 2>&1 || need+=(podman-compose)
  # Pods need an infra ("pause") container; podman 4.3 builds its image locally from catatonit.
  [ -x /usr/bin/catatonit ] || [ -x /usr/libexec/podman/catatonit ] || need+=(catatonit)
  if [ ${#need[@]} -gt 0 ]; then
    mm_apt_install "${need[@]}"
  fi
  local conf="$root/.local/containers/containers.conf"
  mkdir -p "$(dirname "$conf")"
  cat >"$conf" <<'CONF'
# Written by deploy/local/containers.sh; passed to podman and buildah as CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=10000:10000", "nproc=4096:4096"]

[engine]
runtime = "runc"
CONF
  export CONTAINERS_CONF="$conf"
}

# The .NET runtime version the host's SDK carries (the one copied into the local base image).
mm_dotnet_runtime_version() {
  dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" {v=$2} END {print v}'
}

# Makes the local runtime base image (tag printed on stdout) unless it exists: no registry, no package download. It holds
# what the upstream chiseled ASP.NET image holds, taken from this machine: the host's .NET runtime and ASP.NET Core shared
# frameworks (from the SDK in /usr/share/dotnet), the libraries they link (ldd) and load (libssl, libcrypto), CA
# certificates, time zones, /tmp and the non-root user app (1654). No shell, no package manager; invariant globalization
# (no ICU), as in the upstream -chiseled images.
mm_runtime_base_image() {
  local root=$1 version dotnet_root tag stage lib
  version=$(mm_dotnet_runtime_version)
  [ -n "$version" ] || { mm_log "no Microsoft.AspNetCore.App runtime in dotnet --list-runtimes"; return 1; }
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  tag="localhost/mediamonitor/aspnet-runtime:$version"
  if podman image exists "$tag"; then echo "$tag"; return 0; fi
  mm_log "making the runtime base image $tag from $dotnet_root"
  stage="$root/.local/containers/base-rootfs"
  rm -rf "$stage"
  mkdir -p "$stage/usr/share/dotnet/shared" "$stage/usr/bin" "$stage/tmp" "$stage/etc/ssl/certs" "$stage/app" "$stage/home/app"
  cp -a "$dotnet_root/dotnet" "$stage/usr/share/dotnet/"
  mkdir -p "$stage/usr/share/dotnet/host/fxr"
  cp -a "$dotnet_root/host/fxr/$(ls "$dotnet_root/host/fxr" | sort -V | tail -1)" "$stage/usr/share/dotnet/host/fxr/"
  for fx in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$stage/usr/share/dotnet/shared/$fx"
    cp -a "$dotnet_root/shared/$fx/$version" "$stage/usr/share/dotnet/shared/$fx/"
  done
  ln -s ../share/dotnet/dotnet "$stage/usr/bin/dotnet"
  # Libraries: what ldd lists for the host and the runtime's native parts, plus what the runtime dlopens.
  {
    ldd "$dotnet_root/dotnet" "$dotnet_root"/host/fxr/*/libhostfxr.so "$stage"/usr/share/dotnet/shared/*/*/*.so 2>/dev/null \
      | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}'
    ls /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3 2>/dev/null
  } | sort -u | while read -r lib; do
    cp -L --parents "$lib" "$stage/"
  done
  [ -f /lib64/ld-linux-x86-64.so.2 ] && cp -L --parents /lib64/ld-linux-x86-64.so.2 "$stage/"
  cp -L /etc/ssl/certs/ca-certificates.crt "$stage/etc/ssl/certs/"
  [ -d /usr/share/zoneinfo ] && mkdir -p "$stage/usr/share" && cp -a /usr/share/zoneinfo "$stage/usr/share/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1654:1654:app:/home/app:/sbin/nologin\n' >"$stage/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' >"$stage/etc/group"
  printf 'hosts: files dns\n' >"$stage/etc/nsswitch.conf"
  chmod 1777 "$stage/tmp"
  chown 1654:1654 "$stage/home/app"
  tar -C "$stage" --numeric-owner -c . | podman import -q \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true' \
    --change 'ENV APP_UID=1654' \
    --change 'ENV ASPNETCORE_HTTP_PORTS=8080' \
    --change 'USER 1654' \
    --change 'WORKDIR /app' \
    - "$tag" >/dev/null
  rm -rf "$stage"
  echo "$tag"
}
