#!/usr/bin/env bash
# The Spark job's read stage over Bolt (--neo4j: the Neo4j connector against a running spiky)
# against the same job reading the csv export of the same dataset, side by side, RUNS times each
# (alternating). The dataset is the default one, dcbm, which ./spiky serve generates on its first
# start (then embeds; the script waits for that run to finish before measuring). The csv export is
# the dataset's interactions in node-id order (Neo4j's HTTP endpoint), so both jobs see the same
# rows in the same item order: their singular values and Spk tables are checked equal.
# "read" is run.json's millis.read: over Bolt the dataset check, the connector's query and
# keeping the rows (persisted and counted); from csv parsing and checking every line.
# usage: bench/spark-neo4j.sh [RUNS] [NEO4J_PARTITIONS]   env: SPIKY_BENCH_DIR, SPARK_SETTINGS (default "-c rank=32 -c spkDims=16,32")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
partitions="${2:-1}"
settings="${SPARK_SETTINGS:--c rank=32 -c spkDims=16,32}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (before)"
(cd "$here" && mvn -q -B -Dmaven.test.skip=true -pl server -am package && mvn -q -B -Dmaven.test.skip=true -pl spark -am package)
read -r api bolt http < <(python3 -c 'import socket
s=[socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1", 0)) for x in s]
print(*[x.getsockname()[1] for x in s])
[x.close() for x in s]')
data="$work/data"
env -u SPIKY_NEO4J_PASSWORD -u SPIKY_API_TOKEN SPIKY_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx3g}" \
  "$here/spiky" serve --data "$data" --port "$api" --bolt-port "$bolt" --neo4j-http-port "$http" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
echo "== waiting for the server and the default dataset's first run (log: $work/server.log)"
python3 - "$api" <<'PY'
import json, sys, time, urllib.request
api = sys.argv[1]
deadline = time.time() + 1800
while time.time() < deadline:
    try:
        runs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{api}/api/datasets/dcbm/runs"))["runs"]
        if any(r.get("status") == "finished" for r in runs):
            sys.exit(0)
    except Exception:
        pass
    time.sleep(2)
sys.exit("the default dataset's first run did not finish")
PY
csv="$work/dcbm.csv"
python3 - "$http" "$data/neo4j-password" "$csv" <<'PY'
import base64, json, sys, urllib.request
port, password_file, out = sys.argv[1], sys.argv[2], sys.argv[3]
password = open(password_file).read().strip()
query = ("MATCH (i:Item {dataset: 'dcbm'})-[r:IN]->(c:Context) "
         "RETURN i.id, c.id, r.timestamp, r.weight ORDER BY id(i), id(c)")
request = urllib.request.Request(f"http://127.0.0.1:{port}/db/neo4j/tx/commit",
    data=json.dumps({"statements": [{"statement": query}]}).encode(),
    headers={"Content-Type": "application/json",
             "Authorization": "Basic " + base64.b64encode(f"neo4j:{password}".encode()).decode()})
answer = json.load(urllib.request.urlopen(request))
assert not answer["errors"], answer["errors"]
rows = answer["results"][0]["data"]
with open(out, "w") as f:
    f.write("item,context,timestamp,weight\n")
    for r in rows:
        f.write(",".join("" if v is None else str(v) for v in r["row"]) + "\n")
print(f"exported {len(rows)} interactions to {out}")
PY
for i in $(seq 1 "$runs"); do
  echo "== over Bolt, run $i (load $(cut -d' ' -f1 /proc/loadavg))"
  "$here/spiky" spark --neo4j "bolt://127.0.0.1:$bolt" --dataset dcbm --neo4j-password-file "$data/neo4j-password" \
      --neo4j-partitions "$partitions" --out "$work/bolt-$i" $settings 2>"$work/bolt-$i.log" || { tail -5 "$work/bolt-$i.log"; exit 1; }
  echo "== from csv, run $i (load $(cut -d' ' -f1 /proc/loadavg))"
  "$here/spiky" spark --input "$csv" --out "$work/csv-$i" $settings 2>"$work/csv-$i.log" || { tail -5 "$work/csv-$i.log"; exit 1; }
done
echo "== machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys, pathlib
work, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
bolt = [json.loads((work / f"bolt-{i}" / "run.json").read_text()) for i in range(1, runs + 1)]
csv = [json.loads((work / f"csv-{i}" / "run.json").read_text()) for i in range(1, runs + 1)]
for b, c in zip(bolt, csv):
    assert b["counts"] == c["counts"], (b["counts"], c["counts"])
    assert b["spk"] == c["spk"], "Spk tables differ"
    worst = max(abs(x - y) / x for x, y in zip(b["singularValues"], c["singularValues"]))
    assert worst <= 1e-12, worst
med = statistics.median
for name in ["read", "ppmi"]:
    rb = [r["millis"][name] for r in bolt]
    rc = [r["millis"][name] for r in csv]
    print(f"{name}: over Bolt {rb} ms (median {med(rb):.0f}), from csv {rc} ms (median {med(rc):.0f}), Bolt / csv {med(rb) / med(rc):.2f}")
tb = [r["spark"]["millisTotal"] for r in bolt]
tc = [r["spark"]["millisTotal"] for r in csv]
print(f"whole job: over Bolt {tb} ms (median {med(tb):.0f}), from csv {tc} ms (median {med(tc):.0f}), Bolt / csv {med(tb) / med(tc):.2f}")
print(f"{bolt[0]['counts']['interactions']} interactions, {bolt[0]['n']} items kept; "
      f"the same counts, Spk table and singular values (within 1e-12 relative) in every pair of runs")
PY
