#!/usr/bin/env bash
# The stability forecast's backtest (spiky.stability.forecast) on ml-latest-small's yearly
# snapshots (2010-01-01 .. 2018-01-01, pipeline defaults) and on a timed generated DCBM (5,000
# items, 20,000 contexts one a minute, seed 42; five snapshots after contexts 8,000, 11,000, 14,000,
# 17,000 and 20,000): mae against baselineMae and Spearman, with the lag and without it.
# Usage: bench/forecast.sh   (needs ../shared/datasets; writes nothing in the repository; ports from
# FORECAST_API_PORT, FORECAST_BOLT_PORT, FORECAST_HTTP_PORT)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "$here/../shared/datasets" && pwd)"
work="$(mktemp -d)"
port="${FORECAST_API_PORT:-7383}" bolt="${FORECAST_BOLT_PORT:-7984}" http="${FORECAST_HTTP_PORT:-7785}"
"$here/spiky" --version >/dev/null   # builds once, outside the timings
export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
"$here/spiky" serve --data "$work/data" --default-dataset '' --import-dir "$shared" \
    --port "$port" --bolt-port "$bolt" --neo4j-http-port "$http" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -sf "localhost:$port/api/health" >/dev/null && break; sleep 1; done
cypher() {
  curl -sf -u "neo4j:$SPIKY_NEO4J_PASSWORD" -H 'Content-Type: application/json' "localhost:$http/db/neo4j/tx/commit" \
       -d "$(python3 -c 'import json,sys; print(json.dumps({"statements":[{"statement":sys.argv[1]}]}))' "$1")" \
  | python3 -c '
import json, sys
out = json.load(sys.stdin)
if out["errors"]:
    sys.exit(out["errors"])
res = out["results"][0]
for row in res["data"]:
    print(json.dumps(dict(zip(res["columns"], row["row"]))))'
}
curl -sf -X POST "localhost:$port/api/datasets/ml/import" -H 'Content-Type: application/json' \
     -H "Authorization: Bearer $SPIKY_API_TOKEN" -d '{"format": "movielens", "path": "ml-latest-small/ratings.csv"}' >/dev/null
cypher "CALL spiky.snapshots('ml', {every: 'P1Y', from: '2010-01-01'}) YIELD until, runId, n RETURN until, runId, n"
cypher "CALL spiky.dcbm.generate('dcbm-timed', {items: 5000, contexts: 20000, seed: 42}) YIELD items RETURN items"
cypher "CALL spiky.snapshots('dcbm-timed', {cuts: [1600479940, 1600659940, 1600839940, 1601019940, 1601199940]}) YIELD until, runId, n RETURN until, runId, n"
Y="YIELD runId, model, features, lag, mae, baselineMae, spearman, maeByModel, spearmanByModel, trainRows, testRows, testMeanJaccard RETURN *"
for dataset in ml dcbm-timed; do
  for config in "{}" "{lag: 'no'}" "{metric: 'dot'}"; do
    echo "== $dataset $config"
    start=$(date +%s)
    cypher "CALL spiky.stability.forecast.stats('$dataset', $config) $Y"
    echo "($(( $(date +%s) - start )) s)"
  done
done
