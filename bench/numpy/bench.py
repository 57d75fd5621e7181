#!/usr/bin/env python3
"""The project's own NumPy peer of `distsde bench`: the same workloads, written the way a researcher
would write them in NumPy (float64, whole-array operations over runs and agents, one Python loop
over iterations), timed in the same invocation as the Java side.

Settings are those of BenchCommand.workload (and conf/fig1-b*.json):
  b1   DSGD on x^4/4 (d = 1), x0 = 8, eta = 0.01, N = 10, Gaussian noise sigma1*|grad f| per agent,
       sigma1 in {0.1, 1, 3}, step none / divided by max(1, |grad f|): 6 configurations
  b2   DCSGD on sum x_j^4/4 (d = 1000), x0 = 1.25, eta = 0.1, N = 10, sigma1 = 0.1, random
       sparsification omega in {1, 2, 4} (keep p = 1/(1 + omega), rescale 1/p), none / max(1, |grad f|)
  b3   DSignSGD on x^4/4, x0 = 1, eta = 0.1, N = 10, Cauchy noise scale sigma in {0.25, 0.5, 1, 2, 8, 16},
       constant / eta_k = (k + 1)^-1/2 schedule; each agent's sign is +1 with probability
       1/2 + atan(grad f/sigma)/pi (the config's signSampling cdf): 12 configurations
  adamw  distributed AdamW on sum x_j^4/4 (d = 1000), x0 = 1.25, eta = 0.01, N = 10, Gaussian noise
       sigma0 = 1 per agent, the server averages and applies AdamW (beta1 0.9, beta2 0.999,
       eps 1e-8, theta 0.01, bias correction): 1 configuration (conf/bench-adamw.json)
  ef21-topk  EF21 with top-k (k = 10) on sum x_j^4/4 (d = 1000), x0 = 1.25, eta = 0.01, N = 10,
       Gaussian noise sigma1*|grad f| with sigma1 = 0.1: each agent keeps g_i, sends
       top-k(grad f + Z_i - g_i) and adds it to g_i, the server steps along the mean g_i:
       1 configuration (conf/bench-ef21-topk.json)
  sde-dsgd, sde-dcsgd, sde-dsign   Euler-Maruyama of Eq. 8, Eq. 27-28 and Eq. 49-52 at dt = eta
  sde-dsgd-fine   sde-dsgd at dt = eta/16 over the same horizon

  python3 bench/numpy/bench.py exp b1 --reps 3 [--runs R] [--iters K]

prints one JSON line: median_total_seconds (all configurations of the workload) and throughput_per_s
(agent-gradient coordinates per second; SDE: path-steps*d per second), as BenchCommand reads it.
"""
import argparse
import json
import math
import statistics
import time

import numpy as np

DEFAULTS = {  # runs, iters
    "b1": (1000, 1000), "b2": (1000, 50), "b3": (10000, 1000), "adamw": (1000, 50),
    "ef21-topk": (1000, 50), "sde-dsgd": (1000, 1000), "sde-dcsgd": (1000, 200), "sde-dsign": (10000, 1000), "sde-dsgd-fine": (1000, 1000),
}
N = 10


def norm_factor(gnorm, norm):
    return 1.0 / np.maximum(1.0, gnorm) if norm == "max1" else None


def dsgd(rng, runs, iters, sigma1, norm):
    """B.1: x <- x - lr (1/N) sum_i (g + Z_i), Z_i ~ N(0, sigma1^2 g^2); a run that overflows stays
    non-finite (diverged)."""
    eta = 0.01
    x = np.full(runs, 8.0)
    g = np.empty(runs)
    z = np.empty((runs, N))
    zbar = np.empty(runs)
    for _ in range(iters):
        np.multiply(x, x, out=g)
        g *= x
        rng.standard_normal(out=z)
        z.mean(axis=1, out=zbar)
        zbar *= np.abs(g)
        zbar *= sigma1
        zbar += g
        if norm == "max1":
            zbar /= np.maximum(1.0, np.abs(g))
        zbar *= eta
        x -= zbar
    return runs * N * iters


def dcsgd(rng, runs, iters, omega, norm, chunk=50):
    """B.2: agents send C(g + Z_i) with random sparsification, the server averages. The noise of a
    coordinate an agent drops is never used, so it is drawn only for the kept ones."""
    eta, d, p = 0.1, 1000, 1.0 / (1.0 + omega)
    for r0 in range(0, runs, chunk):
        n = min(chunk, runs - r0)
        x = np.full((n, d), 1.25)
        step = np.empty((n, d))
        for _ in range(iters):
            g = x ** 3
            gn = np.sqrt(np.einsum("ij,ij->i", g, g))
            keep = rng.random((n, N, d), dtype=np.float32) < p
            run, _, coord = np.nonzero(keep)
            vals = g[run, coord] + (0.1 * gn)[run] * rng.standard_normal(run.size)
            step[:] = np.bincount(run * d + coord, weights=vals, minlength=n * d).reshape(n, d)
            step *= 1.0 / (p * N)
            f = norm_factor(gn, norm)
            if f is not None:
                step *= f[:, None]
            step *= eta
            x -= step
    return runs * N * iters * d


def adamw(rng, runs, iters, chunk=50):
    """Distributed AdamW (seed 000 Eq. 11): g_bar = grad f + mean_i Z_i, m, v moving averages with
    bias correction, x <- x - eta m_hat/(sqrt(v_hat) + eps) - eta theta x."""
    eta, d, b1, b2, eps, theta = 0.01, 1000, 0.9, 0.999, 1e-8, 0.01
    z = np.empty((chunk, N, d))
    for r0 in range(0, runs, chunk):
        n = min(chunk, runs - r0)
        x = np.full((n, d), 1.25)
        m = np.zeros((n, d))
        v = np.zeros((n, d))
        zn = z[:n]
        for k in range(iters):
            g = x ** 3
            rng.standard_normal(out=zn)
            g += zn.mean(axis=1)
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            c1 = 1.0 / (1 - b1 ** (k + 1))
            c2 = 1.0 / (1 - b2 ** (k + 1))
            x -= eta * theta * x + eta * (m * c1) / (np.sqrt(v * c2) + eps)
    return runs * N * iters * d


def ef21_topk(rng, runs, iters, chunk=50):
    """EF21 (Richtarik et al. 2021) with top-k: u_i = grad f + Z_i - g_i, c_i = top-k(u_i) (the k
    largest |u_ij| kept, argpartition), g_i += c_i, x <- x - eta mean_i g_i; g_i = 0 at the start."""
    eta, d, k, sigma1 = 0.01, 1000, 10, 0.1
    u = np.empty((chunk, N, d))
    for r0 in range(0, runs, chunk):
        n = min(chunk, runs - r0)
        x = np.full((n, d), 1.25)
        g = np.zeros((n, N, d))
        un = u[:n]
        for _ in range(iters):
            grad = x ** 3
            gn = np.sqrt(np.einsum("ij,ij->i", grad, grad))
            rng.standard_normal(out=un)
            un *= (sigma1 * gn)[:, None, None]
            un += grad[:, None, :]
            un -= g
            idx = np.argpartition(np.abs(un), d - k, axis=2)[:, :, d - k:]
            np.put_along_axis(g, idx, np.take_along_axis(g, idx, axis=2) + np.take_along_axis(un, idx, axis=2),
                              axis=2)
            x -= eta * g.mean(axis=1)
    return runs * N * iters * d


def dsignsgd(rng, runs, iters, sigma, schedule):
    """B.3: x <- x - eta eta_k (1/N) sum_i sign_i, P(sign_i = +1) = F_Cauchy(g/sigma)."""
    eta = 0.1
    x = np.full(runs, 1.0)
    for k in range(iters):
        g = x ** 3
        prob = 0.5 + np.arctan(g / sigma) / math.pi
        signs = np.where(rng.random((runs, N)) < prob[:, None], 1.0, -1.0)
        lr = eta * ((k + 1) ** -0.5 if schedule == "sqrt" else 1.0)
        x = x - lr * signs.mean(axis=1)
    return runs * N * iters


def sde_gradient(rng, runs, iters, sigma1, norm, omega=None, d=1, x0=8.0, eta=0.01, refine=1, chunk=None):
    """Eq. 8 (omega None) or Eq. 27-28: dX = nu(-grad f dt + sqrt(eta/N) sqrt(diag Sigma) dW). Paths go
    in chunks that fit the cache when d is large; a path that overflows stays non-finite (diverged)."""
    dt = eta / refine
    c = math.sqrt(eta / N) * math.sqrt(dt)
    chunk = chunk or (runs if d == 1 else 50)
    for r0 in range(0, runs, chunk):
        n = min(chunk, runs - r0)
        x = np.full((n, d), x0)
        g = np.empty_like(x)
        inc = np.empty_like(x)
        sd = np.empty_like(x)
        for _ in range(iters * refine):
            np.multiply(x, x, out=g)
            g *= x
            gn2 = np.einsum("ij,ij->i", g, g)[:, None] if d > 1 else g * g
            if omega is None:  # the same for every coordinate
                np.sqrt(gn2, out=sd) if d == 1 else sd.__setitem__(Ellipsis, np.sqrt(gn2))
                sd *= sigma1 * c
            else:  # E[Phi Phi^T] = omega diag(g^2 + diag Sigma), plus Sigma
                np.multiply(g, g, out=sd)
                sd *= omega
                sd += (1 + omega) * sigma1 ** 2 * gn2
                np.sqrt(sd, out=sd)
                sd *= c
            rng.standard_normal(out=inc)
            inc *= sd
            g *= dt
            inc -= g
            f = norm_factor(np.sqrt(gn2), norm)
            if f is not None:
                inc *= f
            x += inc
    return runs * iters * refine * d


def sde_sign(rng, runs, iters, sigma, schedule):
    """Eq. 49-52, Cauchy noise: drift -(2/pi) atan(g/sigma), diffusion sqrt(eta/N) sqrt(1 - drift^2)."""
    eta = 0.1
    x = np.full(runs, 1.0)
    c = math.sqrt(eta / N) * math.sqrt(eta)
    e = np.empty(runs)
    v = np.empty(runs)
    w = np.empty(runs)
    for k in range(iters):
        np.multiply(x, x, out=e)
        e *= x
        e *= 1 / sigma
        np.arctan(e, out=e)
        e *= 2 / math.pi
        np.multiply(e, e, out=v)
        np.subtract(1.0, v, out=v)
        np.maximum(v, 0.0, out=v)
        np.sqrt(v, out=v)
        rng.standard_normal(out=w)
        w *= v
        w *= c
        e *= eta
        w -= e
        if schedule == "sqrt":
            w *= (k + 1) ** -0.5
        x += w
    return runs * iters


def configs(name):
    sig_b1 = (0.1, 1.0, 3.0)
    sig_b3 = (0.25, 0.5, 1.0, 2.0, 8.0, 16.0)
    if name == "b1":
        return [lambda rng, R, K, s=s, n=n: dsgd(rng, R, K, s, n) for n in ("none", "max1") for s in sig_b1]
    if name == "b2":
        return [lambda rng, R, K, w=w, n=n: dcsgd(rng, R, K, w, n) for n in ("none", "max1") for w in (1.0, 2.0, 4.0)]
    if name == "adamw":
        return [lambda rng, R, K: adamw(rng, R, K)]
    if name == "ef21-topk":
        return [lambda rng, R, K: ef21_topk(rng, R, K)]
    if name == "b3":
        return [lambda rng, R, K, s=s, h=h: dsignsgd(rng, R, K, s, h) for h in ("constant", "sqrt") for s in sig_b3]
    if name in ("sde-dsgd", "sde-dsgd-fine"):
        r = 16 if name.endswith("fine") else 1
        return [lambda rng, R, K, s=s, n=n: sde_gradient(rng, R, K, s, n, refine=r)
                for n in ("none", "max1") for s in sig_b1]
    if name == "sde-dcsgd":
        return [lambda rng, R, K, w=w, n=n: sde_gradient(rng, R, K, 0.1, n, omega=w, d=1000, x0=1.25, eta=0.1)
                for n in ("none", "max1") for w in (1.0, 2.0, 4.0)]
    if name == "sde-dsign":
        return [lambda rng, R, K, s=s, h=h: sde_sign(rng, R, K, s, h) for h in ("constant", "sqrt") for s in sig_b3]
    raise SystemExit("unknown workload " + name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["exp"])
    ap.add_argument("name", choices=sorted(DEFAULTS))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--runs", type=int)
    ap.add_argument("--iters", type=int)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--log", help="ignored (accepted for compatibility with other peers)")
    a = ap.parse_args()
    runs = a.runs or DEFAULTS[a.name][0]
    iters = a.iters or DEFAULTS[a.name][1]
    cfgs = configs(a.name)
    totals, unit = [], 0
    for rep in range(a.reps):
        t0 = time.perf_counter()
        unit = 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for i, run in enumerate(cfgs):
                unit += run(np.random.default_rng([a.seed + rep, i]), runs, iters)
        totals.append(time.perf_counter() - t0)
    med = statistics.median(totals)
    print(json.dumps(dict(kind="experiment", experiment=a.name, runs=runs, agents=N, iters=iters,
                          configs=len(cfgs), reps=a.reps, total_seconds=totals, median_total_seconds=med,
                          throughput_per_s=unit / med, peer="bench/numpy")), flush=True)


if __name__ == "__main__":
    main()
