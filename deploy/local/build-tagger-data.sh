#!/usr/bin/env bash
# deploy/local/build-tagger-data.sh [gazetteer|model|all]: rebuilds the EntityTagging data files in
# services/EntityTagging/Data from ../shared/data (or $MM_SHARED_DATA). Deterministic: same input, same files.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${MM_SHARED_DATA:-$root/../shared/data}
what=${1:-all}
dotnet build "$root/tools/TaggerData/MediaMonitor.TaggerData.csproj" -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/tools/TaggerData/bin/Release/net10.0/MediaMonitor.TaggerData.dll" "$what" "$data" "$root/services/EntityTagging/Data"
