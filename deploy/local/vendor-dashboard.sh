#!/usr/bin/env bash
# Refreshes the dashboard's vendored charting library (uPlot, MIT) from the npm registry with `npm pack`.
# The files are committed (services/Api/Dashboard/wwwroot/vendor/uplot), so builds and CI never need the network;
# run this only to move to another version, then commit the result.
# Usage: deploy/local/vendor-dashboard.sh [version]   (default: the version in services/Api/Dashboard/wwwroot/vendor/uplot/VERSION)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target="$root/services/Api/Dashboard/wwwroot/vendor/uplot"
version=${1:-$(cat "$target/VERSION")}
command -v npm >/dev/null 2>&1 || { echo "vendor-dashboard: npm is required (apt package npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null && tar xzf "uplot-$version.tgz")
for f in dist/uPlot.esm.js dist/uPlot.min.css LICENSE; do
  cp "$work/package/$f" "$target/$(basename "$f")"
done
echo "$version" >"$target/VERSION"
echo "vendor-dashboard: uPlot $version in ${target#"$root"/} ($(wc -c <"$target/uPlot.esm.js") bytes of ES module)"
