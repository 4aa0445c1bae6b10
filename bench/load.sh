#!/usr/bin/env bash
# Load: 64 connections for DURATION seconds (default 60) over loopback against cached report
# routes, similar items (when the route exists) and /api/health of a server holding ml-100k,
# while pipeline runs on ml-100k follow one another in the background (one is always in
# progress). wrk (Debian's package) drives the load; its summary gives throughput, latency
# percentiles, non-2xx answers and socket errors/timeouts.
# Usage: bench/load.sh [DURATION] [same|alternate]   (needs ../shared/datasets and wrk; writes nothing
# in the repository). same (default): the background runs repeat the PPMI settings, so each keeps
# the dataset's PPMI set; alternate: they switch minCount 3/2, so each writes a new set (see
# bench/load_prepare.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-60}"
mode="${2:-same}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
shared="$(cd "$here/../shared/datasets" && pwd)"
work="$(mktemp -d)"
port=7391
"$here/spiky" --version >/dev/null   # builds once, outside the timings
export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
"$here/spiky" serve --data "$work/data" --default-dataset '' --import-dir "$shared" \
    --port "$port" --bolt-port 7992 --neo4j-http-port 7793 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/bench/load_prepare.py" "http://127.0.0.1:$port" "$work/paths.lua"
# Pipeline runs one after the other for the whole load (the server runs them one at a time).
python3 "$here/bench/load_prepare.py" "http://127.0.0.1:$port" --keep-running "$((duration + 20))" "$mode" &
runner=$!
sleep 3
# Warm-up (JIT, caches), not recorded.
wrk -t2 -c64 -d10s --timeout 5s -s "$work/paths.lua" "http://127.0.0.1:$port" > /dev/null
echo "== measured"
wrk -t2 -c64 -d"${duration}s" --timeout 5s --latency -s "$work/paths.lua" "http://127.0.0.1:$port"
wait $runner
