#!/usr/bin/env python3
"""Regenerates the AWS facts under src/SamCompiler/Data/ from the installed reference packages.

  python3 scripts/gen-aws-data.py            rewrite the files
  python3 scripts/gen-aws-data.py --check    exit 1 when a file differs from what the sources give (CI-style check)

Files and sources (all Apache-2.0, Copyright Amazon.com, Inc. or its affiliates / the cfn-lint authors):
  partitions.json  region -> partition: aws-sam-translator's samtranslator/translator/arn_generator.py
                   (_region_to_partition, the rule the reference translator applies, prefix by prefix);
                   partition -> DNS suffix (AWS::URLSuffix): botocore's botocore/data/partitions.json.
  runtimes.json    Lambda runtime deprecation dates: cfn-lint's data/AdditionalSpecs/LmbdRuntimeLifecycle.json,
                   itself tabulated from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html.
The versions of the packages read are written into each file.
"""
import ast
import importlib.metadata as md
import inspect
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "src", "SamCompiler", "Data")


def partitions():
    import botocore
    from samtranslator.translator import arn_generator

    # The prefix table is a dict literal inside _region_to_partition; read it from the source, in order.
    source = inspect.getsource(arn_generator._region_to_partition.__wrapped__)
    table = None
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "region_to_partition_map":
            table = [(ast.literal_eval(k), ast.literal_eval(v)) for k, v in zip(node.value.keys, node.value.values)]
    if not table:
        sys.exit("gen-aws-data.py: region_to_partition_map not found in samtranslator's arn_generator.py")
    with open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")) as f:
        boto = json.load(f)
    suffixes = {p["id"]: p["outputs"]["dnsSuffix"] for p in boto["partitions"]}
    names = ["aws"] + [p for _, p in table]
    missing = [n for n in names if n not in suffixes]
    if missing:
        sys.exit(f"gen-aws-data.py: botocore has no DNS suffix for {missing}")
    return {
        "source": {
            "regionPrefixes": f"aws-sam-translator {md.version('aws-sam-translator')}, samtranslator/translator/arn_generator.py (_region_to_partition)",
            "dnsSuffixes": f"botocore {md.version('botocore')}, botocore/data/partitions.json (outputs.dnsSuffix)",
            "license": "Apache-2.0",
        },
        "defaultPartition": "aws",
        "regionPrefixes": [{"prefix": k, "partition": v} for k, v in table],
        "dnsSuffixes": {n: suffixes[n] for n in names},
    }


def runtimes():
    import cfnlint

    path = os.path.join(os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "LmbdRuntimeLifecycle.json")
    with open(path) as f:
        data = json.load(f)
    return {
        "source": {
            "data": f"cfn-lint {md.version('cfn-lint')}, cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json",
            "page": "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
            "license": "MIT-0 (cfn-lint)",
        },
        "runtimes": [
            {
                "runtime": name,
                "deprecated": v["deprecated"],
                "blockCreate": v["create-block"],
                "blockUpdate": v["update-block"],
                "successor": v.get("successor"),
            }
            for name, v in sorted(data.items())
        ],
    }


def main():
    check = "--check" in sys.argv[1:]
    status = 0
    for name, build in (("partitions.json", partitions), ("runtimes.json", runtimes)):
        text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
        path = os.path.join(DATA, name)
        old = open(path).read() if os.path.exists(path) else None
        if check:
            if old != text:
                print(f"gen-aws-data.py: {name} differs from its sources; rerun scripts/gen-aws-data.py", file=sys.stderr)
                status = 1
        elif old != text:
            with open(path, "w") as f:
                f.write(text)
            print(f"wrote {os.path.relpath(path, ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
