#!/usr/bin/env bash
# SVD benchmark: spiky's TruncatedSvd against scikit-learn's randomized_svd (same rank 128,
# oversampling 10, 7 power iterations) and scipy's eigsh (the accuracy reference), on the same
# exported PPMI matrices: ml-latest-small, and a generated DCBM with > 100,000 items.
# Needs Debian's python3-sklearn (/usr/bin/python3) and ../shared/datasets.
# usage: bench/svd.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
"$here/spiky" --version >/dev/null
cp="$here/algo/target/classes$(printf ':%s' "$here"/server/target/lib/commons-math3-*.jar "$here"/server/target/lib/ejml-*.jar)"
data="$work/data"
if [ ! -f "$work/ml-latest-small-ppmi.mtx" ]; then
  "$here/spiky" import --data "$data" --dataset ml-latest-small --format movielens \
      --path "$here/../shared/datasets/ml-latest-small/ratings.csv" 2>/dev/null
  "$here/spiky" generate --data "$data" --dataset dcbm-100k -c items=120000 -c contexts=100000 -c minLength=10 -c maxLength=50 2>/dev/null
  "$here/spiky" export --data "$data" --dataset ml-latest-small --out "$work" 2>/dev/null
  "$here/spiky" export --data "$data" --dataset dcbm-100k --out "$work" 2>/dev/null
fi
for m in ml-latest-small dcbm-100k; do
  /usr/bin/python3 "$here/bench/svd_reference.py" "$work/$m-ppmi.mtx" 128 "$runs" "$work/$m-reference.json"
  java -Xmx8g -cp "$cp" "$here/bench/java/SvdBench.java" "$work/$m-ppmi.mtx" 128 "$runs" 2 > "$work/$m-spiky.json"
  /usr/bin/python3 "$here/bench/svd_compare.py" "$work/$m-reference.json" "$work/$m-spiky.json" "$m"
  echo
done
