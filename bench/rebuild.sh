#!/usr/bin/env bash
# Adding a dataset to a store that exists, side by side in one run: `spiky import --mode rebuild`
# (Neo4j's batch importer: the whole store and the new dataset into a new store, swapped in)
# against `spiky import --mode transactional`, on copies of the same store, for each store size S
# and added size R given (rows); RUNS runs of each, medians, the ratio transactional / rebuild.
#   bench/rebuild.sh [RUNS] [S-LIST] [R-LIST]      default: 1 "100000 1000000 5000000" "100000 1000000"
# The rows are generated (seeded, deterministic) as in bench/import-rate.sh: distinct (item,
# context) pairs with a timestamp and a weight, 20 items per context, min(100000, rows/20) item
# ids; the store is dataset 'base' (S rows, written by --mode bulk, its schema built), the
# addition dataset 'added' (R rows). Each wall time is the whole process (JVM start included) and,
# for the rebuild, the first opening that builds the constraints and indexes of the new store.
# Both runs of a pair start from a fresh copy (cp -a) of the same store. Writes nothing in the
# repository; work files under $BENCH_TMP (default /tmp). JVM heap: $HEAP (default 4g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
stores=(${2:-100000 1000000 5000000})
adds=(${3:-100000 1000000})
heap="${HEAP:-4g}"
work="$(mktemp -d "${BENCH_TMP:-/tmp}/spiky-rebuild.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$here/spiky" --version >/dev/null   # builds once, outside the timings

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

rows_csv() { # rows file
  local rows="$1" out="$2" items
  items=$((rows / 20 < 100000 ? rows / 20 : 100000))
  mawk -v rows="$rows" -v items="$items" 'BEGIN {
      print "item,context,timestamp,weight"
      for (r = 0; r < rows; r++) { c = int(r / 20); j = r % 20
        printf "%d,%d,%d,%d\n", (c * 7919 + j * 104723) % items + 1, c + 1, 1500000000 + r, 1 + r % 5 } }' > "$out"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg); heap -Xmx$heap; $(java -version 2>&1 | head -1)"
for s in "${stores[@]}"; do
  rows_csv "$s" "$work/store-$s.csv"
  env SPIKY_JAVA_OPTS="-Xmx$heap" "$here/spiky" import --data "$work/store-$s" --mode bulk --dataset base --format csv \
      --path "$work/store-$s.csv" > "$work/store-$s.out" 2>/dev/null || { cat "$work/store-$s.out"; exit 1; }
  rm "$work/store-$s.csv"
  echo "store S=$s rows: $(du -sh "$work/store-$s/data" | cut -f1) on disk"
done
for r in "${adds[@]}"; do rows_csv "$r" "$work/add-$r.csv"; done

for run in $(seq "$runs"); do
  for s in "${stores[@]}"; do
    for r in "${adds[@]}"; do
      for mode in transactional rebuild; do
        d="$work/d-$mode"
        rm -rf "$d"; cp -a "$work/store-$s" "$d"
        /usr/bin/time -f "%e %M" -o "$work/t" env SPIKY_JAVA_OPTS="-Xmx$heap" "$here/spiky" import --data "$d" --mode "$mode" \
            --dataset added --format csv --path "$work/add-$r.csv" > "$work/out" 2> "$work/err" || { tail -5 "$work/err"; exit 1; }
        read -r wall rss < "$work/t"
        echo "$wall" >> "$work/times-$s-$r-$mode"
        detail=$(grep -E "^Rebuilt|^Imported" "$work/out" | sed -e 's/^Imported .*; \([0-9.]* s (read.*\)/\1/' | tr '\n' ' ')
        echo "run $run S=$s R=$r $mode: wall $wall s, peak RSS $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg); $detail"
        rm -rf "$d"
      done
    done
  done
done

echo "== medians of $runs run(s): wall seconds, transactional / rebuild (above 1: rebuild is quicker); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%10s %10s %14s %10s %8s\n" S R transactional rebuild ratio
for s in "${stores[@]}"; do
  for r in "${adds[@]}"; do
    t=$(median < "$work/times-$s-$r-transactional"); b=$(median < "$work/times-$s-$r-rebuild")
    printf "%10s %10s %14s %10s %8s\n" "$s" "$r" "$t" "$b" "$(awk -v t="$t" -v b="$b" 'BEGIN { printf "%.2f", t / b }')"
  done
done
