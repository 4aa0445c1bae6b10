#!/usr/bin/env bash
# The transactional import, old writer against new, side by side in one run on the same rows:
# `spiky import --mode transactional` of this tree against the same command built from BASE (a
# commit before the kernel-API / parallel writer, default 8790af5), and this tree with one writer
# thread (-Dspiky.import.writers=1) and with two (new, -Dspiky.import.writers=2), RUNS runs of each,
# alternating, fresh data directories; medians and their ratios.
#   bench/tx-import.sh [RUNS] [ROWS ...]        default: 3 runs at 1000000 rows
#   BASE=<commit> HEAP=3g SIDES="old new" bench/tx-import.sh ...   (SIDES: which of old, new, new1 to run)
# Rows as bench/import-rate.sh makes them: ROWS distinct (item, context) pairs with a timestamp and a
# weight, 20 items per context (contexts = ROWS/20), 100,000 item ids (about 90,000 used at 1 M rows,
# all at 5 M). Per run: the process's wall and CPU time (/usr/bin/time, JVM and DBMS start and
# shutdown included) and the import's own write time and rows/s (its summary line). Work files
# under $BENCH_TMP (default /tmp); the base build is kept in $BENCH_TMP/spiky-tx-base-<commit>.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)
heap="${HEAP:-3g}"
base="${BASE:-8790af5}"
read -r -a sides <<< "${SIDES:-old new new1}"
tmp="${BENCH_TMP:-/tmp}"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
ab_sides "$here" "$base" "$tmp/spiky-tx-base-$base" tx-import
work="$AB_WORK"
opens=("${SPIKY_OPENS[@]}")

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg); heap -Xmx$heap; old = $base, new = $(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet HEAD -- procedures import algo server || echo '+changes')"
for rows in "${sizes[@]}"; do
  d="$work/rows-$rows"
  mkdir -p "$d"
  mawk -v rows="$rows" -v items=100000 'BEGIN {
      print "item,context,timestamp,weight"
      for (r = 0; r < rows; r++) { c = int(r / 20); j = r % 20
        printf "%d,%d,%d,%d\n", (c * 7919 + j * 104723) % items + 1, c + 1, 1500000000 + r, 1 + r % 5 } }' > "$d/rows.csv"
  echo "== $rows rows ($((rows / 20)) contexts, 20 items each), csv $(du -h "$d/rows.csv" | cut -f1)"
  for r in $(seq "$runs"); do
    for side in "${sides[@]}"; do
      case "$side" in
        old) jar="$work/old/spiky-server.jar"; opts=() ;;
        new) jar="$work/new/spiky-server.jar"; opts=(-Dspiky.import.writers=2) ;;
        new1) jar="$work/new/spiky-server.jar"; opts=(-Dspiky.import.writers=1) ;;
      esac
      rm -rf "$d/data"
      load=$(cut -d' ' -f1 /proc/loadavg)
      /usr/bin/time -f "%e %U %S %M" -o "$d/t" java "-Xmx$heap" ${opts[@]+"${opts[@]}"} "${opens[@]}" -jar "$jar" import --data "$d/data" --mode transactional \
          --dataset bench --format csv --path "$d/rows.csv" > "$d/out" 2> "$d/err" || { tail -20 "$d/err"; exit 1; }
      read -r wall user sys rss < "$d/t"
      write=$(sed -n 's/.*(read [0-9.]* s, write \([0-9.]*\) s).*/\1/p' "$d/out")
      echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $write $rss" >> "$d/$side.times"
      printf "   run %d %-4s wall %6.1f s, cpu %6.1f s, write %6.1f s = %6.0f rows/s, peak RSS %5d MB, load at start %s\n" "$r" "$side" \
          "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$write" "$(awk -v n="$rows" -v w="$write" 'BEGIN { print n / w }')" \
          "$((rss / 1024))" "$load"
    done
  done
  for side in "${sides[@]}"; do
    for col in 1 2 3 4; do cut -d' ' -f$col "$d/$side.times" | median > "$d/$side.m$col"; done
    awk -v rows="$rows" -v runs="$runs" -v side="$side" -v w="$(cat "$d/$side.m1")" -v c="$(cat "$d/$side.m2")" -v x="$(cat "$d/$side.m3")" \
        -v rss="$(cat "$d/$side.m4")" 'BEGIN { printf "   medians of %d: %-4s wall %.1f s (%.0f rows/s), cpu %.1f s, write %.1f s (%.0f rows/s), peak RSS %.0f MB\n",
        runs, side, w, rows / w, c, x, rows / x, rss / 1024 }'
  done
  for side in "${sides[@]}"; do
    [ "$side" = old ] || [ ! -f "$d/old.m1" ] || awk -v side="$side" -v ow="$(cat "$d/old.m1")" -v oc="$(cat "$d/old.m2")" -v ox="$(cat "$d/old.m3")" \
        -v w="$(cat "$d/$side.m1")" -v c="$(cat "$d/$side.m2")" -v x="$(cat "$d/$side.m3")" 'BEGIN {
        printf "   ratio %s/old (medians): write rate %.2fx, whole process %.2fx, cpu time %.2fx less\n", side, ox / x, ow / w, oc / c }'
  done
  rm -rf "$d"
  echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
