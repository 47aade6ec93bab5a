#!/usr/bin/env python3
"""The heavy-input set of issue 12: inputs that are large, deep, endless or hostile, each run through `samc compile`
and `samc lint` as a separate process with a time limit. Prints, per input and command: exit code, wall time and
peak memory (max RSS), and flags any exit 3 (internal error), any run killed at the time limit (a hang) and any
run over --max-rss-mb.

  benchmarks/heavy/run.py [--samc PATH] [--timeout 60] [--max-rss-mb 2048] [--only NAME ...]

samc defaults to the Release build (src/SamCompiler.Cli/bin/Release/net10.0/samc); pass --samc for the NativeAOT
binary. Inputs are generated into a temporary folder (a few hundred MB at most, removed afterwards). This is a script,
not a test: it exits 1 when an input gave exit 3, a hang or too much memory, so it can gate a CI job.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"


def function(name, extra="", code="s3://bucket/key.zip"):
    return f"  {name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: {code}\n{extra}"


def api_events(n):
    events = "".join(f"        E{i}:\n          Type: Api\n          Properties:\n            Path: /p{i}\n            Method: get\n" for i in range(n))
    return HEAD + function("Fn", "      Events:\n" + events)


def generate(folder):
    inputs = {}

    def put(name, text=None, data=None):
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data if data is not None else text.encode())
        inputs[name] = path

    put("functions-2000.yaml", HEAD + "".join(function(f"F{i}") for i in range(2000)))
    put("functions-20000.yaml", HEAD + "".join(function(f"F{i}") for i in range(20000)))
    put("api-events-1000.yaml", api_events(1000))
    put("api-events-4000.yaml", api_events(4000))
    put("s3-events-1000.yaml", HEAD + "  Bucket:\n    Type: AWS::S3::Bucket\n" + "".join(
        function(f"F{i}", "      Events:\n        Up:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: s3:ObjectCreated:*\n") for i in range(1000)))
    deep = "x: " + "{a: " * 190 + "1" + "}" * 190
    put("nesting-190.yaml", HEAD + function("Fn") + "Metadata:\n  " + deep + "\n")
    put("nesting-5000.yaml", HEAD + function("Fn") + "Metadata:\n  x: " + "[" * 5000 + "]" * 5000 + "\n")
    bomb = "Metadata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"  a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]\n" for i in range(1, 9))
    put("alias-bomb.yaml", HEAD + function("Fn") + bomb)
    put("long-string-15mb.yaml", HEAD + function("Fn", f"      Description: {'d' * (15 * 1024 * 1024)}\n"))
    put("over-cap-17mb.yaml", HEAD + function("Fn", f"      Description: {'d' * (17 * 1024 * 1024)}\n"))
    put("long-key.yaml", HEAD + function("Fn") + "Metadata:\n  " + "k" * (4 * 1024 * 1024) + ": 1\n")
    put("list-200k.yaml", HEAD + function("Fn") + "Metadata:\n  items:\n" + "    - 1\n" * 200_000)
    put("sub-10k-vars.yaml", HEAD + function("Fn", "      Environment:\n        Variables:\n          V: !Sub \"" + "${AWS::Region}" * 10_000 + "\"\n"))
    put("parameters-5000.yaml", "Parameters:\n" + "".join(f"  P{i}:\n    Type: String\n    Default: x\n" for i in range(5000)) + HEAD.split("\n", 1)[1] + function("Fn"))
    put("binary-garbage.yaml", data=os.urandom(1024 * 1024))
    put("nul-codeuri.yaml", HEAD + function("Fn", code='"code\\0x"'))
    put("codeuri-root.yaml", HEAD + function("Fn", code="/"))
    put("httpapi-scalar-any-method.yaml", HEAD + "  MyApi:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      DefinitionBody:\n        openapi: '3.0.1'\n        info: {title: t, version: '1'}\n        paths:\n          $default:\n            x-amazon-apigateway-any-method: oops\n"
        + function("Fn", "      Events:\n        All:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref MyApi\n"))
    code = os.path.join(folder, "fifo-project")
    os.makedirs(os.path.join(code, "code"))
    with open(os.path.join(code, "code", "big.bin"), "wb") as f:
        f.truncate(30 * 1024 * 1024)
    os.mkfifo(os.path.join(code, "code", "pipe"))
    with open(os.path.join(code, "template.yaml"), "w") as f:
        f.write(HEAD + function("Fn", code="code/"))
    inputs["fifo-in-code-folder.yaml"] = os.path.join(code, "template.yaml")
    inputs["/dev/zero"] = "/dev/zero"
    return inputs


def run(samc, command, path, timeout):
    """One samc run under GNU time (for the peak RSS, when installed); killed at the time limit."""
    cwd = os.path.dirname(path) if path != "/dev/zero" else tempfile.gettempdir()
    timed = os.path.exists("/usr/bin/time")
    argv = (["/usr/bin/time", "-f", "samc-peak-rss-kb %M"] if timed else []) + [samc, command, path]
    started = time.time()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    hung = False
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(process.pid, 9)
        _, err = process.communicate()
    wall = time.time() - started
    text = err.decode(errors="replace")
    rss = float("nan")
    for line in text.splitlines():
        if line.startswith("samc-peak-rss-kb "):
            rss = int(line.split()[1]) / 1024
    code = process.returncode
    if timed and not hung and "Command exited with non-zero status" in text:
        code = int(text.split("Command exited with non-zero status")[1].split()[0])
    return code, wall, rss, hung, text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samc", default=os.path.join(ROOT, "src", "SamCompiler.Cli", "bin", "Release", "net10.0", "samc"))
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--max-rss-mb", type=float, default=2048)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="samc-heavy-")
    try:
        inputs = generate(folder)
        print(f"samc {args.samc}; time limit {args.timeout:.0f} s; load average {os.getloadavg()[0]:.1f}")
        print(f"{'input':34} {'command':8} {'exit':>5} {'wall (s)':>9} {'peak RSS (MB)':>14}  note")
        bad = 0
        for name, path in inputs.items():
            if args.only and name not in args.only:
                continue
            for command in ("compile", "lint"):
                code, wall, rss, hung, err = run(args.samc, command, path, args.timeout)
                note = "HANG (killed)" if hung else "INTERNAL ERROR" if code == 3 else "TOO MUCH MEMORY" if rss > args.max_rss_mb else ""
                if note:
                    bad += 1
                first = next((l for l in err.splitlines() if " SAM" in l), "")
                print(f"{name:34} {command:8} {('-' if hung else code):>5} {wall:>9.2f} {rss:>14.0f}  {note or first[:70]}")
        print(f"\n{bad} input(s) with an internal error, a hang or too much memory")
        sys.exit(1 if bad else 0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
