#!/usr/bin/env bash
# The Spk sweep and its recommended truncation (GET /api/runs/{id}/sweep) on ml-100k, Last.fm
# HetRec 2K and ml-latest-small, and on generated DCBMs (2,000 items, 5,000 contexts, seed 42):
# K = 6, 12, 24 at mix 0.1, K = 8 and 12 at mix 0.3, K = 8 at mix 0.5; each embedded by a default
# pipeline run (rank 128). Prints one markdown table (the README's "Choosing f").
# Usage: bench/sweep.sh   (needs ../shared/datasets; writes nothing in the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "$here/../shared/datasets" && pwd)"
work="$(mktemp -d)"
port=7381
"$here/spiky" --version >/dev/null   # builds once
export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
"$here/spiky" serve --data "$work/data" --default-dataset '' --import-dir "$shared" \
    --port "$port" --bolt-port 7982 --neo4j-http-port 7783 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/bench/sweep_table.py" "http://127.0.0.1:$port" "http://127.0.0.1:7783"
