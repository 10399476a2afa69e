#!/usr/bin/env bash
# deploy/local/eval.sh KIND [args]: runs one quality evaluation and ends with its one summary line.
# Dedup sets: eval.sh dedup-set OUTDIR [--seed N] [--corpus bbc|conll] [--templates tuning|heldout]
#   --corpus bbc (default): ../shared/data/news-corpus-bbc-greene; conll: the Reuters text of
#     ../shared/data/ner-conll2003-dev/eng.train reassembled into documents (both read at run time, never copied).
#   --templates FAMILY: every article inside a site template of that family (navigation, cookie/subscribe lines, tags,
#     related-stories blocks of other articles' headlines, footer links), plus short items (briefs under 150 words and
#     their lead-only / re-headlined copies) and templated briefs of one shape that are not copies.
#   Tuning set: --corpus bbc --templates tuning. Held-out set (never tuned on): --corpus conll --templates heldout.
#   Without --templates: the original generated set (BBC, no site templates).
# Then: eval.sh dedup DIR [--out FILE] [--window-days N] [--examples N] [--pairs FILE] (any articles.jsonl + groups.tsv);
#   --pairs FILE: every article with each earlier candidate it was judged against, its truth and every similarity measure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$root/tests/Measurements/MediaMonitor.Measurements.csproj" -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/tests/Measurements/bin/Release/net10.0/MediaMonitor.Measurements.dll" eval "$@"
