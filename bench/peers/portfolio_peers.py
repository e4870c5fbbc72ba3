"""The Python peers of make bench-peers: scikit-learn's ledoit_wolf, cvxopt's QP for long-only minimum variance, and a
short HRP reference on scipy's single linkage (written here: PyPortfolioOpt is not installable on this machine; this
follows its HRPOpt algorithm - distance sqrt((1 - rho) / 2), scipy linkage, leaves_list order, bisection by position
with inverse-variance cluster variances - on numpy arrays instead of pandas frames).

usage: portfolio_peers.py WORKDIR lw|minvar|hrp|total
Reads WORKDIR/returns.csv and WORKDIR/cov.bin (written by Tessera's peers-export), writes WORKDIR/peer-ROW.json
(timings, versions) and WORKDIR/peer-ROW.bin (float64 outputs).
"""
import json
import os
import sys
import time

import numpy as np


def timed(repeats, fn):
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    seconds = []
    cpu0 = time.process_time()
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - t0)
    timed.cpu_per_call = (time.process_time() - cpu0) / repeats  # all threads of the process (OpenBLAS included)
    return seconds, first


def ledoit_wolf(x):
    from sklearn.covariance import ledoit_wolf as lw
    return lw(x)  # (covariance, shrinkage); assume_centered=False centers the columns as Tessera does


def min_variance(cov):
    """minimize w' S w subject to sum w = 1, w >= 0: cvxopt.solvers.qp with its default tolerances."""
    from cvxopt import matrix, solvers
    solvers.options["show_progress"] = False
    n = cov.shape[0]
    p = matrix(2.0 * cov)
    q = matrix(0.0, (n, 1))
    g = matrix(-np.eye(n))
    h = matrix(0.0, (n, 1))
    a = matrix(1.0, (1, n))
    b = matrix(1.0)
    sol = solvers.qp(p, q, g, h, a, b)
    if sol["status"] != "optimal":
        raise RuntimeError("cvxopt status " + sol["status"])
    return np.array(sol["x"]).ravel()


def hrp(cov):
    """HRP with single linkage (Lopez de Prado 2016), PyPortfolioOpt's HRPOpt algorithm on numpy arrays."""
    import scipy.cluster.hierarchy as sch
    from scipy.spatial.distance import squareform
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    np.fill_diagonal(corr, 1.0)
    dist = np.sqrt(np.clip((1.0 - corr) / 2.0, 0.0, 1.0))
    np.fill_diagonal(dist, 0.0)
    link = sch.linkage(squareform(dist, checks=False), "single")
    order = sch.leaves_list(link)
    w = np.ones(cov.shape[0])
    items = [order]
    while items:
        nxt = []
        for it in items:
            if len(it) <= 1:
                continue
            half = len(it) // 2
            left, right = it[:half], it[half:]
            vl = cluster_variance(cov, left)
            vr = cluster_variance(cov, right)
            alpha = 1.0 - vl / (vl + vr)
            w[left] *= alpha
            w[right] *= 1.0 - alpha
            nxt += [left, right]
        items = nxt
    return w


def cluster_variance(cov, idx):
    sub = cov[np.ix_(idx, idx)]
    ivp = 1.0 / np.diag(sub)
    ivp /= ivp.sum()
    return float(ivp @ sub @ ivp)


def versions():
    import scipy
    import sklearn
    import cvxopt
    return {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__, "cvxopt": cvxopt.__version__}


def main():
    work, row = sys.argv[1], sys.argv[2]
    with open(os.path.join(work, "returns.csv")) as f:
        symbols = f.readline().strip().split(",")
    x = np.loadtxt(os.path.join(work, "returns.csv"), delimiter=",", skiprows=1)
    p = len(symbols)
    cov = np.fromfile(os.path.join(work, "cov.bin"), dtype="<f8").reshape(p, p)
    extra = {}
    if row == "lw":
        seconds, first = timed(20, lambda: ledoit_wolf(x))
        out, shrink = ledoit_wolf(x)
        extra["shrinkage"] = float(shrink)
        peer = "scikit-learn ledoit_wolf"
    elif row == "minvar":
        seconds, first = timed(10, lambda: min_variance(cov))
        out = min_variance(cov)
        peer = "cvxopt solvers.qp (default tolerances)"
    elif row == "hrp":
        seconds, first = timed(20, lambda: hrp(cov))
        out = hrp(cov)
        peer = "HRP reference on scipy single linkage (bench/peers/portfolio_peers.py)"
    elif row == "total":
        def chain():
            c, _ = ledoit_wolf(x)
            min_variance(c)
            hrp(c)
        seconds, first = timed(10, chain)
        out = np.zeros(0)
        peer = "scikit-learn + cvxopt + scipy HRP reference"
    else:
        raise SystemExit("unknown row " + row)
    np.asarray(out, dtype="<f8").tofile(os.path.join(work, "peer-" + row + ".bin"))
    doc = {"tool": peer, "workload": row, "seconds": seconds, "median_s": float(np.median(seconds)),
           "min_s": min(seconds), "first_run_s": first,
           "cpu_s_per_call": timed.cpu_per_call, "versions": versions()}
    doc.update(extra)
    with open(os.path.join(work, "peer-" + row + ".json"), "w") as f:
        json.dump(doc, f, indent=2)
    print(f"  {peer}: median of {len(seconds)} {np.median(seconds):.6g} s")


if __name__ == "__main__":
    main()
