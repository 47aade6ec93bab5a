#!/usr/bin/env python3
"""Every speed figure of issue 14's "Done when", in one run, with the reference tools' figure beside it.

Called by benchmarks/run-all.sh (which publishes the NativeAOT samc first); see benchmarks/README.md.

    run_all.py --samc PATH [--quick] [--shared DIR] [--out DIR]

Whole processes only (start-up included), run one after another on this machine; for each figure the median of N
runs (wall time, and CPU time = user + system of the process and its children) and, where asked, the peak RSS.
--quick runs fewer repetitions, smaller Api series and a 40-template lint subset: a sanity check for CI, not the
README's figures. Nothing here asserts; it prints.
"""
import argparse
import datetime
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = load("generate", os.path.join(HERE, "compile", "generate.py"))
lintbench = load("lintbench", os.path.join(HERE, "lint", "bench.py"))


class Sample:
    def __init__(self, wall, cpu, rss_mb, code):
        self.wall, self.cpu, self.rss_mb, self.code = wall, cpu, rss_mb, code


def run_once(cmd, cwd=None):
    """Runs cmd (output discarded); wall seconds, CPU seconds (user+sys of it and its children), peak RSS MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, code)


def measure(cmd, runs, cwd=None):
    samples = [run_once(cmd, cwd) for _ in range(runs)]
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.rss_mb for s in samples),
        samples[-1].code,
    )


def fmt_time(seconds):
    return f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "


def row(label, samc, ref=None, target=None, cpu=False, rss=False):
    """Prints one figure: samc's, the reference's and the ratio (wall; CPU too when asked)."""
    line = f"  {label:<44} samc {fmt_time(samc.wall)}"
    if cpu:
        line += f" (cpu {fmt_time(samc.cpu).strip()})"
    if rss:
        line += f"  peak {samc.rss_mb:6.1f} MB"
    if ref is not None:
        line += f" | ref {fmt_time(ref.wall)}"
        if cpu:
            line += f" (cpu {fmt_time(ref.cpu).strip()})"
        line += f" | {ref.wall / samc.wall:7.1f}x"
        if cpu:
            line += f" (cpu {ref.cpu / max(samc.cpu, 1e-9):.1f}x)"
    if target:
        line += f"  [target {target}]"
    print(line, flush=True)


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unavailable"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samc", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    quick = args.quick
    samc = os.path.abspath(args.samc)
    reference = os.path.join(args.shared, "conformance", "sam_translate.py")
    realworld = os.path.join(args.shared, "conformance", "real-world", "cases")
    cfn_lint = shutil.which("cfn-lint")
    have_ref = os.path.exists(reference)
    work = args.out or tempfile.mkdtemp(prefix="samc-bench-")
    os.makedirs(work, exist_ok=True)

    startup_runs = 7 if quick else 20
    compile_runs, ref_runs = (3, 1) if quick else (7, 3)
    api_sizes = [250, 500] if quick else [500, 1000, 2000, 4000]
    lint_ref_runs = 1 if quick else 3

    print(f"samc speed figures, {'QUICK mode (sanity only)' if quick else 'full mode'}")
    print(f"  date      {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    print(f"  machine   {platform.node()}: {os.cpu_count()} CPUs ({cpu_model()}), {platform.system()} {platform.release()}")
    print(f"  load avg  {loadavg()} (at start)")
    print(f"  samc      {samc} ({version_of([samc, '--version'])}, {os.path.getsize(samc) / 1048576:.1f} MB)")
    print(f"  reference {reference if have_ref else 'MISSING: ' + reference} "
          f"(aws-sam-translator {version_of([sys.executable, '-c', 'import samtranslator; print(samtranslator.__version__)'])})")
    print(f"  cfn-lint  {version_of([cfn_lint, '--version']) if cfn_lint else 'MISSING'}")
    print("  medians of whole-process runs; wall time, CPU = user + system; ratio = reference / samc")
    print(flush=True)

    hello = os.path.join(ROOT, "examples", "hello", "template.yaml")
    print(f"Start-up ({startup_runs} runs each)")
    version = measure([samc, "--version"], startup_runs)
    ref_version = measure([cfn_lint, "--version"], max(3, startup_runs // 4)) if cfn_lint else None
    row("samc --version (ref: cfn-lint --version)", version, ref_version, target="<= 10 ms wall", cpu=True)
    lint_hello = measure([samc, "lint", hello], startup_runs)
    ref_lint_hello = measure([cfn_lint, hello], max(3, startup_runs // 4)) if cfn_lint else None
    row("samc lint examples/hello (ref: cfn-lint)", lint_hello, ref_lint_hello, target="<= 20 ms wall", cpu=True)
    compile_hello = measure([samc, "compile", hello], startup_runs)
    ref_hello = measure([sys.executable, reference, hello], max(3, startup_runs // 4)) if have_ref else None
    row("samc compile examples/hello (ref: translator)", compile_hello, ref_hello, cpu=True)
    print(flush=True)

    print(f"Compile throughput (samc {compile_runs} runs, reference {ref_runs} at 200 functions, {'none' if quick else '1'} at 1,000)")
    for n in (200, 1000):
        path = os.path.join(work, f"functions{n}.yaml")
        with open(path, "w") as f:
            f.write(generate.functions(n))
        s = measure([samc, "compile", path], compile_runs)
        # the reference takes minutes at 1,000 functions: one run, and none in quick mode
        r = None
        if have_ref and not (quick and n >= 1000):
            r = measure([sys.executable, reference, path], ref_runs if n < 1000 else 1)
        target = ">= 50x" + (", peak < 200 MB" if n == 1000 else "")
        row(f"{n} functions (alias, policies, SQS + Api)", s, r, target=target, cpu=True, rss=True)
        if s.code != 0 or (r is not None and r.code != 0):
            print(f"    exit codes: samc {s.code}, reference {r.code if r else '-'}")
    print(flush=True)

    print(f"One function with N Api events (samc {compile_runs} runs; the reference only where it finishes in reasonable time)")
    per_event = []
    for n in api_sizes:
        path = os.path.join(work, f"api{n}.yaml")
        with open(path, "w") as f:
            f.write(generate.api_events(n))
        s = measure([samc, "compile", path], compile_runs)
        r = measure([sys.executable, reference, path], 1) if have_ref and n <= (250 if quick else 500) else None
        per_event.append((n, s.cpu / n * 1e6))
        row(f"{n} events", s, r, cpu=True, rss=True)
    for n, us in per_event:
        print(f"    {n:5d} events: {us:7.1f} us CPU per event")
    lo, hi = min(u for _, u in per_event), max(u for _, u in per_event)
    print(f"    per-event CPU spread {hi / lo:.2f}x from {api_sizes[0]} to {api_sizes[-1]} events [target: flat within 20% from 500 to 4,000]")
    print(flush=True)

    print(f"Lint (samc {compile_runs} runs, cfn-lint {lint_ref_runs})")
    folder = os.path.join(work, "lint100")
    os.makedirs(folder, exist_ok=True)
    for i in range(100):
        os.makedirs(os.path.join(folder, "src", f"fn{i}"), exist_ok=True)
        with open(os.path.join(folder, "src", f"fn{i}", "app.py"), "w") as f:
            f.write("def handler(event, context):\n    return {'statusCode': 200}\n")
    lint100 = os.path.join(folder, "template.yaml")
    with open(lint100, "w") as f:
        f.write(lintbench.template(100, True))
    s = measure([samc, "lint", lint100], compile_runs)
    r = measure([cfn_lint, lint100], lint_ref_runs) if cfn_lint else None
    row("100-function template", s, r, target=">= 100x wall and CPU", cpu=True)
    if os.path.isdir(realworld):
        templates = sorted(
            os.path.join(realworld, c, f)
            for c in os.listdir(realworld)
            for f in os.listdir(os.path.join(realworld, c))
            if f.startswith("input.")
        )
        if quick:
            templates = templates[:40]
        s = measure([samc, "lint", *templates], compile_runs)
        r = measure([cfn_lint, *templates], 1) if cfn_lint else None
        row(f"{len(templates)} real-world templates, one process", s, r, target=">= 100x wall and CPU", cpu=True)
    else:
        print(f"  real-world corpus missing: {realworld}")
    print()
    print(f"  load avg  {loadavg()} (at end)")
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
