#!/usr/bin/env bash
# Writing a run's PPMI relationships, old writer against new, side by side in one run on the same
# store: `spiky pipeline` of this tree against the same command built from BASE (default 7f99381,
# the commit before the kernel-API PPMI writer), RUNS runs of each, alternating, each on a fresh
# copy of one bulk-imported store; medians of the run's own PPMI write time and its rate.
#   bench/ppmi-write.sh [RUNS] [PLAYLISTS]     default: 3 runs, 100000 playlists (MPD-shaped,
#                                              a tenth of the MPD: tracks = 2.33 × PLAYLISTS)
#   BASE=<commit> HEAP=6g PIPELINE_CONFIG="-c k=v ..." bench/ppmi-write.sh ...
# The pipeline runs with rank 16 and Spk at 8 and 16 (the SVD is not what is measured) and writes
# every PPMI pair when they are at most maxPpmiRelationships (default here 100000000), else the
# per-item top-k graph (set -c maxPpmiRelationships=1 in PIPELINE_CONFIG to measure that path).
# Per run: the run's millisWritePpmi and ppmiRelationships (read from its EmbeddingRun node by
# bench/java/RunRecord.java), the process's wall (/usr/bin/time). Work files under $BENCH_TMP
# (default /tmp); the base build is kept in $BENCH_TMP/spiky-ppmi-write-base-<commit>.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
playlists="${2:-100000}"
heap="${HEAP:-6g}"
base="${BASE:-7f99381}"
tmp="${BENCH_TMP:-/tmp}"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
ab_sides "$here" "$base" "$tmp/spiky-ppmi-write-base-$base" ppmi-write
work="$AB_WORK"
opens=("${SPIKY_OPENS[@]}")
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); base $base; heap -Xmx$heap; $playlists playlists"

tracks=$(( playlists * 233 / 100 ))
"$here/spiky" generate-file --model playlists --out "$work/rows.csv.gz" --truth "$work/truth.csv" \
    -c playlists="$playlists" -c tracks="$tracks" | grep -E "^Generated|^Wrote" || true
SPIKY_JAVA_OPTS="-Xmx4g" "$here/spiky" import --data "$work/store" --mode bulk --dataset scale --format csv \
    --path "$work/rows.csv.gz" --items "$work/truth.csv" | grep -E "^Imported" || true

declare -A millis rels walls
for ((i = 1; i <= runs; i++)); do
  for side in old new; do
    rm -rf "$work/data" && cp -r "$work/store" "$work/data"
    out="$work/$side-$i.out"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e" -o "$work/$side-$i.time" java "-Xmx$heap" "${opens[@]}" -jar "$work/$side/spiky-server.jar" \
        pipeline --data "$work/data" --dataset scale -c rank=16 -c spkDims=8,16 \
        -c maxPpmiRelationships=100000000 ${PIPELINE_CONFIG:-} > "$out" 2>&1 || { tail -20 "$out"; exit 1; }
    # the run's own record (older command lines do not print the write's time)
    rec=$(java "${opens[@]}" -cp "$work/new/spiky-server.jar:$work/new/lib/*" "$here/bench/java/RunRecord.java" "$work/data" 2>/dev/null | grep '^millisWritePpmi=')
    ms=$(echo "$rec" | sed 's/.*millisWritePpmi=\([0-9]*\).*/\1/')
    n=$(echo "$rec" | sed 's/.*ppmiRelationships=\([0-9]*\).*/\1/')
    millis[$side]+="$ms "; rels[$side]+="$n "; walls[$side]+="$(cat "$work/$side-$i.time") "
    echo "run $i $side: PPMI write $ms ms for $n relationships ($(awk -v n="$n" -v ms="$ms" 'BEGIN {printf "%.0f", n / (ms / 1000)}')/s), wall $(cat "$work/$side-$i.time") s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mo=$(echo "${millis[old]}" | median); mn=$(echo "${millis[new]}" | median)
wo=$(echo "${walls[old]}" | median); wn=$(echo "${walls[new]}" | median)
n=$(echo "${rels[new]}" | median)
echo "| side | PPMI write (median ms) | relationships/s | process wall (median s) |"
echo "| --- | ---: | ---: | ---: |"
echo "| old ($base) | $mo | $(awk -v n="$n" -v ms="$mo" 'BEGIN {printf "%.0f", n / (ms / 1000)}') | $wo |"
echo "| new | $mn | $(awk -v n="$n" -v ms="$mn" 'BEGIN {printf "%.0f", n / (ms / 1000)}') | $wn |"
echo "rate new/old: $(awk -v a="$mo" -v b="$mn" 'BEGIN {printf "%.2f", a / b}')×; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
