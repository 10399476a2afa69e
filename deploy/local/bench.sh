#!/usr/bin/env bash
# deploy/local/bench.sh KIND [args]: runs one benchmark and ends with its one summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$root/tests/Measurements/MediaMonitor.Measurements.csproj" -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll" bench "$@"
