#!/usr/bin/env python3
"""NumPy counterpart of the bench workload sde-dsgd-fine: the reference's sde-dsgd (B.1 settings:
quartic d = 1, x0 = 8, eta = 0.01, N = 10, sigma1 in {0.1, 1, 3}, normalization none / max1, 1000 paths)
integrated with dt = eta/16 over the same horizon (16 x the steps), in the reference's style
(float64, preallocated buffers, out= ufuncs, PCG64 per configuration). The settings and the
Recorder come from ../shared/perf-reference/reference.py itself (imported, not modified); the loss
is recorded once per eta (every 16 fine steps), as the reference records once per iteration.

  python3 bench/numpy/sde_fine.py --reference-dir ../shared/perf-reference --reps 3

Prints one JSON line per measurement like the reference's bench.py (median_total_seconds,
throughput_per_s in path-steps*d/s).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import numpy as np

REFINE = 16


def run_sde_dsgd_fine(R, rng, runs, agents, iters, d, eta, sigma, x0, norm="none", refine=REFINE):
    dt = eta / refine
    x = np.full((runs, d), x0, dtype=np.float64)
    xi = np.empty((runs, d))
    rec = R.Recorder(iters)
    rec.record(0, R.quartic_loss(x))
    diff_c = math.sqrt(eta / agents) * math.sqrt(dt)
    for k in range(iters):
        for _ in range(refine):
            g = x * x * x
            gn2 = np.einsum("ij,ij->i", g, g)
            rng.standard_normal(out=xi)
            xi *= (diff_c * sigma * np.sqrt(gn2))[:, None]
            g *= dt
            xi -= g
            f = R.norm_factor(np.sqrt(gn2), norm)
            if f is not None:
                xi *= f[:, None]
            x += xi
        rec.record(k + 1, R.quartic_loss(x))
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference-dir", default=os.path.join("..", "shared", "perf-reference"))
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--iters", type=int, default=1000, help="eta-steps (each split into 16)")
    ap.add_argument("--agents", type=int, default=10)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=12345)
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.reference_dir))
    import reference as R  # noqa: E402  (read-only: settings, Recorder, quartic_loss, norm_factor)
    b1 = R.DEFAULTS["b1"]
    cfgs = [(s, norm) for norm in ("none", "max1") for s in b1["sigmas"]]
    totals = []
    for rep in range(a.reps):
        t_all = time.perf_counter()
        for ci, (s, norm) in enumerate(cfgs):
            rng = np.random.default_rng([a.seed + rep, ci])
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                run_sde_dsgd_fine(R, rng, a.runs, a.agents, a.iters, b1["d"], b1["eta"], s, b1["x0"], norm)
        totals.append(time.perf_counter() - t_all)
    med = statistics.median(totals)
    unit = a.runs * a.iters * REFINE * b1["d"] * len(cfgs)
    print(json.dumps(dict(kind="experiment", experiment="sde-dsgd-fine", runs=a.runs, agents=a.agents,
                          iters=a.iters, refine=REFINE, d=b1["d"], configs=len(cfgs), reps=a.reps,
                          total_seconds=totals, median_total_seconds=med, throughput_per_s=unit / med)),
          flush=True)


if __name__ == "__main__":
    main()
