#!/usr/bin/env bash
# Import rate, side by side in one run: `spiky import --mode bulk` against Neo4j's own importer
# (the code behind `neo4j-admin database import full`, run from the same Neo4j 5.26.30 jars) on the
# same rows, at each ROWS given; RUNS runs of each (fresh directories), medians, peak RSS.
#   bench/import-rate.sh [RUNS] [ROWS ...]      default: 3 runs at 5000000 rows
#   TX=1 bench/import-rate.sh ...              also times `spiky import --mode transactional` (one run, sizes up to 5 M rows)
#   bench/import-rate.sh small [RUNS]           the older figures: ml-latest-small and a generated DCBM
# The rows are generated (seeded, deterministic): ROWS distinct (item, context) pairs with a
# timestamp and a weight, 20 items per context (contexts = ROWS/20), ids from 100,000 items up to
# 5 M rows and min(ROWS/20, 1 M) above (the issue's shapes: 100k items / 5.7 M rows, 1 M / 20 M). spiky reads them as one csv file (item,context,
# timestamp,weight) and checks them all before writing; Neo4j's importer gets the same graph as
# node files (Item, Context: dataset, id) and a relationship file (IN: timestamp, weight), built
# from that csv beforehand. Each wall time is the whole process (JVM start included); spiky's
# includes building the constraints and indexes of cypher/schema.cypher on the new store, which
# Neo4j's importer does not do. Writes nothing in the repository; work files under $BENCH_TMP
# (default /tmp). JVM heap for both: $HEAP (default 6g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${1:-}" = "small" ]; then
  runs="${2:-3}"
  shared="$here/../shared/datasets"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  "$here/spiky" --version >/dev/null   # builds once, outside the timings
  echo "== ml-latest-small ratings.csv, $runs runs"
  for r in $(seq "$runs"); do
    /usr/bin/time -f "wall %e s, max RSS %M KB" "$here/spiky" import --data "$work/ml-$r" --dataset ml-latest-small \
        --format movielens --path "$shared/ml-latest-small/ratings.csv" 2>&1 | grep -E "^Imported|^wall"
  done
  echo "== generated DCBM, > 5M interactions"
  /usr/bin/time -f "wall %e s, max RSS %M KB" "$here/spiky" generate --data "$work/dcbm" --dataset dcbm-5m \
      -c items=100000 -c contexts=180000 -c minLength=10 -c maxLength=50 2>&1 | grep -E "^Generated|^wall"
  exit 0
fi

runs="${1:-3}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5000000)
heap="${HEAP:-6g}"
work="$(mktemp -d "${BENCH_TMP:-/tmp}/spiky-import-rate.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$here/spiky" --version >/dev/null   # builds once, outside the timings
lib="$here/server/target/lib"
opens=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED)

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg); heap -Xmx$heap; $(java -version 2>&1 | head -1)"
for rows in "${sizes[@]}"; do
  contexts=$((rows / 20))
  if [ "$rows" -le 5000000 ]; then items=100000; else items=$((rows / 20 < 1000000 ? rows / 20 : 1000000)); fi
  d="$work/rows-$rows"
  mkdir -p "$d"
  echo "== $rows rows: generating ($items item ids, $contexts contexts, 20 items each)"
  # Item of slot j in context c: an affine walk mod items (step prime, so the 20 are distinct).
  mawk -v rows="$rows" -v items="$items" 'BEGIN {
      print "item,context,timestamp,weight"
      for (r = 0; r < rows; r++) { c = int(r / 20); j = r % 20
        printf "%d,%d,%d,%d\n", (c * 7919 + j * 104723) % items + 1, c + 1, 1500000000 + r, 1 + r % 5 } }' > "$d/rows.csv"
  # The same rows for Neo4j's importer: distinct items and contexts as nodes, each row an IN relationship.
  mawk -F, -v dir="$d" 'NR == 1 { next } {
      if (!($1 in seen)) { seen[$1] = 1; print $1 ",bench" > (dir "/items.csv") }
      if (!($2 in ctx)) { ctx[$2] = 1; print $2 ",bench" > (dir "/contexts.csv") }
      print $1 "," $2 "," $3 "," $4 > (dir "/in.csv") }' "$d/rows.csv"
  echo 'id:ID(Item),dataset' > "$d/items-header.csv"
  echo 'id:ID(Context),dataset' > "$d/contexts-header.csv"
  echo ':START_ID(Item),:END_ID(Context),timestamp:long,weight:double' > "$d/in-header.csv"
  echo "   $(wc -l < "$d/items.csv") items, $(wc -l < "$d/contexts.csv") contexts, $(wc -l < "$d/in.csv") relationships; csv $(du -h "$d/rows.csv" | cut -f1)"

  : > "$d/spiky.times"; : > "$d/neo4j.times"
  for r in $(seq "$runs"); do
    rm -rf "$d/spiky-data" "$d/neo4j-home"
    /usr/bin/time -f "%e %M" -o "$d/t" env SPIKY_JAVA_OPTS="-Xmx$heap" "$here/spiky" import --data "$d/spiky-data" --mode bulk \
        --dataset bench --format csv --path "$d/rows.csv" > "$d/spiky.out" 2> "$d/spiky.err" || { cat "$d/spiky.err"; exit 1; }
    read -r wall rss < "$d/t"
    schema=$(sed -n 's/^Constraints and indexes built in \([0-9.]*\) s$/\1/p' "$d/spiky.out")
    echo "$wall $rss $(awk -v w="$wall" -v s="$schema" 'BEGIN { printf "%.2f", w - s }')" >> "$d/spiky.times"
    echo "   run $r spiky bulk:   wall $wall s, peak RSS $((rss / 1024)) MB; $(grep -E '^Imported' "$d/spiky.out" | sed 's/.*; \([0-9.]* s (read.*\)/\1/') $(grep -E '^Constraints' "$d/spiky.out")"
    rm -rf "$d/spiky-data"
    mkdir -p "$d/neo4j-home/conf"
    /usr/bin/time -f "%e %M" -o "$d/t" env NEO4J_HOME="$d/neo4j-home" NEO4J_CONF="$d/neo4j-home/conf" \
        java "-Xmx$heap" "${opens[@]}" -cp "$lib/*" org.neo4j.cli.AdminTool database import full neo4j --id-type=integer \
        --nodes=Item="$d/items-header.csv,$d/items.csv" --nodes=Context="$d/contexts-header.csv,$d/contexts.csv" \
        --relationships=IN="$d/in-header.csv,$d/in.csv" --report-file="$d/import.report" > "$d/neo4j.out" 2>&1 || { tail -30 "$d/neo4j.out"; exit 1; }
    read -r wall rss < "$d/t"; echo "$wall $rss" >> "$d/neo4j.times"
    echo "   run $r neo4j import: wall $wall s, peak RSS $((rss / 1024)) MB; $(grep -E 'IMPORT DONE' "$d/neo4j.out" | head -1)"
    rm -rf "$d/neo4j-home"
  done
  sw=$(cut -d' ' -f1 "$d/spiky.times" | median); nw=$(cut -d' ' -f1 "$d/neo4j.times" | median)
  ss=$(cut -d' ' -f3 "$d/spiky.times" | median)
  sr=$(cut -d' ' -f2 "$d/spiky.times" | median); nr=$(cut -d' ' -f2 "$d/neo4j.times" | median)
  awk -v rows="$rows" -v sw="$sw" -v ss="$ss" -v nw="$nw" -v sr="$sr" -v nr="$nr" -v runs="$runs" 'BEGIN {
      printf "   median of %d: neo4j import %.1f s = %.0f rows/s (peak RSS %.0f MB)\n", runs, nw, rows / nw, nr / 1024
      printf "   median of %d: spiky bulk, store built (wall less the schema step) %.1f s = %.0f rows/s: ratio %.2fx\n", runs, ss, rows / ss, nw / ss
      printf "   median of %d: spiky bulk, with constraints and indexes built %.1f s = %.0f rows/s (peak RSS %.0f MB): ratio %.2fx\n",
             runs, sw, rows / sw, sr / 1024, nw / sw }'
  if [ "${TX:-0}" = 1 ] && [ "$rows" -le 5000000 ]; then
    rm -rf "$d/tx-data"
    /usr/bin/time -f "%e %M" -o "$d/t" env SPIKY_JAVA_OPTS="-Xmx$heap" "$here/spiky" import --data "$d/tx-data" --mode transactional \
        --dataset bench --format csv --path "$d/rows.csv" > "$d/tx.out" 2> "$d/tx.err" || { cat "$d/tx.err"; exit 1; }
    read -r wall rss < "$d/t"
    awk -v rows="$rows" -v w="$wall" -v rss="$rss" 'BEGIN { printf "   spiky transactional (1 run): %.1f s = %.0f rows/s, peak RSS %.0f MB\n", w, rows / w, rss / 1024 }'
    rm -rf "$d/tx-data"
  fi
  rm -rf "$d"
  echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
