#!/usr/bin/env python3
"""Times `samc lint` against `cfn-lint` as whole processes on generated SAM templates and prints the ratios.

Usage: python3 benchmarks/lint/bench.py [--samc PATH] [--runs N] [--out DIR]

PATH defaults to the NativeAOT build (src/SamCompiler.Cli/bin/Release/net10.0/linux-x64/publish/samc) when it exists,
else the Release then Debug JIT builds. Build the AOT binary with:
  dotnet publish src/SamCompiler.Cli -c Release -r linux-x64 -p:PublishAot=true
Each template is linted N times by each tool (default 5); the median wall time is reported. Both tools get the same
file; their exit codes and the number of findings are shown, and whether each found the 500-resource breach
(samc SAM3022, cfn-lint E3001/I1002/E1001 family: any message mentioning 500 resources).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def function(i, events):
    lines = [
        f"  Fn{i}:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        f"      CodeUri: src/fn{i}/",
        "      Handler: app.handler",
        "      Runtime: python3.12",
        "      MemorySize: 512",
        "      Timeout: 20",
        "      AutoPublishAlias: live",
        "      Environment:",
        "        Variables:",
        "          TABLE_NAME: !Ref Table",
        f"          FUNCTION_INDEX: '{i}'",
        "      Policies:",
        "        - DynamoDBCrudPolicy:",
        "            TableName: !Ref Table",
    ]
    if events:
        lines += [
            "      Events:",
            "        Api:",
            "          Type: Api",
            "          Properties:",
            f"            Path: /fn{i}",
            "            Method: get",
            "        Queue:",
            "          Type: SQS",
            "          Properties:",
            "            Queue: !GetAtt Queue.Arn",
            "            BatchSize: 10",
        ]
    return "\n".join(lines)


def template(functions, events=True):
    head = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        f"Description: generated benchmark template with {functions} functions",
        "Resources:",
        "  Table:",
        "    Type: AWS::Serverless::SimpleTable",
        "  Queue:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      VisibilityTimeout: 120",
    ]
    return "\n".join(head + [function(i, events) for i in range(functions)]) + "\n"


def default_samc():
    for rel in ("src/SamCompiler.Cli/bin/Release/net10.0/linux-x64/publish/samc",
                "src/SamCompiler.Cli/bin/Release/net10.0/samc",
                "src/SamCompiler.Cli/bin/Debug/net10.0/samc"):
        path = os.path.join(ROOT, rel)
        if os.path.exists(path):
            return path
    sys.exit("no samc build found; pass --samc")


def run(cmd, runs):
    times, last = [], None
    for _ in range(runs):
        start = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samc", default=None)
    ap.add_argument("--cfn-lint", default="cfn-lint")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default="/tmp/samc-lint-bench")
    args = ap.parse_args()
    samc = args.samc or default_samc()
    os.makedirs(args.out, exist_ok=True)
    cases = [("1 function", 1, True), ("10 functions", 10, True), ("100 functions", 100, True)]
    print(f"samc: {samc}")
    print(f"{'template':<16}{'resources*':>11}{'samc s':>10}{'cfn-lint s':>12}{'ratio':>8}  500-limit found (samc / cfn-lint)")
    for name, n, events in cases:
        folder = os.path.join(args.out, name.replace(" ", "-"))
        os.makedirs(folder, exist_ok=True)
        for i in range(n):
            os.makedirs(os.path.join(folder, "src", f"fn{i}"), exist_ok=True)
            with open(os.path.join(folder, "src", f"fn{i}", "app.py"), "w") as f:
                f.write("def handler(event, context):\n    return {'statusCode': 200}\n")
        path = os.path.join(folder, "template.yaml")
        with open(path, "w") as f:
            f.write(template(n, events))
        s_time, s_res = run([samc, "lint", "--format", "json", path], args.runs)
        c_time, c_res = run([args.cfn_lint, "--format", "parseable", path], args.runs)
        s_found = "SAM3022" in s_res.stdout
        c_found = any("500" in line and "esource" in line for line in c_res.stdout.splitlines())
        # Each function becomes function, role, version, alias, API permission and SQS mapping: 6 per function.
        approx = 2 + 6 * n + 3
        print(f"{name:<16}{approx:>11}{s_time:>10.3f}{c_time:>12.3f}{c_time / s_time:>7.1f}x  {s_found} / {c_found}"
              f"   (exit {s_res.returncode} / {c_res.returncode})")
    print("* approximate CloudFormation resources after the transform")


if __name__ == "__main__":
    main()
