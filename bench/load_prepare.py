"""Prepares bench/load.sh: imports ml-100k, embeds it, warms the report cache and writes a wrk
Lua script cycling through the URLs; or, with --keep-running SECONDS [same|alternate], starts
pipeline runs one after the other for that long and prints how many ran. "same" (the default)
repeats the first run's PPMI settings, so each run keeps the dataset's PPMI set and writes only
its embeddings; "alternate" switches minCount between 3 and 2, so that every run writes a new
PPMI set of hundreds of thousands of relationships, deletes the old one, and makes the reports
that read it stale.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request


def call(url, body=None):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if body is not None:
        headers["Authorization"] = "Bearer " + os.environ["SPIKY_API_TOKEN"]
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=3600) as r:
        return json.loads(r.read()) if r.headers.get("Content-Type", "").startswith("application/json") else r.read()


def wait_run(base, run):
    while True:
        status = call(f"{base}/api/runs/{run}")["status"]
        if status != "running":
            return status
        time.sleep(0.5)


def prepare(base, lua):
    for _ in range(600):
        try:
            call(base + "/api/health")
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(1)
    call(base + "/api/datasets/ml-100k/import", {"format": "movielens", "path": "ml-100k/u.data"})
    run = call(base + "/api/datasets/ml-100k/runs", {})["run"]
    if wait_run(base, run) != "finished":
        sys.exit(f"run {run} failed")
    info = call(f"{base}/api/runs/{run}")
    f = info["spkTable"][0]["f"]
    spike = call(f"{base}/api/runs/{run}/communities?f={f}&pageSize=1")["communities"][0]["spike"]
    item = call(f"{base}/api/runs/{run}/degrees?pageSize=1")["items"][0]["item"]
    doc = call(base + "/api/openapi.json")
    paths = ["/api/health", f"/api/runs/{run}", f"/api/runs/{run}/communities?f={f}",
             f"/api/runs/{run}/communities/{spike}?f={f}", f"/api/runs/{run}/truth?f={f}",
             f"/api/runs/{run}/degrees?f={f}&pageSize=100"]
    if "/api/runs/{id}/items/{item}/similar" in doc["paths"]:
        paths += [f"/api/runs/{run}/items/{item}/similar?metric=cosine&k=10",
                  f"/api/runs/{run}/items/{item}/similar?metric=dot&k=10"]
    for p in paths:
        call(base + p)  # computes and caches each report once
    with open(lua, "w") as out:
        out.write("local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n")
        out.write("local i = 0\nrequest = function()\n  i = i + 1\n"
                  "  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n")
    print("URLs, in turn:", *paths, sep="\n  ")


def keep_running(base, seconds, mode):
    end = time.time() + seconds
    runs = []
    while time.time() < end:
        config = {"method": "randomized"}
        if mode == "alternate":
            config["minCount"] = 3 if len(runs) % 2 == 0 else 2
        run = call(base + "/api/datasets/ml-100k/runs", config)["run"]
        runs.append((run, wait_run(base, run)))
    written = [call(f"{base}/api/runs/{r}").get("ppmiRelationships", 0) for r, _ in runs]
    print(f"pipeline runs during the load ({mode}): {len(runs)}, statuses {sorted({s for _, s in runs})}, "
          f"PPMI relationships written by each: {written}")


if __name__ == "__main__":
    if sys.argv[2] == "--keep-running":
        keep_running(sys.argv[1], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "same")
    else:
        prepare(sys.argv[1], sys.argv[2])
