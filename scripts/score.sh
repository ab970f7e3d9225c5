#!/usr/bin/env bash
# Scores the record of the seeds, the example corpus and the team's test corpus with
# ../shared/eval/score.py. With --check, fails when a figure falls below its floor (the
# floors are what the extractor reached when they were set: raise them, never lower them).
# score.py breaks ties by set order, so the hash seed is fixed to make runs comparable.
set -euo pipefail
cd "$(dirname "$0")/.."
check=${1:-}
scorer=../shared/eval/score.py
cargo build --release -q -p dossier
bin=${CARGO_TARGET_DIR:-target}/release/dossier
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

run() { # name gold docs-dir floors...
  local name=$1 gold=$2 docs=$3
  shift 3
  "$bin" --db "$tmp/$name.db" ingest "$docs" 2>"$tmp/$name.log" || { cat "$tmp/$name.log"; return 1; }
  "$bin" --db "$tmp/$name.db" export --format json --output "$tmp/$name.json"
  local mins=()
  if [ "$check" = "--check" ]; then
    for m in "$@"; do mins+=(--min "$m"); done
  fi
  echo "-- $name"
  PYTHONHASHSEED=0 python3 "$scorer" "$gold" "$tmp/$name.json" --docs "$docs" --quiet "${mins[@]}" || status=1
}

if [ ! -f "$scorer" ]; then
  echo "no ../shared/eval/score.py here: scoring skipped"
  exit 0
fi
# shellcheck disable=SC2046
run seeds ../shared/eval/seeds.gold.json ../shared/seeds $(cat scripts/floors/seeds.txt)
# shellcheck disable=SC2046
run examples examples/gold.json examples/corpus $(cat scripts/floors/examples.txt)
# shellcheck disable=SC2046
run corpus tests/corpus/gold.json tests/corpus/reports $(cat scripts/floors/corpus.txt)
exit $status
