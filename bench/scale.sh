#!/usr/bin/env bash
# Full size on one machine (issue 13): generate, bulk import, pipeline with write-back, then every
# report route over HTTP, each stage timed (wall, peak RSS by /usr/bin/time -v; the pipeline's own
# per-stage time and peak heap as it prints them), into one markdown table.
#   bench/scale.sh [ITEMS] [INTERACTIONS]   a DCBM of ITEMS items, about INTERACTIONS interactions
#                                           (default 1000000 20000000: the issue's shape, INTERACTIONS/20
#                                           contexts of 10..30 slots, 100 communities)
#   bench/scale.sh mpd                      MPD size: --model playlists with its defaults
#                                           (1 M playlists, 2.26 M tracks, 66 M pairs)
# Environment: HEAP (pipeline -Xmx, default 16g), SERVE_HEAP (server -Xmx, default 16g), IMPORT_HEAP (default 6g), PIPELINE_CONFIG
# (extra "-c k=v" words for the pipeline), PORT (API port, default 7391; Bolt and Neo4j HTTP next
# to it), BENCH_TMP (work directory root, default /tmp), KEEP=1 keeps the work directory,
# ROUTES_ONLY=DIR (a work directory kept by KEEP=1: only the server and the routes, on DIR/data),
# ROUTE_FILTER=REGEX (only the routes matching it), STABILITY=1 (also GET .../stability of the run against itself: at 1 M items it filled a 16 GB
# server heap and the kernel's OOM killer stopped the server, so it is left out by default).
# Writes nothing in the repository. Say the machine's load (printed before and after) with the figures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
heap="${HEAP:-16g}"
import_heap="${IMPORT_HEAP:-6g}"
port="${PORT:-7391}"
if [ "${1:-}" = "mpd" ]; then
  model=playlists; gen=(); label="MPD size (playlists defaults)"
else
  items="${1:-1000000}"; interactions="${2:-20000000}"
  contexts=$(( interactions / 20 ))   # uniform 10..30 slots: 20 on average
  model=dcbm; gen=(-c "items=$items" -c "contexts=$contexts" -c minLength=10 -c maxLength=30 -c communities=100)
  label="DCBM $items items, $contexts contexts of 10..30 slots"
fi
if [ -n "${ROUTES_ONLY:-}" ]; then work="$ROUTES_ONLY"; KEEP=1; else work="$(mktemp -d "${BENCH_TMP:-/tmp}/spiky-scale.XXXXXX")"; fi
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
"$here/spiky" --version >/dev/null   # builds once, outside the timings
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg); $label; heap -Xmx$heap"

table=()
# stage NAME CMD...: runs CMD under /usr/bin/time -v, output in $work/NAME.out, a table row.
stage() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1; then
    tail -20 "$work/$name.out"; echo "stage $name failed"; exit 1
  fi
  t1=$(date +%s.%N)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/$name.time")
  table+=("| $name | $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s | $rss MiB | $(cut -d' ' -f1 /proc/loadavg) |")
  echo "${table[-1]}"
}

if [ -z "${ROUTES_ONLY:-}" ]; then
stage generate "$here/spiky" generate-file --model "$model" --out "$work/rows.csv.gz" --truth "$work/truth.csv" "${gen[@]}"
grep -E "^Generated|^Wrote" "$work/generate.out" || tail -3 "$work/generate.out"
SPIKY_JAVA_OPTS="-Xmx$import_heap" stage import "$here/spiky" import --data "$work/data" --mode bulk --dataset scale --format csv \
    --path "$work/rows.csv.gz" --items "$work/truth.csv"
grep -E "^Imported|^Constraints" "$work/import.out" || tail -3 "$work/import.out"
# shellcheck disable=SC2086
SPIKY_JAVA_OPTS="-Xmx$heap" stage pipeline "$here/spiky" pipeline --data "$work/data" --dataset scale ${PIPELINE_CONFIG:-}
tail -25 "$work/pipeline.out"
fi

export SPIKY_API_TOKEN="bench-$RANDOM$RANDOM" SPIKY_NEO4J_PASSWORD="bench-$RANDOM$RANDOM"
SPIKY_JAVA_OPTS="-Xmx${SERVE_HEAP:-16g}" "$here/spiky" serve --data "$work/data" --default-dataset '' --port "$port" \
    --bolt-port $((port + 1)) --neo4j-http-port $((port + 2)) > "$work/server.log" 2>&1 &
server=$!
t0=$(date +%s.%N)
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 1; done
echo "server up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
base="http://127.0.0.1:$port/api"
# What the run recorded of each stage (time and peak heap), by Cypher over Neo4j's HTTP connector.
curl -s -u "neo4j:$SPIKY_NEO4J_PASSWORD" -H 'Content-Type: application/json' "http://127.0.0.1:$((port + 2))/db/neo4j/tx/commit" \
    -d '{"statements": [{"statement": "MATCH (r:EmbeddingRun {dataset: '"'scale'"'}) RETURN r {.id, .n, .nnz, .ppmiRelationships, .ppmiWrittenTopK, .method, .*} AS r"}]}' \
    | python3 -c '
import json, sys
r = json.load(sys.stdin)["results"][0]["data"][0]["row"][0]
print("recorded:", {k: v for k, v in sorted(r.items()) if k.startswith(("millis", "peakHeap", "estimated")) or k in ("n", "nnz", "ppmiRelationships", "ppmiWrittenTopK", "method")})' \
    || echo "(could not read the run record over Neo4j HTTP)"
echo "store and files: $(du -sh "$work/data" | cut -f1), of which PPMI files $(du -sh "$work/data/spiky-ppmi" 2>/dev/null | cut -f1)"
run=$(curl -sf "$base/datasets/scale/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runs"][0]["id"])')
f=$(curl -sf "$base/runs/$run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["spkTable"][0]["f"])') || f=16
spike=$(curl -sf "$base/runs/$run/communities?f=$f&pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["communities"][0]["spike"])') || spike=1
item="$spike"   # the peak item of the largest spike
echo "run $run, f' $f, largest spike $spike"
routes=(
  "communities?f=$f" "communities/$spike?f=$f" "truth?f=$f" "degrees?f=$f" "degrees?f=$f csv" "coverage?f=$f" "points?f=$f"
  "items/$item/similar?f=$f&k=10" "items/$item/similar?f=$f&k=10&metric=dot" "similar-discovery?f=$f" "baselines?f=$f"
  "sweep" "forecast?f=$f" "items/$item?f=$f"
)
[ "${STABILITY:-0}" = 1 ] && routes+=("stability?f=$f&runs=$run")
if [ -n "${ROUTE_FILTER:-}" ]; then   # e.g. ROUTE_FILTER='^(baselines|sweep)': only the routes matching it
  kept=(); for r in "${routes[@]}"; do [[ "$r" =~ $ROUTE_FILTER ]] && kept+=("$r"); done; routes=("${kept[@]}")
fi
echo; echo "| route | status | first request | bytes | server RSS after |"; echo "| --- | ---: | ---: | ---: | ---: |"
for r in "${routes[@]}"; do
  accept=application/json; path="$r"
  if [ "${r% csv}" != "$r" ]; then accept=text/csv; path="${r% csv}"; fi
  out=$(curl -s -o "$work/route.body" -H "Accept: $accept" -w '%{http_code} %{time_total} %{size_download}' --max-time 3600 \
      "$base/runs/$run/$path") || out="000 - 0"
  read -r code secs bytes <<< "$out"
  note=""
  [ "$code" = 200 ] || note=" ($(head -c 200 "$work/route.body" | tr '\n' ' '))"
  echo "| \`$r\` | $code$note | $secs s | $bytes | $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' /proc/$server/status 2>/dev/null || echo '?') |"
done
echo
echo "server peak RSS $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' /proc/$server/status 2>/dev/null || echo '?')"
echo; echo "| stage | wall | peak RSS | load (1 min) at end |"; echo "| --- | ---: | ---: | ---: |"
printf '%s\n' "${table[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
