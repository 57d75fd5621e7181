#!/usr/bin/env python3
"""Writes a synthetic binary-classification dataset as CSV (header f1..fp, label) for the
data-at-scale measurement of README ("Agents holding data at scale"):
rows a ~ N(0, I_p), label 1 with probability sigmoid(a . w*), w* ~ N(0, I_p / p) from the seed.

    python3 bench/numpy/make_logistic_data.py --rows 1000000 --features 20 --out /tmp/logistic-1e6.csv
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    w = rng.normal(0, 1 / np.sqrt(a.features), a.features)
    header = ",".join([f"f{j + 1}" for j in range(a.features)] + ["label"])
    with open(a.out, "w") as out:
        out.write(header + "\n")
        for start in range(0, a.rows, 100_000):  # in chunks: bounded memory
            n = min(100_000, a.rows - start)
            x = rng.normal(size=(n, a.features))
            y = (rng.random(n) < 1 / (1 + np.exp(-x @ w))).astype(np.int8)
            np.savetxt(out, np.column_stack([x, y]), fmt=["%.6g"] * a.features + ["%d"], delimiter=",")


if __name__ == "__main__":
    main()
