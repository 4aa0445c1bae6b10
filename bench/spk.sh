#!/usr/bin/env bash
# Spk benchmark: spiky's greedy spike cover (SpikeCover.level, concurrency 2) against a plain numpy
# implementation of the same greedy loop (bench/spk_reference.py, one matrix-vector product per peak),
# on the same float64 .npy embeddings, f' = 128, cosTheta 0.9, rho 0.5. Both sides exclude file
# loading; spiky is timed after one warm-up run in the same JVM. Checks identical peaks and spikeOf.
# Needs Debian's python3-numpy (/usr/bin/python3); the ml-latest-small case needs ../shared/datasets.
#
# usage: bench/spk.sh [RUNS]
#   SPK_CASES           generator:n list (default: gaussian/planted/few at 100000 and 200000, without
#                       gaussian:200000, whose numpy side takes ~30 min a run on 2 cores)
#   SPK_GAUSSIAN_RUNS   numpy runs for the gaussian cases (default 1: ~7 min each at n = 100,000)
#   SPK_REAL=0          skip the ml-latest-small sanity check
#   SPIKY_BENCH_DIR     where data and results go (default: a new temporary directory)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
cases="${SPK_CASES:-gaussian:100000 planted:100000 few:100000 planted:200000 few:200000}"
gaussian_runs="${SPK_GAUSSIAN_RUNS:-1}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
py=/usr/bin/python3
f=128
cos=0.9
rho=0.5
(cd "$here" && mvn -q -o -B -pl algo compile)
cp="$here/algo/target/classes"
echo "work dir: $work" >&2
echo "numpy $($py -c 'import numpy; print(numpy.__version__)'), $(java -version 2>&1 | head -1)" >&2

table="$work/table.md"
echo "| generator | n | f' | peaks | Spk | numpy median s (runs) | spiky median s (runs) | numpy / spiky | identical? |" > "$table"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |" >> "$table"

one() { # label emb.npy numpy-runs
  local label="$1" emb="$2" nruns="$3"
  local base="$work/$label"
  $py "$here/bench/spk_reference.py" "$emb" $f $cos $rho "$nruns" "$base-numpy"
  java -Xmx8g -cp "$cp" "$here/bench/java/SpkBench.java" "$emb" $f $cos $rho "$runs" 2 "$base-spiky" > "$base-spiky.json"
  $py "$here/bench/spk_compare.py" "$emb" $f $cos "$base-numpy" "$base-spiky" "$base-spiky.json" "$label" | tee -a "$table"
}

if [ "${SPK_REAL:-1}" != 0 ]; then
  ratings="$here/../shared/datasets/ml-latest-small/ratings.csv"
  if [ -f "$ratings" ]; then
    if [ ! -f "$work/ml-latest-small.npy" ]; then
      data="$work/data"
      "$here/spiky" import --data "$data" --dataset ml-latest-small --format movielens --path "$ratings" 2>/dev/null
      "$here/spiky" pipeline --data "$data" --dataset ml-latest-small 2>/dev/null
      "$here/spiky" export --data "$data" --dataset ml-latest-small --out "$work/export" 2>/dev/null
      $py "$here/bench/spk_data.py" csv "$(ls "$work"/export/*-items.csv | head -1)" "$work/ml-latest-small.npy"
    fi
    one ml-latest-small "$work/ml-latest-small.npy" "$runs"
  else
    echo "skipped ml-latest-small: $ratings is absent" >&2
  fi
fi

for c in $cases; do
  g="${c%%:*}"
  n="${c##*:}"
  emb="$work/$g-$n.npy"
  [ -f "$emb" ] || $py "$here/bench/spk_data.py" "$g" "$n" $f 20231 "$emb"
  nruns="$runs"
  [ "$g" = gaussian ] && nruns="$gaussian_runs"
  one "$g-$n" "$emb" "$nruns"
done
echo
cat "$table"
