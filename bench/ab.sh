#!/usr/bin/env bash
# A/B timing of two builds of the algorithms: bench/java/AlgoTimings.java run against this tree's
# classes (B) and another tree's (A, e.g. a worktree of main), alternating A and B for ROUNDS
# rounds; each run is one JVM with a warm-up and RUNS timed runs. Prints each run's median and
# digest (same digest = bit-identical output), then the median of the medians per side.
# Cases: PPMI on ml-100k, ml-latest-small and Last.fm (from ../shared/datasets, skipped when
# absent), Spk (f' = 128) on generated planted / few / gaussian embeddings.
#
# usage: bench/ab.sh OTHER_TREE [ROUNDS] [RUNS]
#   AB_CASES  default "ppmi:ml-100k ppmi:ml-latest-small ppmi:hetrec2011-lastfm-2k spk:planted:100000 spk:few:100000 spk:gaussian:30000"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$(cd "$1" && pwd)"
rounds="${2:-3}"
runs="${3:-5}"
shared="${SPIKY_DATASETS:-$here/../shared/datasets}"
cases="${AB_CASES:-ppmi:ml-100k ppmi:ml-latest-small ppmi:hetrec2011-lastfm-2k spk:planted:100000 spk:few:100000 spk:gaussian:30000}"
for tree in "$other" "$here"; do (cd "$tree" && mvn -q -o -B -pl algo compile); done
# Frozen copies of both builds, so that a compile in either tree during the runs changes nothing.
frozen="$(mktemp -d)"
trap 'rm -rf "$frozen"' EXIT
cp -r "$other/algo/target/classes" "$frozen/A"
cp -r "$here/algo/target/classes" "$frozen/B"
echo "A = $other ($(git -C "$other" rev-parse --short HEAD)), B = $here ($(git -C "$here" rev-parse --short HEAD)); $(java -version 2>&1 | head -1)"
echo "start $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $cases; do
  IFS=: read -r kind a b <<< "$c"
  if [ "$kind" = ppmi ]; then
    case "$a" in
      ml-100k) file="$shared/ml-100k/u.data" ;;
      ml-latest-small) file="$shared/ml-latest-small/ratings.csv" ;;
      hetrec2011-lastfm-2k) file="$shared/hetrec2011-lastfm-2k/user_artists.dat" ;;
    esac
    [ -f "$file" ] || { echo "skipped $a: $file is absent"; continue; }
    args=(ppmi "$a" "$file")
  else
    args=(spk "$a" "$b")
  fi
  for r in $(seq "$rounds"); do
    for side in A B; do
      echo "$side	$(java -Xmx6g -cp "$frozen/$side" "$here/bench/java/AlgoTimings.java" "${args[@]}" "$runs" 2)"
    done
  done
done | tee /dev/stderr | awk -F'\t' '
  /^[AB]\t/ { split($3, m, " "); key = $2 SUBSEP $1; n[key]++; v[key, n[key]] = m[2]; d[$2, $1] = $5; names[$2] = 1 }
  END {
    for (c in names) {
      line = c
      for (s = 0; s < 2; s++) {
        side = s == 0 ? "A" : "B"; key = c SUBSEP side; k = n[key]
        for (i = 1; i <= k; i++) a[i] = v[key, i]
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        med = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        line = line sprintf("\t%s median of %d medians %.3f s", side, k, med)
      }
      line = line (d[c, "A"] == d[c, "B"] ? "\tidentical" : "\tDIFFERENT")
      print line
    }
  }'
echo "end $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
