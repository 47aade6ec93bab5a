#!/usr/bin/env python3
"""Cold `samc local invoke` of the corpus's Python echo function against the floor: `python3 -c` running the same
handler on the same event (what the interpreter alone costs). Prints medians over --runs runs.

usage: cold-invoke.py --samc PATH [--corpus DIR] [--runs N]
Done-when of issue 7: samc median <= 1.5 x python median + 100 ms.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--samc", required=True)
parser.add_argument("--corpus", help="the local-invoke corpus (default: shared/conformance/local-invoke above this folder)")
parser.add_argument("--runs", type=int, default=10)
args = parser.parse_args()
corpus = args.corpus
if corpus is None:
    here = os.path.abspath(os.path.dirname(__file__))
    while corpus is None and os.path.dirname(here) != here:
        candidate = os.path.join(here, "shared", "conformance", "local-invoke")
        corpus = candidate if os.path.isfile(os.path.join(candidate, "cases.json")) else None
        here = os.path.dirname(here)
corpus = os.path.abspath(corpus)
args.samc = os.path.abspath(args.samc)
env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}


def wall(cmd, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


samc_cmd = [args.samc, "local", "invoke", "PyEchoFunction", "-t", "template.yaml", "-e", "events/basic.json"]
python_cmd = ["python3", "-c", "import json, app; print(json.dumps(app.echo(json.load(open('../../events/basic.json')), None)))"]
wall(samc_cmd, corpus)  # first run extracts the bootstrap and warms the disk cache
samc = [wall(samc_cmd, corpus) for _ in range(args.runs)]
python = [wall(python_cmd, os.path.join(corpus, "src", "python")) for _ in range(args.runs)]
s, p = statistics.median(samc), statistics.median(python)
budget = 1.5 * p + 0.1
print(f"samc local invoke  median {s * 1000:.0f} ms  (min {min(samc) * 1000:.0f})")
print(f"python3 -c         median {p * 1000:.0f} ms  (min {min(python) * 1000:.0f})")
print(f"budget 1.5 x python + 100 ms = {budget * 1000:.0f} ms: {'OK' if s <= budget else 'OVER'}")
sys.exit(0 if s <= budget else 1)
