"""Latency of spiky's report routes: import, run, then time every report route cold and cached.

Arguments: API base URL, repeats, then triples (dataset name, import format, path inside the
server's import directory). Prints one markdown table per dataset.
"""
import base64
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request


def call(url, method="GET", body=None, accept="application/json"):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Accept": accept}
    if method == "POST":
        headers["Authorization"] = "Bearer " + os.environ["SPIKY_API_TOKEN"]
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=3600) as r:
        payload = r.read()
        elapsed = time.perf_counter() - start
        return r.status, payload, elapsed, r.headers.get("X-Spiky-Cache")


def wait_up(base):
    for _ in range(600):
        try:
            call(base + "/api/health")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(1)
    sys.exit("the server did not come up")


def wait_run(base, run):
    """Follows the run's Server-Sent Events until its last event."""
    req = urllib.request.Request(f"{base}/api/runs/{run}/events", headers={"Accept": "text/event-stream"})
    last = None
    with urllib.request.urlopen(req, timeout=7200) as r:
        for line in r:
            line = line.decode().strip()
            if line.startswith("event:"):
                last = line[6:].strip()
    if last != "finished":
        sys.exit(f"run {run} ended with {last}")


def report_routes(base):
    doc = json.loads(call(base + "/api/openapi.json")[1])
    return [p for p, ops in doc["paths"].items()
            if p.startswith("/api/runs/{id}") and "get" in ops and not p.endswith("/events")]


def main():
    base, repeats = sys.argv[1], int(sys.argv[2])
    triples = sys.argv[3:]
    wait_up(base)
    routes = report_routes(base)
    for k in range(0, len(triples), 3):
        name, fmt, path = triples[k:k + 3]
        t0 = time.perf_counter()
        call(f"{base}/api/datasets/{name}/import", "POST", {"format": fmt, "path": path})
        imported = time.perf_counter() - t0
        t0 = time.perf_counter()
        run = json.loads(call(f"{base}/api/datasets/{name}/runs", "POST", {})[1])["run"]
        wait_run(base, run)
        ran = time.perf_counter() - t0
        info = json.loads(call(f"{base}/api/runs/{run}")[1])
        f = info["spkTable"][0]["f"]
        largest = json.loads(call(f"{base}/api/runs/{run}/communities?f={f}&pageSize=1")[1])["communities"][0]["spike"]
        print(f"\n### {name}: run {run}, n = {info['n']}, import {imported:.1f} s, pipeline {ran:.1f} s, f' = {f}\n")
        print("| route | first (uncached) ms | cached p50 ms | cached p95 ms | bytes |")
        print("| --- | ---: | ---: | ---: | ---: |")
        targets = []
        for route in routes:
            url = base + route.replace("{id}", run).replace("{spike}", str(largest)).replace("{item}", str(largest)) + f"?f={f}"
            if route == "/api/runs/{id}":
                url = base + route.replace("{id}", run)
            if route.endswith("/stability"):
                url += f"&runs={run}"  # the run against itself: the cost of the analysis, not its finding
            if route.endswith("/similar"):
                url += "&metric=dot&k=10"
            targets.append((route, url, "application/json"))
            if route.endswith("/degrees"):
                targets.append((route + " (text/csv)", url, "text/csv"))
        for route, url, accept in targets:
            status, body, first, cache = call(url, accept=accept)
            times = []
            for _ in range(repeats):
                status, body, elapsed, cache = call(url, accept=accept)
                if cache != "hit" and not (accept == "text/csv" and cache == "bypass"):  # a whole CSV is streamed, not cached
                    sys.exit(f"{url}: expected a cache hit, got {cache}")
                times.append(elapsed * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"| `{route}` | {first * 1000:.0f} | {statistics.median(times):.1f} | {p95:.1f} | {len(body):,} |")
        if "/api/runs/{id}/similar-discovery" in routes:
            found = json.loads(call(f"{base}/api/runs/{run}/similar-discovery")[1])
            print(f"\nsimilar-discovery of {run} (sample {found['sample']}, k = {found['k']}; quintile 1 = highest norms):")
            print("| quintile | sampled | their interactions | overlap cosine/dot | interactions of cosine results | of dot results |")
            print("| ---: | ---: | ---: | ---: | ---: | ---: |")
            for q in found["quintiles"]:
                print(f"| {q['quintile']} | {q['sampled']} | {q['meanInteractions']:.1f} | {q['meanOverlap']:.3f} | "
                      f"{q['cosineMeanInteractions']:.1f} | {q['dotMeanInteractions']:.1f} |")


if __name__ == "__main__":
    main()
