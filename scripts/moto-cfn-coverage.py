#!/usr/bin/env python3
"""Which CloudFormation resource types the SAM transform emits that the installed moto cannot create.

Reads the resource types of every expected output of the sam-translator conformance corpus (produced by the
reference translator, aws-sam-translator; ../shared/conformance/sam-translator/cases/*/expected.json) and asks the
installed moto which of them its CloudFormation backend models (moto.cloudformation.parsing.get_model_map, the
table moto itself consults; a type outside it is skipped with "No Moto CloudFormation support for ..."; moto's
NULL_MODELS are accepted and ignored). Prints a Markdown table for docs/deploy.md.

Usage: scripts/moto-cfn-coverage.py [CORPUS_DIR]
"""
import collections
import datetime
import glob
import json
import os
import sys

import moto
from moto.cloudformation import parsing


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "conformance", "sam-translator", "cases")
    counts = collections.Counter()
    for path in glob.glob(os.path.join(corpus, "*", "expected.json")):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for resource in (doc.get("Resources") or {}).values():
            if isinstance(resource, dict) and isinstance(resource.get("Type"), str):
                counts[resource["Type"]] += 1
    models = parsing.get_model_map()
    print(f"moto {moto.__version__}, {len(counts)} resource types in the outputs of {corpus.rstrip('/').split('/')[-2]} ({datetime.date.today().isoformat()}):\n")
    print("| resource type the SAM transform emits | templates in the corpus that have it | moto creates it |")
    print("| --- | --- | --- |")
    for rtype, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if rtype.startswith("Custom::"):
            supported = "custom resource (moto calls no handler)"
        elif rtype in parsing.NULL_MODELS:
            supported = "accepted, ignored"
        else:
            supported = "yes" if rtype in models else "**no** (skipped)"
        print(f"| `{rtype}` | {n} | {supported} |")


if __name__ == "__main__":
    main()
