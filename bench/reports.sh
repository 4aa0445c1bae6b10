#!/usr/bin/env bash
# Report latency: every GET /api/runs/{id}/... report route listed in /api/openapi.json (except
# the event stream), on ml-100k and hetrec2011-lastfm-2k, each embedded by a default pipeline run
# started over HTTP. Per route: the first (uncached) answer, then the median (p50) and p95 of
# REPEATS cached answers, over loopback from one client.
# Usage: bench/reports.sh [REPEATS]   (needs ../shared/datasets; writes nothing in the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-25}"
shared="$(cd "$here/../shared/datasets" && pwd)"
work="$(mktemp -d)"
port=7371
"$here/spiky" --version >/dev/null   # builds once, outside the timings
# Secrets of this throw-away server: the API token for POSTs, the Neo4j password for Cypher.
export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
"$here/spiky" serve --data "$work/data" --default-dataset '' --import-dir "$shared" \
    --port "$port" --bolt-port 7972 --neo4j-http-port 7773 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/bench/reports_latency.py" "http://127.0.0.1:$port" "$repeats" \
    ml-100k movielens ml-100k/u.data \
    lastfm lastfm-hetrec hetrec2011-lastfm-2k/user_artists.dat
