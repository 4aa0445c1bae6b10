#!/usr/bin/env bash
# What a narrower block-Krylov basis gives up (the memory guard proposes a smaller powerIterations
# when the default basis does not fit): block Krylov at q = 7 (the reference), 5, 4, 3, 2, 1 and the
# randomized method, on the same exported PPMI matrices as bench/svd.sh (ml-latest-small, and a
# generated DCBM of 120,000 items). Prints a markdown table per matrix (bench/java/KrylovBasisBench.java).
# usage: bench/krylov-basis.sh            SPIKY_BENCH_DIR=DIR reuses DIR's exported matrices
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
"$here/spiky" --version >/dev/null
data="$work/data"
if [ ! -f "$work/dcbm-100k-ppmi.mtx" ]; then
  "$here/spiky" import --data "$data" --dataset ml-latest-small --format movielens \
      --path "$here/../shared/datasets/ml-latest-small/ratings.csv" 2>/dev/null
  "$here/spiky" generate --data "$data" --dataset dcbm-100k -c items=120000 -c contexts=100000 -c minLength=10 -c maxLength=50 2>/dev/null
  "$here/spiky" export --data "$data" --dataset ml-latest-small --out "$work" 2>/dev/null
  "$here/spiky" export --data "$data" --dataset dcbm-100k --out "$work" 2>/dev/null
fi
cp="$here/algo/target/classes$(printf ':%s' "$here"/server/target/lib/commons-math3-*.jar "$here"/server/target/lib/ejml-*.jar)"
classes="$work/bench-classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$cp" "$here/bench/java/SvdBench.java" "$here/bench/java/KrylovBasisBench.java"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in ml-latest-small dcbm-100k; do
  java -Xmx8g -cp "$classes:$cp" KrylovBasisBench "$work/$m-ppmi.mtx" 2 7 5 4 3 2 1
  echo
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
