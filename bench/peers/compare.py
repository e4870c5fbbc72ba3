"""Checks that Tessera and each peer of make bench-peers agree, prints the ratios and writes the run's results JSON.

usage: compare.py WORKDIR CORES_LABEL RESULTS_JSON
Reads WORKDIR/tessera-ROW.json|.bin and WORKDIR/peer-ROW.json|.bin written by the row scripts, and WORKDIR/meta.json
and WORKDIR/load-ROW.txt written by run.sh. Agreement rules (issue 18): portfolio weights within 1e-6, or Tessera's
objective as good or better; indicator values within 1e-9 (|a - b| <= 1e-9 * max(1, |b|)) where both have a value
after warm-up and the conventions match; where a convention differs it is named and the bar from which the values
agree (the seed's effect has decayed) is reported instead.
"""
import json
import os
import sys

import numpy as np

TOL_IND = 1e-9
TOL_W = 1e-6
COLUMNS = ["rsi14", "atr14", "adx14", "plus_di14", "minus_di14", "macd", "macd_signal", "macd_hist",
           "bb_mid", "bb_upper", "bb_lower", "sma20", "ema20"]

# Conventions known to differ from Tessera's (its defaults: EMA/MACD seeded with the SMA of the first n values,
# Wilder RMA seeded with an SMA, ATR/ADX first bar TR = high - low, Bollinger population standard deviation).
CONVENTIONS = {
    "node": {
        "ema20": "trading-signals seeds the EMA with the first price, Tessera (and TTR) with the SMA of the first 20",
        "macd": "trading-signals' EMAs are seeded with the first price (Tessera: SMA seeds)",
        "macd_signal": "trading-signals' EMAs are seeded with the first price (Tessera: SMA seeds)",
        "macd_hist": "trading-signals' EMAs are seeded with the first price (Tessera: SMA seeds)",
        "adx14": "trading-signals' directional movement: see plus_di14; its ADX averages that DX",
        "plus_di14": "trading-signals counts both +DM and -DM when the up and down moves are equal (Wilder, TTR and "
                     "Tessera count neither) and puts a zero DM but a high-low TR into the first bar's averages; "
                     "ties recur (prices in cents), so the DIs differ by bursts that decay between ties",
        "minus_di14": "as plus_di14 (equal up and down moves, first-bar DM)",
    },
    "ttr": {},
}


def cpu_ratio(peer, tessera):
    a, b = peer.get("cpu_s_per_call"), tessera.get("cpu_s_per_call")
    return a / b if a and b else None


def load(work, name):
    with open(os.path.join(work, name)) as f:
        return json.load(f)


def read_load(work, row):
    path = os.path.join(work, "load-" + row + ".txt")
    return open(path).read().strip() if os.path.exists(path) else None


def starts_of(work):
    import csv
    starts, prev, k = [], None, 0
    with open(os.path.join(work, "bars.csv")) as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            if row[0] != prev:
                starts.append(k)
                prev = row[0]
            k += 1
    starts.append(k)
    return np.array(starts)


def compare_column(a, b, starts):
    both = np.isfinite(a) & np.isfinite(b)
    diff = np.where(both, np.abs(a - b) / np.maximum(1.0, np.abs(b)), 0.0)
    bad = diff > TOL_IND
    out = {"compared": int(both.sum()), "max_rel_diff": float(diff.max()) if both.any() else None,
           "within_tol": int((both & ~bad).sum()),
           "only_tessera": int((np.isfinite(a) & ~np.isfinite(b)).sum()),
           "only_peer": int((~np.isfinite(a) & np.isfinite(b)).sum())}
    if bad.any():
        # Per symbol: the first bar after which every value agrees (how long the different seed takes to decay).
        worst = 0
        for s in range(len(starts) - 1):
            seg = bad[starts[s]:starts[s + 1]]
            if seg.any():
                worst = max(worst, int(np.nonzero(seg)[0][-1]) + 1)
        out["agree_from_bar"] = worst
    out["agree"] = not bool(bad.any())
    return out


def indicators(work, starts):
    rows = []
    tessera = load(work, "tessera-indicators.json")
    total = tessera["bars"]
    t_def = np.fromfile(os.path.join(work, "tessera-indicators.bin"), "<f8").reshape(13, total)
    t_ttr = np.fromfile(os.path.join(work, "tessera-indicators-ttr.bin"), "<f8").reshape(13, total)
    for key, fname in (("node", "peer-indicators-node"), ("ttr", "peer-indicators-ttr")):
        if not os.path.exists(os.path.join(work, fname + ".json")):
            rows.append({"workload": "indicators", "peer": key, "skipped": "peer not run (see run.sh output)"})
            continue
        peer = load(work, fname + ".json")
        pv = np.fromfile(os.path.join(work, fname + ".bin"), "<f8")
        pv = pv.reshape(13, total) if key == "node" else pv.reshape(13, total)
        cols = {}
        for c, name in enumerate(COLUMNS):
            # TTR (and trading-signals' DX) have no true range on the first bar: compare ATR/ADX/DI with Tessera's
            # TA-Lib/TTR first-bar convention there, the default elsewhere.
            ref = t_ttr if (key == "ttr" and name in ("atr14", "adx14", "plus_di14", "minus_di14")) else t_def
            res = compare_column(ref[c], pv[c], starts)
            res["tessera_convention"] = "TaLibTtr" if ref is t_ttr else "default"
            if not res["agree"] and name in CONVENTIONS.get(key, {}):
                res["convention_differs"] = CONVENTIONS[key][name]
            cols[name] = res
        updates = tessera["updates"]
        rows.append({
            "workload": "indicators", "peer": key, "peer_tool": peer["tool"], "versions": peer.get("versions"),
            "peer_median_s": peer["median_s"], "tessera_median_s": tessera["median_s"],
            "peer_updates_per_s": updates / peer["median_s"], "tessera_updates_per_s": updates / tessera["median_s"],
            "ratio": peer["median_s"] / tessera["median_s"], "agreement": cols,
            "peer_cpu_s_per_call": peer.get("cpu_s_per_call"), "tessera_cpu_s_per_call": tessera.get("cpu_s_per_call"),
            "cpu_ratio": cpu_ratio(peer, tessera),
            "agree": all(v["agree"] or "convention_differs" in v for v in cols.values()),
            "load_before": read_load(work, "indicators"),
        })
    return rows


def portfolio(work, row, p):
    tpath = os.path.join(work, "tessera-" + row + ".json")
    ppath = os.path.join(work, "peer-" + row + ".json")
    if not (os.path.exists(tpath) and os.path.exists(ppath)):
        return {"workload": row, "skipped": "peer or Tessera side not run (see run.sh output)"}
    t = load(work, "tessera-" + row + ".json")
    peer = load(work, "peer-" + row + ".json")
    res = {"workload": row, "peer_tool": peer["tool"], "versions": peer.get("versions"),
           "peer_median_s": peer["median_s"], "tessera_median_s": t["median_s"],
           "tessera_first_run_s": t.get("first_run_s"), "ratio": peer["median_s"] / t["median_s"],
           "peer_cpu_s_per_call": peer.get("cpu_s_per_call"), "tessera_cpu_s_per_call": t.get("cpu_s_per_call"),
           "cpu_ratio": cpu_ratio(peer, t),
           "load_before": read_load(work, row)}
    cov = np.fromfile(os.path.join(work, "cov.bin"), "<f8").reshape(p, p)
    if row == "lw":
        a = np.fromfile(os.path.join(work, "tessera-lw.bin"), "<f8").reshape(p, p)
        b = np.fromfile(os.path.join(work, "peer-lw.bin"), "<f8").reshape(p, p)
        rel = float(np.max(np.abs(a - b)) / np.max(np.abs(b)))
        res.update({"max_abs_diff_over_max_abs": rel, "shrinkage_tessera": t.get("shrinkage"),
                    "shrinkage_peer": peer.get("shrinkage"), "agree": bool(rel <= 1e-12)})
    elif row in ("minvar", "hrp"):
        a = np.fromfile(os.path.join(work, "tessera-" + row + ".bin"), "<f8")
        b = np.fromfile(os.path.join(work, "peer-" + row + ".bin"), "<f8")
        dw = float(np.max(np.abs(a - b)))
        oa, ob = float(a @ cov @ a), float(b @ cov @ b)
        res.update({"max_abs_weight_diff": dw, "objective_tessera": oa, "objective_peer": ob,
                    "tessera_sum": float(a.sum()), "tessera_min_weight": float(a.min()),
                    "peer_min_weight": float(b.min())})
        better = oa <= ob * (1 + 1e-12) and abs(a.sum() - 1) <= 1e-9 and a.min() >= -1e-12
        res["agree"] = bool(dw <= TOL_W or (row == "minvar" and better))
        res["agree_by"] = "weights within 1e-6" if dw <= TOL_W else ("objective as good or better" if res["agree"] else "no")
        if row == "minvar":
            res["tessera_diagnostics"] = t.get("diagnostics")
    else:
        res["agree"] = True
        res["agree_by"] = "chain of the rows above (each checked there)"
    return res


def main():
    work, cores, out = sys.argv[1], sys.argv[2], sys.argv[3]
    meta = load(work, "meta.json")
    with open(os.path.join(work, "returns.csv")) as f:
        p = len(f.readline().strip().split(","))
    starts = starts_of(work)
    rows = []
    if os.path.exists(os.path.join(work, "tessera-indicators.json")):
        rows += indicators(work, starts)
    for row in ("lw", "minvar", "hrp", "total"):
        rows.append(portfolio(work, row, p))
    doc = dict(meta)
    doc.update({"cores": cores, "rows": rows})
    with open(out, "w") as f:
        json.dump(doc, f, indent=2)
    print(f"== make bench-peers ({cores}): ratio = peer median / Tessera median (same run, back to back)")
    for r in rows:
        if "skipped" in r:
            print(f"  {r['workload']:<11} SKIPPED: {r['skipped']}")
            continue
        name = r["workload"] + (" " + r["peer"] if "peer" in r else "")
        extra = ""
        if r["workload"] == "indicators":
            extra = f"  ({r['peer_updates_per_s'] / 1e6:.2f}M vs {r['tessera_updates_per_s'] / 1e6:.1f}M updates/s)"
            diffs = [k for k, v in r["agreement"].items() if not v["agree"]]
            agree = "agree" if not diffs else "agree except convention: " + ", ".join(
                f"{k} (from bar {r['agreement'][k].get('agree_from_bar')})" for k in diffs)
        elif r["workload"] == "minvar":
            agree = f"{r['agree_by']}; objective {r['objective_tessera']:.12g} vs {r['objective_peer']:.12g}; max |dw| {r['max_abs_weight_diff']:.2e}"
        elif r["workload"] == "hrp":
            agree = f"{r['agree_by']}; max |dw| {r['max_abs_weight_diff']:.2e}"
        elif r["workload"] == "lw":
            agree = f"max |diff|/max|S| {r['max_abs_diff_over_max_abs']:.2e}"
        else:
            agree = r.get("agree_by", "")
        flag = "" if r.get("agree") else "  DISAGREE"
        print(f"  {name:<16} peer {r['peer_median_s'] * 1e3:10.2f} ms  tessera {r['tessera_median_s'] * 1e3:9.2f} ms  ratio {r['ratio']:8.1f}x (CPU {r['cpu_ratio'] or float('nan'):.1f}x){extra}  [{agree}]{flag}  load {r['load_before']}")
    print(f"  results: {out}")
    if any(("skipped" not in r) and not r.get("agree") for r in rows):
        sys.exit(3)


if __name__ == "__main__":
    main()
