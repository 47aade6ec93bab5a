#!/usr/bin/env python3
"""Start-up time of native samc binaries, side by side (interleaved runs, medians).

    python3 benchmarks/startup/run.py BEFORE_SAMC AFTER_SAMC [--runs 40]

Times, for each binary: `samc --version`, `samc compile examples/hello/template.yaml` (output discarded) and, when
the binary has it, `samc diff` of that template against itself (which loads the embedded provider schemas). Prints
the median and the 10th/90th percentiles in milliseconds, the AFTER/BEFORE ratio, and the 1-minute load average at
the start and the end (samc is measured on a shared machine: say the load with the numbers). Run from the
repository root.
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HELLO = os.path.join("examples", "hello", "template.yaml")


def once(cmd):
    """Wall-clock and CPU (user + system) milliseconds of one run, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    return elapsed, cpu, proc.returncode


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    # a second template that differs from hello in one property, so diff compares a resource (and loads the schemas)
    changed = os.path.join(tempfile.mkdtemp(prefix="samc-startup-"), "changed.yaml")
    with open(os.path.join(ROOT, HELLO), encoding="utf-8") as f, open(changed, "w", encoding="utf-8") as out:
        out.write(f.read().replace("Resources:", "Resources:\n  ExtraQueue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: a}", 1))
    scenarios = [
        ("--version", ["--version"]),
        ("compile hello", ["compile", HELLO]),
        ("diff (changed)", ["diff", HELLO, changed]),
    ]
    print(f"load average (1 min) at start: {os.getloadavg()[0]:.2f}")
    print(f"{'scenario':<16}{'':>2}{'before median (p10-p90)':>26}{'after median (p10-p90)':>26}{'after/before':>14}")
    for name, argv in scenarios:
        times = {(side, k): [] for side in ("before", "after") for k in ("wall", "cpu")}
        ok = {"before": True, "after": True}
        for _ in range(3):  # warm the page cache
            for side in ("before", "after"):
                once([getattr(args, side)] + argv)
        for _ in range(args.runs):
            for side in ("before", "after"):
                wall, cpu, rc = once([getattr(args, side)] + argv)
                ok[side] &= rc == 0
                times[(side, "wall")].append(wall)
                times[(side, "cpu")].append(cpu)
        for k in ("wall", "cpu"):
            cells = []
            for side in ("before", "after"):
                t = times[(side, k)]
                cells.append("n/a (fails)" if not ok[side] else f"{statistics.median(t):.1f} ({pct(t, 0.1):.1f}-{pct(t, 0.9):.1f})")
            ratio = statistics.median(times[("after", k)]) / statistics.median(times[("before", k)]) if all(ok.values()) else float("nan")
            print(f"{name if k == 'wall' else '':<16}{k:>5} ms{cells[0]:>23}{cells[1]:>26}{ratio:>14.2f}")
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
