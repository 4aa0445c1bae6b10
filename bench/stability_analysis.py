"""Yearly snapshots of ml-latest-small and the stability of their similar-items lists by norm.

Arguments: spiky API base URL, Neo4j HTTP connector base URL, extra snapshot config (Cypher map
entries, may be empty). Prints the snapshot runs and one markdown table per metric.
"""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request


def http(url, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    method = method or ("POST" if body is not None else "GET")
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if "/db/neo4j/" in url:
        basic = base64.b64encode(("neo4j:" + os.environ["SPIKY_NEO4J_PASSWORD"]).encode()).decode()
        headers["Authorization"] = "Basic " + basic
    elif method == "POST":
        headers["Authorization"] = "Bearer " + os.environ["SPIKY_API_TOKEN"]
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=7200) as r:
        return json.loads(r.read())


def cypher(neo4j, statement, parameters=None):
    out = http(neo4j + "/db/neo4j/tx/commit", {"statements": [{"statement": statement, "parameters": parameters or {}}]})
    if out["errors"]:
        sys.exit(out["errors"])
    res = out["results"][0]
    return [dict(zip(res["columns"], row["row"])) for row in res["data"]]


def main():
    api, neo4j, extra = sys.argv[1], sys.argv[2], sys.argv[3]
    for _ in range(600):
        try:
            http(api + "/api/health")
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(1)
    http(api + "/api/datasets/ml/import", {"format": "movielens", "path": "ml-latest-small/ratings.csv"})
    t0 = time.perf_counter()
    config = "every: 'P1Y', from: '2010-01-01'" + (", " + extra if extra else "")
    snaps = cypher(neo4j, "CALL spiky.snapshots('ml', {" + config + "}) YIELD until, runId, n, nnz RETURN until, runId, n, nnz")
    print(f"spiky.snapshots('ml', {{{config}}}): {len(snaps)} runs in {time.perf_counter() - t0:.0f} s\n")
    print("| until | run | items | PPMI nnz |\n| --- | --- | ---: | ---: |")
    for s in snaps:
        print(f"| {s['until'][:10]} | {s['runId']} | {s['n']:,} | {s['nnz']:,} |")
    ref = snaps[-1]["runId"]
    runs = ",".join(s["runId"] for s in snaps)
    t0 = time.perf_counter()
    report = http(f"{api}/api/runs/{ref}/stability?runs={runs}")
    print(f"\nGET /api/runs/{ref}/stability?runs=... ({report['config']}): {time.perf_counter() - t0:.0f} s")
    until = {s["runId"]: s["until"][:4] for s in snaps}
    for metric in ("dot", "cosine"):
        rows = [r for r in report["rows"] if r["metric"] == metric]
        parts = sorted({r["partition"] for r in rows})
        print(f"\n**{metric}**: mean Jaccard (95 % interval half-width) of top-{rows[0]['k']} lists with the {until[ref]} "
              f"run's, by norm quantile (1 = lowest); missing = sampled items absent from that year's run\n")
        print("| snapshot | " + " | ".join(f"q{p}" for p in parts) + " | missing (q1..q5) | present items only (q1..q5) |")
        print("| --- | " + " | ".join("---:" for _ in parts) + " | --- | --- |")
        for s in snaps:
            cells = {r["partition"]: r for r in rows if r["run"] == s["runId"]}
            print(f"| {until[s['runId']]} | " + " | ".join(
                f"{cells[p]['meanJaccard']:.3f} ({(cells[p]['ciHigh'] - cells[p]['ciLow']) / 2:.3f})" for p in parts)
                  + " | " + " ".join(str(cells[p]["missing"]) for p in parts)
                  + " | " + " ".join("-" if cells[p]["meanJaccardPresent"] is None else f"{cells[p]['meanJaccardPresent']:.3f}" for p in parts) + " |")


if __name__ == "__main__":
    main()
