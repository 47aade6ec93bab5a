#!/usr/bin/env python3
"""Soak and burst run of `samc local start-lambda` (issue 12): does samc's memory stay flat, and does a burst of
Event invocations stay within its concurrency without double runs or drops?

  benchmarks/local/soak.py [--samc PATH] [--invocations 5000] [--payload-kb 1024] [--events 500] [--sample 500]

1. Soak: N synchronous invocations of EchoFunction with a payload of --payload-kb KB (the function echoes it, so
   2 x payload moves through samc per invocation); samc's resident set (VmRSS) is sampled every --sample invocations.
2. Burst: --events Event invocations of BurstFunction (10 ms of work each, its request id and pid appended to a
   file); the peak number of runtime processes alive is sampled; at the end every request id must appear exactly
   once and /destinations must list every event as succeeded.

Uses the reliability fixture (tests/SamCompiler.Local.Tests/Reliability/fixture). samc defaults to the Release
build (src/SamCompiler.Cli/bin/Release/net10.0/samc); pass --samc for the NativeAOT binary. This is a script, not a
test: it prints numbers and a verdict, and exits 1 only when the verdict is a failure.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "tests", "SamCompiler.Local.Tests", "Reliability", "fixture")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def runtimes_with(marker):
    needle = ("SAMC_TEST_MARKER=" + marker + "\0").encode()
    count = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                if needle in f.read():
                    with open(f"/proc/{name}/stat") as s:
                        state = s.read().rsplit(")", 1)[1].split()[0]
                    if state not in ("Z", "X"):
                        count += 1
        except OSError:
            pass
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samc", default=os.path.join(ROOT, "src", "SamCompiler.Cli", "bin", "Release", "net10.0", "samc"))
    parser.add_argument("--invocations", type=int, default=5000)
    parser.add_argument("--payload-kb", type=int, default=1024)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="samc-soak-")
    marker = os.path.basename(work)
    stderr_path = os.path.join(work, "samc.stderr")
    with open(stderr_path, "w") as err:
        samc = subprocess.Popen([args.samc, "local", "start-lambda", "-p", "0", "-t", os.path.join(FIXTURE, "template.yaml"),
                                 "--parameter-overrides", f"MarkDir={work}", f"Marker={marker}"],
                                cwd=FIXTURE, stdout=subprocess.DEVNULL, stderr=err)
    port = None
    for _ in range(900):
        with open(stderr_path) as f:
            m = re.search(r"Lambda Invoke API on http://127\.0\.0\.1:(\d+)/", f.read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    if port is None:
        samc.terminate()
        sys.exit("soak.py: start-lambda did not start; see " + stderr_path)

    print(f"samc {args.samc}, pid {samc.pid}, port {port}, load average {os.getloadavg()[0]:.1f}")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    payload = json.dumps({"data": "x" * (args.payload_kb * 1024 - 11)}).encode()
    print(f"\n1. soak: {args.invocations} invocations of EchoFunction, payload {len(payload):,} bytes")
    print(f"{'invocations':>12} {'samc RSS (MB)':>14} {'invocations/s':>14}")
    samples = []
    started = time.time()
    last = started
    for i in range(1, args.invocations + 1):
        conn.request("POST", "/2015-03-31/functions/EchoFunction/invocations", body=payload)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200 or len(body) < len(payload) - 16:
            sys.exit(f"soak.py: invocation {i} answered {response.status} with {len(body)} bytes")
        if i % args.sample == 0:
            now = time.time()
            rss = rss_mb(samc.pid)
            samples.append(rss)
            print(f"{i:>12} {rss:>14.1f} {args.sample / (now - last):>14.1f}")
            last = now
    soak_growth = samples[-1] - samples[0] if len(samples) > 1 else 0.0

    print(f"\n2. burst: {args.events} Event invocations of BurstFunction")
    peak_runtimes = 0
    for n in range(args.events):
        conn.request("POST", "/2015-03-31/functions/BurstFunction/invocations", body=json.dumps({"n": n, "seconds": 0.01}).encode(),
                     headers={"X-Amz-Invocation-Type": "Event"})
        response = conn.getresponse()
        response.read()
        if response.status != 202:
            sys.exit(f"soak.py: event {n} answered {response.status}")
        if n % 25 == 0:
            peak_runtimes = max(peak_runtimes, runtimes_with(marker))
    deadline = time.time() + 600
    finished = []
    while time.time() < deadline:
        peak_runtimes = max(peak_runtimes, runtimes_with(marker))
        conn.request("GET", "/destinations")
        state = json.loads(conn.getresponse().read())
        finished = [f for f in state["finished"] if f["function"] == "BurstFunction"]
        if state["pending"] == 0 and len(finished) >= args.events:
            break
        time.sleep(0.2)
    with open(os.path.join(work, "burst.log")) as f:
        runs = [line.split()[0] for line in f if line.strip()]
    succeeded = sum(1 for f in finished if f["succeeded"])
    double = len(runs) - len(set(runs))
    rss_after = rss_mb(samc.pid)
    print(f"events finished {len(finished)}, succeeded {succeeded}, runs {len(runs)}, run twice {double}, "
          f"peak runtime processes {peak_runtimes}, samc RSS {rss_after:.1f} MB")

    samc.terminate()
    samc.wait(timeout=30)
    flat = soak_growth < 64
    burst_ok = succeeded == args.events and len(runs) == args.events and double == 0
    print(f"\nverdict: soak RSS {samples[0]:.1f} -> {samples[-1]:.1f} MB ({'flat' if flat else 'GROWS'}); "
          f"burst {'ok' if burst_ok else 'FAILED'} (no drops, no double runs); samc exit {samc.returncode} after SIGTERM")
    sys.exit(0 if flat and burst_ok else 1)


if __name__ == "__main__":
    main()
