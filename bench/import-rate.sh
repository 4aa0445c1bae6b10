#!/usr/bin/env bash
# Import rate: rows/s of `spiky import` on ml-latest-small (median of RUNS runs, each on a fresh
# data directory), and of `spiky generate` on a generated DCBM of more than 5 million interactions.
# Usage: bench/import-rate.sh [RUNS]   (needs ../shared/datasets; writes nothing in the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
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
