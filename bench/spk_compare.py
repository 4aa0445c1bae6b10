#!/usr/bin/env python3
"""Compares the two sides of the Spk benchmark and prints one markdown table row:
generator | n | f' | peaks | Spk | numpy median s (runs) | spiky median s (runs) | numpy/spiky | identical?

Identical means the same peak count and equal spikeOf arrays. On a mismatch it lists, for the first
differing items, the cosine (double, j ascending, as the definition sums it) with either side's peak,
to tell a rounding tie at cos_theta from a real disagreement.

usage: spk_compare.py EMB.npy FPRIME COS_THETA NUMPY_PREFIX SPIKY_PREFIX SPIKY.json LABEL
"""
import json
import sys

import numpy as np


def definition_cos(e, f, a, b):
    xa, xb = e[a, :f], e[b, :f]
    ua = xa / np.sqrt(sum(float(v) * float(v) for v in xa))
    ub = xb / np.sqrt(sum(float(v) * float(v) for v in xb))
    s = 0.0
    for j in range(f):
        s += float(ua[j]) * float(ub[j])
    return s


def main():
    emb, f, cos_theta, np_prefix, sp_prefix, sp_json, label = (sys.argv[1], int(sys.argv[2]), float(sys.argv[3]),
                                                               sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7])
    ref = json.load(open(np_prefix + ".json"))
    spk = json.load(open(sp_json))
    a = np.load(np_prefix + "-spikeOf.npy")
    b = np.load(sp_prefix + "-spikeOf.npy")
    diff = np.flatnonzero(a != b)
    same = ref["peaks"] == spk["peaks"] and a.shape == b.shape and diff.size == 0
    if diff.size:
        e = np.load(emb, mmap_mode="r")
        print(f"{label}: {diff.size} items differ (numpy peaks {ref['peaks']}, spiky peaks {spk['peaks']})", file=sys.stderr)
        for i in diff[:10]:
            parts = []
            for side, p in (("numpy", a[i]), ("spiky", b[i])):
                c = definition_cos(e, f, i, p) if p >= 0 and p != i else float("nan")
                parts.append(f"{side} spike {p} cos {c:.17g} (cos - theta {c - cos_theta:.3g})")
            print(f"  item {i}: " + "; ".join(parts), file=sys.stderr)
    ratio = ref["median"] / spk["median"]
    print(f"| {label} | {ref['n']:,} | {f} | {spk['peaks']:,} | {spk['spk']:.4f} | "
          f"{ref['median']:.3f} ({len(ref['seconds'])}) | {spk['median']:.3f} ({len(spk['seconds'])}) | "
          f"{ratio:.2f} | {'yes' if same else 'NO (' + str(diff.size) + ' items)'} |")


if __name__ == "__main__":
    main()
