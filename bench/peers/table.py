"""Markdown rows for docs/benchmarks/peers.md from make bench-peers results files, each row citing its entry so the
guard test (tests/Tessera.Core.Tests/Benchmarks/PublishedFiguresTests.cs) can check the figures against the file.

usage: table.py RESULTS_JSON...
"""
import json
import os
import sys

GOALS = {"indicators": "≥ 20x (≥ 90M updates/s)", "lw": "≥ 5x", "minvar": "≥ 2x on one core, same or better objective",
         "hrp": "≥ 50x (issue: vs PyPortfolioOpt)", "total": "≥ 10x on one core"}


def main():
    print("| cores | workload | peer | peer ms | Tessera ms | ratio (wall) | ratio (CPU) | goal | agreement | load before | results |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sys.argv[1:]:
        doc = json.load(open(path))
        rel = os.path.relpath(path, os.path.join(os.path.dirname(__file__), "..", "..")).replace(os.sep, "/")
        for r in doc["rows"]:
            if "skipped" in r:
                continue
            entry = r["workload"] + ("/" + r["peer"] if "peer" in r else "")
            if r["workload"] == "indicators":
                diffs = [k for k, v in r["agreement"].items() if not v["agree"]]
                agree = ("all 13 columns within 1e-9" if not diffs else
                         f"{13 - len(diffs)} of 13 within 1e-9; conventions differ: " + ", ".join(diffs))
                what = f"{r['peer_updates_per_s'] / 1e6:.2f}M vs {r['tessera_updates_per_s'] / 1e6:.1f}M updates/s"
            elif r["workload"] == "lw":
                agree, what = f"max diff {r['max_abs_diff_over_max_abs']:.0e} of max entry", ""
            elif r["workload"] in ("minvar", "hrp"):
                agree = f"{r['agree_by']} (max abs dw {r['max_abs_weight_diff']:.1e}"
                agree += f"; objective {r['objective_tessera']:.10g} vs {r['objective_peer']:.10g})" if r["workload"] == "minvar" else ")"
                what = ""
            else:
                agree, what = "each part checked in its row", ""
            peer = r["peer_tool"] + (f" ({what})" if what else "")
            cpu = f"{r['cpu_ratio']:.1f}x" if r.get("cpu_ratio") else "n/a"
            cite = (f"`{rel}#{entry}` peer_median_s={r['peer_median_s']:.4f} tessera_median_s={r['tessera_median_s']:.4f} "
                    f"ratio={r['ratio']:.1f}")
            print(f"| {doc['cores']} | {r['workload']} | {peer} | {r['peer_median_s'] * 1e3:.1f} | {r['tessera_median_s'] * 1e3:.1f} | "
                  f"{r['ratio']:.1f}x | {cpu} | {GOALS.get(r['workload'], '')} | {agree} | {r.get('load_before')} | {cite} |")


if __name__ == "__main__":
    main()
