#!/usr/bin/env python3
"""Builds the event-source fixtures from the reference translator (aws-sam-translator 1.110.0).

For each case folder (Fixtures/<case>/input.yaml) it writes Fixtures/<case>/fixture.json:
  * translation cases: "functions" = per SAM function, the AWS::Lambda::Function, its alias (if any) and its
    generated role as the reference emits them for the same template WITHOUT Events (the state the event
    sources start from), and "expected" = every output resource that is new or different once Events are
    translated (event resources, linked buckets/user pools, the role with the policies events add);
  * error cases: "errors" = the reference's messages.
Usage: make_fixtures.py [CASE...]   (copy a corpus input first: mkdir X && cp .../cases/X/input.yaml X/)
"""
import copy
import json
import os
import sys

sys.path.insert(0, "/work/shared/conformance")
import sam_translate  # noqa: E402
from samtranslator.model.exceptions import ExceptionWithMessage, InvalidDocumentException  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def run(manifest):
    try:
        return sam_translate.translate(copy.deepcopy(manifest)), None
    except InvalidDocumentException as e:
        causes = sorted(e.causes, key=sam_translate._error_sort_key) or [e]
        return None, [c.message for c in causes]
    except ExceptionWithMessage as e:
        return None, [e.message]


def functions_of(manifest):
    return [k for k, v in manifest.get("Resources", {}).items()
            if isinstance(v, dict) and v.get("Type") == "AWS::Serverless::Function"]


def build(case):
    with open(os.path.join(HERE, case, "input.yaml"), encoding="utf-8") as f:
        manifest = yaml_parse(f.read())
    manifest = json.loads(json.dumps(manifest, default=str))
    full, errors = run(manifest)
    if errors:
        return {"errors": errors}
    bare = copy.deepcopy(manifest)
    for fn in functions_of(bare):
        bare["Resources"][fn].get("Properties", {}).pop("Events", None)
    base, base_errors = run(bare)
    if base_errors:
        raise SystemExit(f"{case}: the template without Events fails: {base_errors}")
    functions = {}
    for fn in functions_of(manifest):
        res = base["Resources"]
        alias = next((k for k, v in res.items() if v["Type"] == "AWS::Lambda::Alias"
                      and v["Properties"].get("FunctionName") == {"Ref": fn}), None)
        role = fn + "Role" if res.get(fn + "Role", {}).get("Type") == "AWS::IAM::Role" else None
        functions[fn] = {
            "function": res[fn],
            "aliasId": alias,
            "alias": res[alias] if alias else None,
            "roleId": role,
            "role": res[role] if role else None,
        }
    expected = {k: v for k, v in full["Resources"].items() if base["Resources"].get(k) != v}
    gone = [k for k in base["Resources"] if k not in full["Resources"]]
    if gone:
        raise SystemExit(f"{case}: resources disappear with Events: {gone}")
    return {"functions": functions, "expected": expected}


def main():
    cases = sys.argv[1:] or sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "input.yaml")))
    for case in cases:
        data = build(case)
        with open(os.path.join(HERE, case, "fixture.json"), "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")
        print(case, "errors" if "errors" in data else f"{len(data['expected'])} resources")


if __name__ == "__main__":
    main()
