#!/usr/bin/env python3
"""Prints the SVD benchmark's table: median seconds, speed-up against randomized_svd, and the
largest relative error of the top-64 and of all singular values against eigsh.

usage: svd_compare.py REFERENCE.json SPIKY.json LABEL
"""
import json
import statistics
import sys

ref, spiky, label = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
truth = ref["reference_sigma"]


def errors(sigma):
    rel = [abs(s - t) / t for s, t in zip(sigma, truth)]
    return max(rel[:64]), max(rel)


base = ref["randomized_svd_median"]
print(f"{label}: n = {ref['n']:,}, nnz = {ref['nnz']:,}, rank = {ref['rank']}; eigsh (tol 1e-12) took {ref['eigsh_seconds']:.1f} s")
print("| method | runs (s) | median (s) | speed-up vs randomized_svd | max rel. error top-64 | max rel. error all | peak memory |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
e64, eall = errors(ref["randomized_svd_sigma"])
print(f"| scikit-learn randomized_svd | {', '.join(f'{x:.2f}' for x in ref['randomized_svd_seconds'])} | {base:.2f} | 1.00 | {e64:.2e} | {eall:.2e} | {ref.get('randomized_svd_peak_rss_mib', '?')} MiB RSS (process) |")
for method in ("randomized", "block-krylov"):
    m = spiky[method]
    med = statistics.median(m["seconds"])
    e64, eall = errors(m["sigma"])
    print(f"| spiky {method} ({m['matrixProducts']} products) | {', '.join(f'{x:.2f}' for x in m['seconds'])} | {med:.2f} | {base / med:.2f} | {e64:.2e} | {eall:.2e} | {m.get('peakHeapMiB', '?')} MiB heap (JVM) |")
