# Schema migrator image: applies the Marten schema of all five services, then exits (the Kubernetes Job).
# Build from the repository root: docker build -f deploy/docker/schema-migrator.Dockerfile -t mediamonitor/schema-migrator .
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
COPY services/ services/
COPY tools/SchemaMigrator/ tools/SchemaMigrator/
RUN dotnet restore tools/SchemaMigrator/MediaMonitor.SchemaMigrator.csproj
RUN dotnet publish tools/SchemaMigrator/MediaMonitor.SchemaMigrator.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM scratch AS prebuilt
COPY app/ /app/

FROM ${APP_SOURCE} AS app

FROM ${RUNTIME_IMAGE} AS runtime
ARG GIT_REVISION=unknown
LABEL org.opencontainers.image.revision=$GIT_REVISION
WORKDIR /app
COPY --from=app /app ./
USER 1654
ENTRYPOINT ["dotnet", "MediaMonitor.SchemaMigrator.dll"]
