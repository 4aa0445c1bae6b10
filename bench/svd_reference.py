#!/usr/bin/env python3
"""The anchors of the SVD benchmark: scikit-learn's randomized_svd (the paper's method, with the
same rank, oversampling and power iterations as spiky) and scipy's eigsh run to a tight tolerance
as the reference for accuracy. Reads a Matrix Market file written by `spiky export`.

usage: svd_reference.py MATRIX.mtx RANK RUNS OUT.json
"""
import json
import resource
import statistics
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse.linalg as sla
from sklearn.utils.extmath import randomized_svd


def main():
    path, rank, runs, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    a = scipy.io.mmread(path).tocsr()
    times, sigma = [], None
    for r in range(runs):
        t = time.perf_counter()
        _, s, _ = randomized_svd(a, n_components=rank, n_oversamples=10, n_iter=7, random_state=42 + r)
        times.append(time.perf_counter() - t)
        sigma = s
    # Peak resident memory of the process so far (the matrix and randomized_svd), before eigsh.
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    t = time.perf_counter()
    vals = sla.eigsh(a, k=rank + 8, which="LM", tol=1e-12, return_eigenvectors=False)
    eigsh_seconds = time.perf_counter() - t
    ref = np.sort(np.abs(vals))[::-1][:rank]
    json.dump({"matrix": path, "n": a.shape[0], "nnz": int(a.nnz), "rank": rank,
               "randomized_svd_seconds": times, "randomized_svd_median": statistics.median(times),
               "randomized_svd_sigma": [float(x) for x in sigma],
               "randomized_svd_peak_rss_mib": peak_mib,
               "eigsh_seconds": eigsh_seconds, "reference_sigma": [float(x) for x in ref]}, open(out, "w"))


if __name__ == "__main__":
    main()
