#!/usr/bin/env python3
"""Checks `samc lint --format sarif` against the SARIF 2.1.0 schema and the SARIF Multitool's validator.

Usage: python3 benchmarks/lint/validate_sarif.py SAMC TEMPLATE... [--tool-dir DIR]

DIR is an installed npm package @microsoft/sarif-multitool-linux (it ships sarif-2.1.0.json and Sarif.Multitool):
  npm install --prefix /tmp/sarif @microsoft/sarif-multitool-linux@5.7.0
  chmod u+x /tmp/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
Needs the Python package jsonschema (cfn-lint depends on it). Exit code 0 when every log is valid.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samc")
    ap.add_argument("templates", nargs="+")
    ap.add_argument("--tool-dir", default="/tmp/sarif/node_modules/@microsoft/sarif-multitool-linux")
    args = ap.parse_args()
    schema = json.load(open(os.path.join(args.tool_dir, "sarif-2.1.0.json")))
    multitool = os.path.join(args.tool_dir, "Sarif.Multitool")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for template in args.templates:
            out = subprocess.run([args.samc, "lint", "--format", "sarif", template], capture_output=True, text=True)
            log = json.loads(out.stdout)
            try:
                jsonschema.validate(log, schema)
            except jsonschema.ValidationError as e:
                print(f"{template}: schema: {e.message}")
                failed += 1
                continue
            path = os.path.join(tmp, "log.sarif")
            report = os.path.join(tmp, "validation.sarif")
            with open(path, "w") as f:
                f.write(out.stdout)
            if os.path.exists(report):
                os.remove(report)
            subprocess.run([multitool, "validate", path, "--output", report], capture_output=True, text=True)
            findings = [r for run in json.load(open(report))["runs"] for r in run.get("results", [])
                        if r.get("level", "warning") in ("error", "warning")]
            results = len(log["runs"][0]["results"])
            print(f"{template}: schema ok, multitool {len(findings)} error/warning finding(s), {results} result(s)")
            for r in findings:
                print("   ", r.get("ruleId"), r.get("message"))
            failed += bool(findings)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
