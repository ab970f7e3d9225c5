#!/usr/bin/env bash
# The whole pipeline at scale, on generated corpora (`dossier gen`), with peer baselines on
# the same text:
#   - extraction alone, one core, MB/s (crates/app/examples/extract_speed.rs);
#   - ingest end to end into a fresh SQLite database: docs/s and peak memory;
#   - dateparser's search_dates (date finding only) and spaCy's blank English tokenizer
#     (tokenising only) on the same bytes, in a venv under the target folder, and the
#     ratios dossier/peer;
#   - resolution of 10,000 and of 100,000 documents, the sizes in turns
#     (crates/extract/examples/resolve_scale.rs), and the ratio of the medians: once with
#     every page handed back to the system as soon as it is freed, once on a heap warmed
#     beforehand (the work alone: on this VM the system's first touch of a page costs far
#     more than zeroing it).
# Medians of --rounds runs (ingest of corpora over 10,000 reports runs once). dossier's own
# extraction rounds are short (a fraction of a second), so it runs three times as many on
# the 5 MB sample and ten times as many on dateparser's smaller one: on a shared machine the
# median of more short rounds is the steadier figure. dateparser's rounds and dossier's on
# the same text alternate.
#
#   scripts/bench.sh [--quick] [--sizes "1000 10000 100000"] [--rounds 3] [--no-peer]
#                    [--no-resolve] [--work DIR] [--seed 1] [--score]
#
# --quick: sizes 1000 and 10000, smaller text samples, one round for the peers, resolution
#          of 1,000 and 10,000 documents.
# --score: also score the record of the smallest corpus against its gold record with
#          ../shared/eval/score.py (about 40 s for 1,000 reports).
# Targets (issue #6): extraction >= 20 MB/s per core, >= 300x dateparser, >= 2x spaCy's
# tokenizer; 100,000 reports ingested in under 5 minutes with peak memory under 2 GB;
# resolution of 100,000 documents at most 12 times that of 10,000.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000 100000"
rounds=3
peer=1
resolve=1
resolve_sizes="10000 100000"
quick=0
score=0
seed=1
target=${CARGO_TARGET_DIR:-target}
work="$target/bench"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; sizes="1000 10000"; resolve_sizes="1000 10000" ;;
    --sizes) sizes=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --no-peer) peer=0 ;;
    --no-resolve) resolve=0 ;;
    --score) score=1 ;;
    --work) work=$2; shift ;;
    --seed) seed=$2; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
# The text the extraction and the peers are timed on, and the smaller part dateparser gets
# (it is slow enough that the whole sample would take many minutes).
if [ $quick = 1 ]; then sample=1000000; dp_sample=100000; peer_rounds=1; else sample=5000000; dp_sample=400000; peer_rounds=$rounds; fi

echo "== build (release)"
cargo build --release -q -p dossier --bin dossier --example extract_speed
[ $resolve = 1 ] && cargo build --release -q -p dossier-extract --example resolve_scale
bin="$target/release/dossier"
speed="$target/release/examples/extract_speed"
scale="$target/release/examples/resolve_scale"
mkdir -p "$work"
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v); else echo "no /usr/bin/time: peak memory not measured (apt-get install time)"; fi
# One core for single-core figures, where taskset is at hand.
one=()
if command -v taskset >/dev/null; then one=(taskset -c 0); fi
median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
ratio() { python3 -c "import sys; a,b=map(float,sys.argv[1:]); print(f'{a/b:.1f}' if b>0 else 'n/a')" "$1" "$2"; }

echo "== generate (seed $seed)"
largest=0
smallest=0
for n in $sizes; do
  dir="$work/gen-$n"
  rm -rf "$dir"
  "$bin" gen --out "$dir" --count "$n" --seed "$seed"
  [ "$n" -gt "$largest" ] && largest=$n
  { [ "$smallest" = 0 ] || [ "$n" -lt "$smallest" ]; } && smallest=$n
done
corpus="$work/gen-$largest/reports"

echo "== extraction alone, one core, on the first $((sample / 1000)) KB of the $largest-report corpus"
ext_rounds=$((rounds * 3))
ext=$("${one[@]}" "$speed" "$corpus" --max-bytes "$sample" --rounds "$ext_rounds" 2>/dev/null | field mbps_median)
echo "extraction: $ext MB/s (median of $ext_rounds)"

echo "== ingest into SQLite (all cores: $(nproc))"
declare -A docs_s peak_mb
for n in $sizes; do
  r=$rounds
  [ "$n" -gt 10000 ] && r=1
  walls=()
  peaks=()
  for _ in $(seq "$r"); do
    db="$work/ingest-$n.db"
    rm -f "$db" "$db-wal" "$db-shm"
    log="$work/ingest-$n.log"
    start=$(date +%s.%N)
    "${timer[@]}" "$bin" --db "$db" ingest "$work/gen-$n/reports" 2>"$log"
    end=$(date +%s.%N)
    walls+=("$(python3 -c "print($end - $start)")")
    peaks+=("$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$log" | awk '{print $1/1024}')")
    grep '^documents:' "$log" || true
  done
  wall=$(median "${walls[@]}")
  docs_s[$n]=$(python3 -c "print(f'{$n / $wall:.0f}')")
  peak_mb[$n]=$( [ -n "${peaks[0]}" ] && median "${peaks[@]}" || echo "n/a")
  echo "ingest $n reports: ${wall}s, ${docs_s[$n]} docs/s, peak ${peak_mb[$n]} MB (median of $r)"
done

dp=""; sp=""; ext_dp=""
if [ $peer = 1 ]; then
  echo "== peers on the same text"
  venv="$target/bench-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dateparser, spacy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q dateparser spacy
  fi
  py="$venv/bin/python"
  # Interleaved, a dateparser round then ten of dossier's, so that both are timed through
  # the same moments of a shared machine; the ratio is of the medians.
  dps=()
  exts=()
  for _ in $(seq "$peer_rounds"); do
    dps+=("$("${one[@]}" "$py" scripts/peer_baseline.py "$corpus" --only dateparser --max-bytes "$dp_sample" --rounds 1 2>/dev/null | field mbps_median)")
    exts+=("$("${one[@]}" "$speed" "$corpus" --max-bytes "$dp_sample" --rounds 10 2>/dev/null | field mbps_median)")
  done
  dp=$(median "${dps[@]}")
  ext_dp=$(median "${exts[@]}")
  sp=$("${one[@]}" "$py" scripts/peer_baseline.py "$corpus" --only spacy --max-bytes "$sample" --rounds "$peer_rounds" 2>/dev/null | field mbps_median)
  echo "dateparser search_dates: $dp MB/s on the first $((dp_sample / 1000)) KB (dossier on the same: $ext_dp MB/s)"
  echo "spaCy blank('en') tokenizer: $sp MB/s on the first $((sample / 1000)) KB"
fi

if [ $score = 1 ]; then
  if [ -f ../shared/eval/score.py ]; then
    echo "== score.py on the $smallest-report corpus"
    "$bin" --db "$work/ingest-$smallest.db" export --format json --output "$work/record-$smallest.json"
    PYTHONHASHSEED=0 python3 ../shared/eval/score.py "$work/gen-$smallest/gold.json" "$work/record-$smallest.json" \
      --docs "$work/gen-$smallest/reports" --quiet
  else
    echo "no ../shared/eval/score.py here: scoring skipped"
  fi
fi

res_cold=""; res_warm=""
if [ $resolve = 1 ]; then
  echo "== resolution of $resolve_sizes documents, in turns, $rounds rounds"
  # The allocator's purge delay: 0 hands every freed page back at once (as a process that
  # ends does), -1 keeps them all (so the warmed heap serves every run).
  ratio_of() { sed -n 's/^ratio [^\t]*\t\([0-9.]*\)x$/\1/p'; }
  echo "-- every freed page handed back to the system at once"
  out=$(MIMALLOC_PURGE_DELAY=0 "$scale" --rounds "$rounds" $resolve_sizes)
  echo "$out"
  res_cold=$(ratio_of <<<"$out")
  echo "-- on a heap warmed by one untimed resolution of the largest size"
  out=$(MIMALLOC_PURGE_DELAY=-1 "$scale" --warm --rounds "$rounds" $resolve_sizes)
  echo "$out"
  res_warm=$(ratio_of <<<"$out")
fi

echo
echo "== summary"
printf '%-44s %s\n' "extraction, one core (target >= 20 MB/s)" "$ext MB/s"
if [ $peer = 1 ]; then
  printf '%-44s %s\n' "dossier / dateparser (target >= 300x)" "$(ratio "$ext_dp" "$dp")x"
  printf '%-44s %s\n' "dossier / spaCy tokenizer (target >= 2x)" "$(ratio "$ext" "$sp")x"
fi
for n in $sizes; do
  printf '%-44s %s\n' "ingest $n reports" "${docs_s[$n]} docs/s, peak ${peak_mb[$n]} MB"
done
if [ $resolve = 1 ]; then
  set -- $resolve_sizes
  printf '%-44s %s\n' "resolution $1 -> $2, pages handed back (target <= 12x)" "${res_cold}x"
  printf '%-44s %s\n' "resolution $1 -> $2, warmed heap (target <= 12x)" "${res_warm}x"
fi
