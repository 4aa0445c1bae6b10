#!/usr/bin/env python3
"""numpy side of the Spk benchmark: the plain greedy spike cover, one vectorised pass per peak.

Rules (as in SpikeCover's Javadoc): rows of the first f' columns normalised; items visited by
descending f'-truncated norm, ties by ascending index; before each visit, stop if more than rho·n
items are covered; a visited uncovered item becomes a peak, covering itself and every uncovered
item whose cosine with it is strictly above cos_theta; Spk = peaks / n.

Per peak, the cosines of all n rows with the peak are one matrix-vector product (OpenBLAS, its
default threads), and a mask keeps the already covered items as they are. Times exclude loading the
file. Writes the last run's spikeOf (int32 .npy) and a JSON summary.

usage: spk_reference.py EMB.npy FPRIME COS_THETA RHO RUNS OUT_PREFIX
"""
import json
import statistics
import sys
import time

import numpy as np


def spike_cover(e, f, cos_theta, rho):
    n = e.shape[0]
    x = e[:, :f]
    norms = np.linalg.norm(x, axis=1)
    u = x / norms[:, None]
    order = np.argsort(-norms, kind="stable")  # descending norm, ties by ascending index
    spike_of = np.full(n, -1, dtype=np.int64)
    covered = 0
    peaks = 0
    limit = rho * n
    for p in order:
        if covered > limit:
            break
        if spike_of[p] >= 0:
            continue
        cos = u @ u[p]
        hit = (cos > cos_theta) & (spike_of < 0)
        hit[p] = True
        spike_of[hit] = p
        covered += int(np.count_nonzero(hit))
        peaks += 1
    return peaks, spike_of


def main():
    path, f, cos_theta, rho, runs, out = (sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]),
                                          int(sys.argv[5]), sys.argv[6])
    e = np.load(path)
    seconds = []
    for _ in range(runs):
        t = time.perf_counter()
        peaks, spike_of = spike_cover(e, f, cos_theta, rho)
        seconds.append(time.perf_counter() - t)
        print(f"numpy {path}: {peaks} peaks in {seconds[-1]:.3f} s", file=sys.stderr, flush=True)
    np.save(out + "-spikeOf.npy", spike_of.astype("<i4"))
    json.dump({"file": path, "n": int(e.shape[0]), "f": f, "peaks": peaks, "spk": peaks / e.shape[0],
               "seconds": seconds, "median": statistics.median(seconds), "numpy": np.__version__},
              open(out + ".json", "w"))


if __name__ == "__main__":
    main()
