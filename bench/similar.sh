#!/usr/bin/env bash
# Similar-items benchmark: spiky's exact parallel scan (spiky.similar's algorithm) over ROWS
# synthetic spiky embeddings of 128 dimensions, both metrics, and a Neo4j 5.26 vector index over
# the first INDEX_ROWS of them (cosine; dot product by the maximum-inner-product reduction) with
# exact re-ranking of its candidates: p50 / p99 per query and recall@10. Builds nothing: run
# `mvn -o -q -B verify -pl server -am -DskipTests` (or ./spiky --version) first.
# usage: bench/similar.sh [ROWS [INDEX_ROWS [QUERIES [CONCURRENCY]]]]   (1000000 200000 1000 2)
# The database folder is kept in SPIKY_BENCH_DIR (default a new temporary one) and reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
index_rows="${2:-200000}"
queries="${3:-1000}"
concurrency="${4:-2}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
cp="$here/algo/target/classes:$here/procedures/target/classes:$here/server/target/lib/*"
exec java -Xmx8g -cp "$cp" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  "$here/bench/java/SimilarBench.java" "$rows" "$index_rows" "$queries" "$concurrency" "$work/similar-db-$index_rows"
