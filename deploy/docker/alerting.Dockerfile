# Alerting service image.
# Build from the repository root: docker build -f deploy/docker/alerting.Dockerfile -t mediamonitor/alerting .
# Multi-stage: the SDK image restores and publishes; the runtime is the chiseled ASP.NET image (no shell, no package
# manager, runs as the non-root user "app", uid 1654), which keeps the image small and read-only friendly.

# The base images are build arguments (--build-arg SDK_IMAGE=... RUNTIME_IMAGE=...) so a machine without a
# registry can pass local base tags; the defaults are the usual public images.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
# Where /app comes from: "build" (restore and publish in the SDK image; the default) or "prebuilt" (the build context
# holds app/, the output of the same dotnet publish made on the host: deploy/local/images.sh, which saves building the
# SDK into a container on a small machine). An unused stage is skipped, so "prebuilt" never pulls the SDK image.
ARG APP_SOURCE=build

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY shared/Contracts/ shared/Contracts/
COPY shared/ServiceDefaults/ shared/ServiceDefaults/
COPY shared/Text/ shared/Text/
COPY services/Alerting/ services/Alerting/
RUN dotnet restore services/Alerting/MediaMonitor.Alerting.csproj
RUN dotnet publish services/Alerting/MediaMonitor.Alerting.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM scratch AS prebuilt
COPY app/ /app/

FROM ${APP_SOURCE} AS app

FROM ${RUNTIME_IMAGE} AS runtime
ARG GIT_REVISION=unknown
LABEL org.opencontainers.image.revision=$GIT_REVISION
WORKDIR /app
COPY --from=app /app ./
# GC and thread-pool settings come with the app's runtimeconfig.json, as on the host (docs/PERFORMANCE.md).
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# No shell or curl in the runtime image: the service's own assembly probes its liveness endpoint (HealthProbe in
# ServiceDefaults). Kubernetes ignores HEALTHCHECK and uses the manifests' probes; podman and Docker use this one.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["dotnet", "MediaMonitor.Alerting.dll", "--health-probe", "http://127.0.0.1:8080/health/live"]
USER 1654
ENTRYPOINT ["dotnet", "MediaMonitor.Alerting.dll"]
