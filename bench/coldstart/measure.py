"""Cold path of the CLI: process start to first output and to exit of `tessera backtest` on the S&P CSV.

usage: measure.py OUT_JSON LABEL REPEATS -- COMMAND...   (the command gets --out DIR appended, a fresh folder per run)
Each repetition is a new process; the time to its first byte on stdout and to its exit are taken from just before the
spawn, and its CPU time (user + system, every thread of the process: JIT, GC and read-ahead included) from the kernel's
rusage of the finished child. On a shared machine the CPU time is the steadier figure; wall time grows with the load.
Writes the medians (and every run) to OUT_JSON, with the load average before the first run.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def main():
    out, label, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    load = open("/proc/loadavg").read().split()[:3]
    first, total, cpu = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as d:
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd + ["--out", d], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            b = p.stdout.read(1)
            t1 = time.perf_counter()
            rest, err = p.communicate()
            t2 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if p.returncode != 0:
                sys.stderr.write(err.decode(errors="replace"))
                raise SystemExit(f"{label}: exit code {p.returncode}")
            if not os.path.exists(os.path.join(d, "summary.json")) and not os.listdir(d):
                raise SystemExit(f"{label}: nothing written to --out")
            first.append(t1 - t0 if b else t2 - t0)
            total.append(t2 - t0)
            cpu.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    med = lambda xs: sorted(xs)[len(xs) // 2]
    doc = {"label": label, "command": " ".join(cmd) + " --out DIR", "repeats": repeats, "load_before": " ".join(load),
           "first_output_s": first, "exit_s": total, "cpu_s": cpu,
           "median_first_output_s": med(first), "median_exit_s": med(total), "median_cpu_s": med(cpu)}
    results = json.load(open(out)) if os.path.exists(out) else {"runs": []}
    results["runs"].append(doc)
    json.dump(results, open(out, "w"), indent=2)
    print(f"  {label:<44} first output {med(first):6.3f} s, exit {med(total):6.3f} s, CPU {med(cpu):6.3f} s (median of {repeats}; load {' '.join(load)})")


if __name__ == "__main__":
    main()
