"""The Spk sweep's recommendation per dataset: import (or generate), one default pipeline run, then
GET /api/runs/{id}/sweep. Arguments: the spiky API base URL and the Neo4j HTTP base URL (for
spiky.dcbm.generate). Prints a markdown table."""
import base64
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from reports_latency import call, wait_run, wait_up  # noqa: E402

REAL = [("ml-100k", "movielens", "ml-100k/u.data"),
        ("lastfm", "lastfm-hetrec", "hetrec2011-lastfm-2k/user_artists.dat"),
        ("ml-latest-small", "movielens", "ml-latest-small/ratings.csv")]
DCBM = [(6, 0.1), (12, 0.1), (24, 0.1), (8, 0.3), (12, 0.3), (8, 0.5)]


def cypher(neo4j, statement):
    auth = base64.b64encode(("neo4j:" + os.environ["SPIKY_NEO4J_PASSWORD"]).encode()).decode()
    req = urllib.request.Request(neo4j + "/db/neo4j/tx/commit", method="POST",
                                 data=json.dumps({"statements": [{"statement": statement}]}).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": "Basic " + auth})
    with urllib.request.urlopen(req, timeout=3600) as r:
        body = json.load(r)
    if body["errors"]:
        sys.exit(str(body["errors"]))


def pipeline(base, name):
    run = json.loads(call(f"{base}/api/datasets/{name}/runs", "POST", {})[1])["run"]
    wait_run(base, run)
    return run


def row(base, name, run, truth):
    t0 = time.perf_counter()
    s = json.loads(call(f"{base}/api/runs/{run}/sweep")[1])
    took = time.perf_counter() - t0
    levels = {l["f"]: l for l in s["levels"]}
    gap = levels[s["gapF"]]["gap"] if s["gapF"] else None
    peaks = " / ".join(str(levels[f]["peaks"]) for f in (16, 32, 64, 128) if f in levels)
    print(f"| {name} | {truth} | {s['items']:,} | **{s['recommendedF']}** | {s['rule']} | {s['gapF']} ({gap:.2f}) "
          f"| {s['noiseF'] if s['noiseF'] is not None else '—'} | {peaks} | {took:.1f} |")


def main():
    base, neo4j = sys.argv[1], sys.argv[2]
    wait_up(base)
    print("| dataset | K | n | recommended f | rule | gapF (σk/σk+1) | noiseF | peaks at f' = 16 / 32 / 64 / 128 | sweep s |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for name, fmt, path in REAL:
        call(f"{base}/api/datasets/{name}/import", "POST", {"format": fmt, "path": path})
        row(base, name, pipeline(base, name), "—")
    for k, mix in DCBM:
        name = f"dcbm-k{k}-mix{mix}"
        cypher(neo4j, f"CALL spiky.dcbm.generate('{name}', {{communities: {k}, mix: {mix}, seed: 42}})")
        row(base, name, pipeline(base, name), k)


if __name__ == "__main__":
    main()
