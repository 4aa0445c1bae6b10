#!/usr/bin/env bash
# The Spark job in local mode against the in-database pipeline, stage by stage, on one machine:
# the engine's overhead. Both read the same generated DCBM (by default the 100k-item set of
# bench/svd.sh: items=120000 contexts=100000 minLength=10 maxLength=50), written once as the csv
# interchange by bench/java/DcbmCsv.java and imported with ./spiky import --format csv, so that
# the two see the same rows in the same item order (and the SVD draws the same Ω).
# Each side runs RUNS times; the table gives per stage the runs, the median and Spark / database.
# Per-row costs (ms per million interactions, co-occurring pairs, non-zeros × products) follow,
# the inputs of the 1-billion-interaction plan in README. The SVD stage has a baseline column:
# MLlib's RowMatrix.computeSVD (ARPACK; spiky.spark.ArpackBaseline) of each Spark run's own PPMI
# matrix (its ppmi.parquet), same rank, timed alone (ARPACK=0 skips it).
# usage: bench/spark.sh [RUNS] [MASTER]     env: DCBM="items=... contexts=..." SPARK_SETTINGS="-c rank=128 ..."
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
master="${2:-local[2]}"
dcbm="${DCBM:-items=120000 contexts=100000 minLength=10 maxLength=50}"
settings="${SPARK_SETTINGS:-}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (before)"
(cd "$here" && mvn -q -B -Dmaven.test.skip=true -pl server -am package && mvn -q -B -Dmaven.test.skip=true -pl spark -am package)
math="$(tr ':' '\n' < "$here/spark/target/spark-classpath.txt" | grep commons-math3 | head -1)"
csv="$work/dcbm.csv"
java -cp "$here/algo/target/classes:$math" "$here/bench/java/DcbmCsv.java" "$csv" $dcbm
"$here/spiky" import --data "$work/data" --dataset dcbm --format csv --path "$csv" >/dev/null
pipeline_args=()
spark_args=()
for kv in $settings; do
  [ "$kv" = "-c" ] && continue
  pipeline_args+=(-c "$kv"); spark_args+=(-c "$kv")
done
for i in $(seq 1 "$runs"); do
  echo "== in-database pipeline, run $i (load $(cut -d' ' -f1 /proc/loadavg))"
  "$here/spiky" pipeline --data "$work/data" --dataset dcbm "${pipeline_args[@]}" 2>/dev/null | tee "$work/db-$i.txt"
  echo "== Spark $master, run $i (load $(cut -d' ' -f1 /proc/loadavg))"
  "$here/spiky" spark --input "$csv" --out "$work/spark-$i" --master "$master" "${spark_args[@]}" 2>"$work/spark-$i.log"
  grep -o '"millis" : {[^}]*}' -z "$work/spark-$i/run.json" | tr -d '\0' | tr '\n' ' '; echo
  if [ "${ARPACK:-1}" != 0 ]; then
    echo "== MLlib computeSVD (ARPACK) on run $i's PPMI matrix (load $(cut -d' ' -f1 /proc/loadavg))"
    rank="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rank"])' "$work/spark-$i/run.json")"
    parts="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["settings"]["partitions"])' "$work/spark-$i/run.json")"
    SPIKY_SPARK_MAIN=spiky.spark.ArpackBaseline "$here/spiky" spark "$work/spark-$i" "$rank" "$parts" "$master" 2>"$work/arpack-$i.log" \
      | tee "$work/arpack-$i.txt"
  fi
done
echo "== machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" "$runs" <<'PY'
import json, re, statistics, sys, pathlib
work, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
db, sp = [], []
for i in range(1, runs + 1):
    text = (work / f"db-{i}.txt").read_text()
    m = re.search(r"milliseconds: \{([^}]*)\}", text)
    db.append({k.strip(): int(v) for k, v in (kv.split("=") for kv in m.group(1).split(","))})
    sp.append(json.loads((work / f"spark-{i}" / "run.json").read_text()))
med = lambda xs: statistics.median(xs)
print("| stage | database runs (ms) | database median | Spark runs (ms) | Spark median | Spark / database |")
print("| --- | --- | --- | --- | --- | --- |")
# The database's ppmi stage includes reading the arrays it starts from; Spark's read is parsing the csv.
pairs = [("ppmi", ["read", "ppmi", "matrix"]), ("svd", ["svd"]), ("embed", ["embed"]), ("spikes", ["spikes"])]
for stage, spark_stages in pairs:
    d = [r.get(stage, 0) + (r.get("read", 0) if stage == "ppmi" else 0) for r in db]
    s = [sum(r["millis"].get(x, 0) for x in spark_stages) for r in sp]
    print(f"| {stage} | {d} | {med(d):.0f} | {s} | {med(s):.0f} | {med(s) / max(1, med(d)):.1f} |")
arpack = []
for i in range(1, runs + 1):
    f = work / f"arpack-{i}.txt"
    m = re.search(r"(\d+) ms, top-64 worst relative difference from the run (\S+)", f.read_text()) if f.exists() else None
    if m:
        arpack.append((int(m.group(1)), float(m.group(2))))
if arpack:
    a = [x[0] for x in arpack]
    print(f"| svd: MLlib computeSVD (ARPACK), same matrix and rank | — | — | {a} | {med(a):.0f} | {med(a) / max(1, med(d_svd)):.1f} |"
          if (d_svd := [r.get('svd', 0) for r in db]) else "")
    print()
    print(f"ARPACK against the Spark run's singular values: top-64 worst relative difference {[x[1] for x in arpack]}")
r = sp[0]
c = r["counts"]
ppmi_ms = med([x["millis"]["ppmi"] for x in sp])
svd_ms = med([x["millis"]["svd"] for x in sp])
print()
print(f"interactions {c['interactions']:,}, co-occurring pairs {c['cooccurringPairs']:,}, kept items {r['n']:,}, nnz {r['nnz']:,}, "
      f"products {r['matrixProducts']}, sketch width {r['settings']['rank'] + r['settings']['oversampling']}")
print(f"Spark PPMI: {ppmi_ms / c['interactions'] * 1e6:.0f} ms per million interactions, "
      f"{ppmi_ms / c['cooccurringPairs'] * 1e6:.1f} ms per million co-occurring pairs (both on {r['spark']['master']})")
k = r['settings']['rank'] + r['settings']['oversampling']
print(f"Spark SVD: {svd_ms / (r['nnz'] * r['matrixProducts']) * 1e6:.2f} ms per million non-zeros per product (k = {k})")
PY
