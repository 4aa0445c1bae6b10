#!/usr/bin/env bash
# A/B timing of two builds of the algorithms: bench/java/AlgoTimings.java run against this tree's
# classes (B) and another tree's (A, e.g. a worktree of main), alternating A and B for ROUNDS
# rounds; each run is one JVM with a warm-up and RUNS timed runs. Prints each run's median wall
# and CPU time (all threads of the JVM: on a loaded machine far steadier than wall time) and its
# digest (same digest = bit-identical output), then per side the median of the medians.
# Cases: PPMI on ml-100k, ml-latest-small and Last.fm (from ../shared/datasets, skipped when
# absent), Spk (f' = 128) on generated planted / few / gaussian embeddings.
#
# usage: bench/ab.sh OTHER_TREE [ROUNDS] [RUNS]
#   AB_CASES  default "ppmi:ml-100k ppmi:ml-latest-small ppmi:hetrec2011-lastfm-2k svd-randomized:ml-100k
#             svd-block-krylov:ml-100k spk:planted:100000 spk:few:100000 spk:gaussian:30000"
#             (svd-METHOD:DATASET: rank 128 on that dataset's PPMI matrix; needs commons-math3 and EJML in ~/.m2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$(cd "$1" && pwd)"
rounds="${2:-3}"
runs="${3:-5}"
shared="${SPIKY_DATASETS:-$here/../shared/datasets}"
cases="${AB_CASES:-ppmi:ml-100k ppmi:ml-latest-small ppmi:hetrec2011-lastfm-2k svd-randomized:ml-100k svd-block-krylov:ml-100k spk:planted:100000 spk:few:100000 spk:gaussian:30000}"
m2="$HOME/.m2/repository"
jars="$m2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar:$(ls "$m2"/org/ejml/*/0.43.1/*.jar | tr '\n' ':')"
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
  if [ "$kind" = ppmi ] || [[ "$kind" == svd-* ]]; then
    case "$a" in
      ml-100k) file="$shared/ml-100k/u.data" ;;
      ml-latest-small) file="$shared/ml-latest-small/ratings.csv" ;;
      hetrec2011-lastfm-2k) file="$shared/hetrec2011-lastfm-2k/user_artists.dat" ;;
    esac
    [ -f "$file" ] || { echo "skipped $a: $file is absent"; continue; }
    args=("$kind" "$a" "$file")
  else
    args=(spk "$a" "$b")
  fi
  for r in $(seq "$rounds"); do
    for side in A B; do
      echo "$side	$(java -Xmx6g -cp "$frozen/$side:$jars" "$here/bench/java/AlgoTimings.java" "${args[@]}" "$runs" 2)"
    done
  done
done | tee /dev/stderr | awk -F'\t' '
  /^[AB]\t/ { split($3, m, " "); split($6, u, " "); key = $2 SUBSEP $1; n[key]++; v[key, n[key]] = m[2]; w[key, n[key]] = u[3]
              d[$2, $1] = $5; names[$2] = 1 }
  END {
    for (c in names) {
      line = c
      for (s = 0; s < 2; s++) {
        side = s == 0 ? "A" : "B"; key = c SUBSEP side; k = n[key]
        for (pass = 0; pass < 2; pass++) {
          for (i = 1; i <= k; i++) a[i] = pass == 0 ? v[key, i] : w[key, i]
          for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
          med[pass] = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        line = line sprintf("\t%s (%d runs) wall %.3f s, cpu %.3f s", side, k, med[0], med[1])
      }
      line = line (d[c, "A"] == d[c, "B"] ? "\tidentical" : "\tDIFFERENT")
      print line
    }
  }'
echo "end $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
