#!/usr/bin/env python3
"""Expected outputs for tests/langext/sam/cases: AWS::LanguageExtensions + the SAM transform, made by the real tools.

For every case folder (input.yaml, optional options.json {"parameters": {"Name": "value"}}) this writes, next to
the input, one JSON file per oracle:

  cfn-lint.json  cfn-lint's own expansion of the template (cfnlint.template.transforms._language_extensions,
                 the code `cfn-lint` runs on AWS::LanguageExtensions templates) followed by the reference SAM
                 translator (samtranslator.translator.transform.transform).
  sam-cli.json   AWS SAM CLI's implementation of the transform (samcli.lib.cfn_language_extensions, which AWS
                 checks against CloudFormation's own test templates) followed by the same translator. Written only
                 with --sam-cli-src (a checkout of github.com/aws/aws-sam-cli; the transform's package needs no
                 other part of SAM CLI than samcli/lib/utils/{resources,graphql_api}.py).

A rejected template gives {"errors": [{"message": ...}]}. The SAM translator runs as in
../shared/conformance/sam_translate.py: region us-east-1, a static managed-policy map, no network. Parameter values
(options.json) go to both the transform and the translator, as `samc compile --parameter-overrides` gives them.

Nothing here is written by hand: rerun after changing an input or upgrading a tool, and review `git diff`.

    python3 scripts/gen-langext-expectations.py [--sam-cli-src DIR] [--check] [CASE ...]

--check compares instead of writing and exits 1 when a file would change. The tool versions used are written to
tests/langext/sam/oracles.json.
"""

import argparse
import copy
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "langext" / "sam" / "cases"
REGION = "us-east-1"

# The managed-policy names the SAM translator may ask its loader for (same stand-in as sam_translate.py).
STATIC_MANAGED_POLICIES = {
    "AWSLambdaBasicExecutionRole": "service-role/AWSLambdaBasicExecutionRole",
    "AmazonDynamoDBFullAccess": "AmazonDynamoDBFullAccess",
    "AmazonDynamoDBReadOnlyAccess": "AmazonDynamoDBReadOnlyAccess",
    "AWSLambdaRole": "service-role/AWSLambdaRole",
    "AWSXrayWriteOnlyAccess": "AWSXrayWriteOnlyAccess",
}


class _PolicyLoader:
    def load(self):
        return {k: "arn:aws:iam::aws:policy/" + v for k, v in STATIC_MANAGED_POLICIES.items()}


def _no_network(*_args, **_kwargs):
    raise RuntimeError("gen-langext-expectations.py: network access is disabled")


def sam_translate(manifest, parameters):
    """The reference SAM translator on an already-expanded template (dict)."""
    from unittest.mock import patch

    import boto3.session
    from samtranslator.translator.transform import transform

    manifest = json.loads(json.dumps(manifest, default=str))
    with patch("boto3.session.Session.region_name", REGION), patch(
        "samtranslator.translator.arn_generator._get_region_from_session", lambda: REGION
    ), patch("boto3.client", _no_network), patch.object(boto3.session.Session, "client", _no_network):
        return transform(manifest, dict(parameters), _PolicyLoader())


def _errors(exc):
    from samtranslator.model.exceptions import ExceptionWithMessage, InvalidDocumentException

    if isinstance(exc, InvalidDocumentException):
        return {"errors": sorted(({"message": c.message} for c in exc.causes or [exc]), key=lambda e: e["message"])}
    if isinstance(exc, ExceptionWithMessage):
        return {"errors": [{"message": exc.message}]}
    return {"errors": [{"message": f"{type(exc).__name__}: {exc}"}]}


def needs_sam(template):
    t = template.get("Transform")
    names = t if isinstance(t, list) else [t]
    if "AWS::Serverless-2016-10-31" in names:
        return True
    resources = template.get("Resources")
    return isinstance(resources, dict) and any(
        isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::Serverless::") for r in resources.values()
    )


def after_sam(expanded, parameters):
    """The SAM translator when the template needs it; else the expanded template without the transform's name."""
    if needs_sam(expanded):
        return sam_translate(expanded, parameters)
    out = copy.deepcopy(expanded)
    t = out.get("Transform")
    if t == "AWS::LanguageExtensions":
        del out["Transform"]
    elif isinstance(t, list):
        rest = [x for x in t if x != "AWS::LanguageExtensions"]
        if rest:
            out["Transform"] = rest
        else:
            del out["Transform"]
    return out


def oracle_cfn_lint(path, parameters):
    import cfnlint.decode
    from cfnlint.template import Template
    from cfnlint.template.transforms._language_extensions import language_extension

    template, matches = cfnlint.decode.decode(str(path))
    if matches:
        return {"errors": [{"message": m.message} for m in matches]}
    # cfn-lint resolves a Ref to a parameter in a collection from its Default; give it the overrides the same way
    # (and put the section back as written afterwards).
    written = copy.deepcopy(template.get("Parameters"))
    for name, value in parameters.items():
        if isinstance(template.get("Parameters", {}).get(name), dict):
            template["Parameters"][name]["Default"] = value
    cfn = Template(str(path), template, [REGION])
    matches, expanded = language_extension(cfn)
    if matches:
        return {"errors": [{"message": m.message} for m in matches]}
    expanded = json.loads(json.dumps(expanded, default=str))
    if written is not None:
        expanded["Parameters"] = json.loads(json.dumps(written, default=str))
    try:
        return after_sam(expanded, parameters)
    except Exception as e:  # noqa: BLE001
        return _errors(e)


def oracle_sam_cli(path, parameters):
    from samcli.lib.cfn_language_extensions.api import process_template
    from samcli.lib.cfn_language_extensions.exceptions import InvalidTemplateException
    from samtranslator.yaml_helper import yaml_parse

    template = json.loads(json.dumps(yaml_parse(path.read_text(encoding="utf-8")), default=str))
    values = {}
    for name, value in parameters.items():
        values[name] = value
    try:
        expanded = process_template(template, parameter_values=values)
    except InvalidTemplateException as e:
        return {"errors": [{"message": str(e)}]}
    try:
        return after_sam(expanded, parameters)
    except Exception as e:  # noqa: BLE001
        return _errors(e)


def dumps(doc):
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sam-cli-src", help="a checkout of github.com/aws/aws-sam-cli (for sam-cli.json)")
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing them")
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    args = ap.parse_args(argv)

    import logging

    logging.basicConfig(level=logging.CRITICAL)
    os.environ["AWS_DEFAULT_REGION"] = REGION
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

    oracles = {"cfn-lint.json": oracle_cfn_lint}
    versions = {}
    import cfnlint.version
    import samtranslator

    versions["cfn-lint"] = cfnlint.version.__version__
    versions["aws-sam-translator"] = samtranslator.__version__
    if args.sam_cli_src:
        sys.path.insert(0, os.path.abspath(args.sam_cli_src))
        import samcli

        oracles["sam-cli.json"] = oracle_sam_cli
        versions["aws-sam-cli"] = samcli.__version__

    names = args.cases or sorted(p.name for p in CASES.iterdir() if (p / "input.yaml").exists())
    stale = 0
    disagree = []
    for name in names:
        case = CASES / name
        options = json.loads((case / "options.json").read_text()) if (case / "options.json").exists() else {}
        parameters = options.get("parameters", {})
        outputs = {}
        for file, oracle in oracles.items():
            try:
                result = oracle(case / "input.yaml", parameters)
            except Exception as e:  # noqa: BLE001 - a crash of a tool is recorded as its rejection, with the reason
                result = {"errors": [{"message": f"{file[:-5]} crashed: {type(e).__name__}: {e}"}]}
            outputs[file] = dumps(result)
            target = case / file
            old = target.read_text(encoding="utf-8") if target.exists() else None
            if old != outputs[file]:
                stale += 1
                if args.check:
                    print(f"STALE {name}/{file}")
                else:
                    target.write_text(outputs[file], encoding="utf-8")
        if len(outputs) == 2 and len(set(outputs.values())) == 2:
            disagree.append(name)
        status = ", ".join(f + (" rejects" if o.startswith('{\n  "errors"') else " translates") for f, o in outputs.items())
        print(f"{name}: {status}")

    if not args.check:
        (CASES.parent / "oracles.json").write_text(dumps(versions), encoding="utf-8")
    if disagree:
        print(f"the oracles disagree on {len(disagree)} case(s): {', '.join(disagree)}")
    print(f"{len(names)} case(s), {stale} file(s) {'stale' if args.check else 'written'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
