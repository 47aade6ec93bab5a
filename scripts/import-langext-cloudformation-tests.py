#!/usr/bin/env python3
"""Copies CloudFormation's own AWS::LanguageExtensions test templates into tests/langext/cloudformation.

AWS SAM CLI carries the test templates of CloudFormation's implementation of the transform ("the Kotlin
implementation") in tests/unit/lib/cfn_language_extensions/compatibility/templates, with the expected output of
many of them (<name>Expected.json, <name>Resolved.json, <name>_expected.json), and runs its own implementation
against them in test_kotlin_compatibility.py. This script copies them, unchanged except as listed below, into
tests/langext/cloudformation/cases/<name>/ (Apache License 2.0, Copyright Amazon.com, Inc. or its affiliates;
see NOTICE) and writes cases.json, which says what each case expects:

  expected  the template's expected output file from the Kotlin tests (compared, the Transform key aside)
  error     CloudFormation rejects it: listed as an error template in test_kotlin_compatibility.py, or a
            forEach template without an expected file (the Kotlin tests' convention, which that file states)
  accept    listed there as processing without error, with no expected output to compare

Changes made to inputs, as test_kotlin_compatibility.py makes them: "$RESOURCE_ATTRIBUTE" becomes DeletionPolicy;
"Transform" becomes "AWS::LanguageExtensions" (the Kotlin tests name a development transform, or none); the
parameter values that file passes to some templates are recorded in cases.json. Templates in the Lambda macro
request format are skipped (they are not templates).

    python3 scripts/import-langext-cloudformation-tests.py --sam-cli-src DIR

DIR is a checkout of github.com/aws/aws-sam-cli (or `git archive` of one, with --commit); its commit is recorded in
cases.json.
"""

import argparse
import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "langext" / "cloudformation"
REL = Path("tests/unit/lib/cfn_language_extensions/compatibility")
PLACEHOLDER = "$RESOURCE_ATTRIBUTE"

# Parameter values test_kotlin_compatibility.py passes to process_template for these templates.
PARAMETERS = {
    "templateWithFnLengthWithRef": {"queues": "a,b,c"},
    "toJsonStringReferringToParamWithoutDefaultValue": {"PasswordParameter": "Pa$$word"},
    "resourceAttributesReferringToParam": {"DeletionPolicyParam": "Retain"},
    "resourceAttributesReferringToMultipleParams": {"ResourceAttributeParameter1": "Retain", "ResourceAttributeParameter2": "Delete"},
    # Not from that file: the template's only parameter has no Default, and Fn::Length needs its value. CloudFormation
    # always has a value for every parameter; SAM CLI's implementation runs it in a mode that leaves it unresolved.
    "templateWithFnLengthInConditions": {"ParameterList": "a,b"},
}

# The Kotlin expected file nests Outputs, Hooks and AWSTemplateFormatVersion inside Resources (a serialization
# artifact of the Kotlin library, as test_kotlin_compatibility.py notes); it compares this path only.
COMPARE_ONLY = {"templateWithDecimalNumbers": "Resources.NullResource"}


def lists_from_test_file(path):
    """The module-level list literals of test_kotlin_compatibility.py (ERROR_TEMPLATES_PASSING, ...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and isinstance(node.value, ast.List):
            out[target.id] = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    return out


def expected_file(path):
    for suffix in ("Expected", "Resolved", "_expected"):
        candidate = path.with_name(path.stem + suffix + ".json")
        if candidate.exists():
            return candidate
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sam-cli-src", required=True, help="a checkout of github.com/aws/aws-sam-cli")
    ap.add_argument("--commit", help="the commit of that checkout, when it is not a git work tree (an exported archive)")
    args = ap.parse_args(argv)
    src = Path(args.sam_cli_src)
    templates = src / REL / "templates"
    lists = lists_from_test_file(src / REL / "test_kotlin_compatibility.py")
    errors = set(lists.get("ERROR_TEMPLATES_PASSING", []) + lists.get("ERROR_TEMPLATES_WITH_PLACEHOLDER", []))
    accepts = set(lists.get("SUCCESS_TEMPLATES_PASSING", []))
    skipped = set(lists.get("LAMBDA_FORMAT_TEMPLATES", []))
    try:
        commit = args.commit or subprocess.run(["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"

    if (OUT / "cases").exists():
        shutil.rmtree(OUT / "cases")
    cases = []
    unclassified = []
    for path in sorted(templates.rglob("*.json")):
        stem = path.stem
        if stem.endswith(("Expected", "Resolved", "_expected")):
            continue
        rel = path.relative_to(templates).with_suffix("")
        name = str(rel).replace("/", "-")
        expected = expected_file(path)
        in_foreach = rel.parts[0] == "forEach"
        if stem in skipped:
            continue
        if expected is not None:
            kind = "expected"
        elif stem in errors or (in_foreach and stem not in accepts):
            kind = "error"
        elif stem in accepts:
            kind = "accept"
        else:
            unclassified.append(name)
            continue

        text = path.read_text(encoding="utf-8").replace(PLACEHOLDER, "DeletionPolicy")
        template = json.loads(text)
        if isinstance(template, dict):
            template["Transform"] = "AWS::LanguageExtensions"
        case_dir = OUT / "cases" / name
        case_dir.mkdir(parents=True)
        (case_dir / "input.json").write_text(json.dumps(template, indent=2) + "\n", encoding="utf-8")
        entry = {"name": name, "kind": kind, "source": str(REL / "templates" / rel.with_suffix(".json"))}
        if expected is not None:
            shutil.copyfile(expected, case_dir / "expected.json")
            entry["expected"] = str(REL / "templates" / expected.relative_to(templates))
        if stem in PARAMETERS:
            entry["parameters"] = PARAMETERS[stem]
        if stem in COMPARE_ONLY:
            entry["compare"] = COMPARE_ONLY[stem]
        cases.append(entry)

    manifest = {
        "source": {"repository": "https://github.com/aws/aws-sam-cli", "commit": commit, "path": str(REL / "templates"),
                   "license": "Apache-2.0", "copyright": "Amazon.com, Inc. or its affiliates"},
        "cases": cases,
    }
    (OUT / "cases.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    counts = {k: sum(1 for c in cases if c["kind"] == k) for k in ("expected", "error", "accept")}
    print(f"{len(cases)} case(s): {counts}; skipped {len(skipped)} Lambda-format template(s)")
    if unclassified:
        print(f"not imported (neither an expected file nor a listing in test_kotlin_compatibility.py): {', '.join(unclassified)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
