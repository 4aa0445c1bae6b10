#!/usr/bin/env bash
# Stability over time on ml-latest-small (the paper's Figure 3): import it, embed yearly snapshots
# from 2010 with spiky.snapshots (Cypher, over Neo4j's HTTP connector), then ask
# GET /api/runs/{last}/stability?runs=... (the spiky API) and print mean Jaccard per norm
# quantile and year, for the dot product and cosine.
# Usage: bench/stability.sh [EXTRA_SNAPSHOT_CONFIG]   e.g. "method: 'block-krylov'"
# (needs ../shared/datasets; writes nothing in the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extra="${1:-}"
shared="$(cd "$here/../shared/datasets" && pwd)"
work="$(mktemp -d)"
port=7381
"$here/spiky" --version >/dev/null   # builds once, outside the timings
# Secrets of this throw-away server: the API token for POSTs, the Neo4j password for Cypher.
export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
"$here/spiky" serve --data "$work/data" --default-dataset '' --import-dir "$shared" \
    --port "$port" --bolt-port 7982 --neo4j-http-port 7783 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/bench/stability_analysis.py" "http://127.0.0.1:$port" "http://127.0.0.1:7783" "$extra"
