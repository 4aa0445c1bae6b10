#!/usr/bin/env python3
"""Embeddings for the Spk benchmark, written once as a little-endian float64 .npy (n × f, C order)
that both sides read.

  gaussian  i.i.d. N(0, 1) entries: no structure, no two items within cos 0.9 of each other, so
            every visited item is a peak and Spk = (floor(rho·n) + 1) / n, the hardest case.
  planted   K = 1000 random unit directions with Zipf-like popularity; item = norm·(d_k + sigma·g)
            with g ~ N(0, I/f), sigma ~ U(0.05, 0.6) per item (so only the tighter items of a
            direction fall within cos 0.9 of each other) and heavy-tailed norms (1 + Pareto(1.5)).
  few       K = 8 directions; 90 % of the items at sigma ~ U(0.02, 0.12) around one of them, 10 %
            pure noise: a handful of peaks cover more than half the items.
  csv       the e0..e{f-1} columns of a run's items CSV (`spiky export`), as float64.

usage: spk_data.py GENERATOR N F SEED OUT.npy
       spk_data.py csv ITEMS.csv OUT.npy
"""
import sys

import numpy as np


def gaussian(rng, n, f):
    return rng.standard_normal((n, f))


def planted(rng, n, f, k, sigma_lo, sigma_hi, noise_share):
    dirs = rng.standard_normal((k, f))
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    popularity = 1.0 / np.arange(1, k + 1) ** 0.8
    popularity /= popularity.sum()
    which = rng.choice(k, size=n, p=popularity)
    sigma = rng.uniform(sigma_lo, sigma_hi, size=n)
    x = dirs[which] + sigma[:, None] * rng.standard_normal((n, f)) / np.sqrt(f)
    noise = rng.random(n) < noise_share
    x[noise] = rng.standard_normal((int(noise.sum()), f)) / np.sqrt(f)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    norms = 1.0 + rng.pareto(1.5, size=n)
    return x * norms[:, None]


def main():
    if sys.argv[1] == "csv":
        src, out = sys.argv[2], sys.argv[3]
        with open(src, encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split(",")
        cols = [i for i, h in enumerate(header) if h.startswith("e") and h[1:].isdigit()]
        e = np.loadtxt(src, delimiter=",", skiprows=1, usecols=cols, dtype=np.float64, ndmin=2)
        np.save(out, np.ascontiguousarray(e, dtype="<f8"))
        print(f"{out}: {e.shape[0]} x {e.shape[1]} from {src}")
        return
    gen, n, f, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    rng = np.random.default_rng(seed)
    if gen == "gaussian":
        e = gaussian(rng, n, f)
    elif gen == "planted":
        e = planted(rng, n, f, k=1000, sigma_lo=0.05, sigma_hi=0.6, noise_share=0.0)
    elif gen == "few":
        e = planted(rng, n, f, k=8, sigma_lo=0.02, sigma_hi=0.12, noise_share=0.1)
    else:
        raise SystemExit(f"unknown generator {gen}")
    np.save(out, np.ascontiguousarray(e, dtype="<f8"))
    print(f"{out}: {gen} {n} x {f}, seed {seed}")


if __name__ == "__main__":
    main()
