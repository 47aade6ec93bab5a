#!/usr/bin/env python3
"""Writes src/SamCompiler/Data/cfn-schemas.json.gz from cfn-lint's bundled CloudFormation resource provider schemas.

Source: the `cfnlint` Python package (cfn-lint, MIT-0, https://github.com/aws-cloudformation/cfn-lint), its
data/schemas/providers/<region>.py (type name -> schema file) and data/schemas/resources/<hash>.json (the provider
schemas AWS publishes for each region, with cfn-lint's patches applied). One region's set is taken, us-east-1 by
default (the region with the most types).

Kept per resource type, as the schemas state them (nothing is added or inferred):
  properties, definitions          property schemas; "$ref" kept as "#/definitions/X" (resolved by the C# API)
  required, createOnlyProperties, readOnlyProperties, writeOnlyProperties, primaryIdentifier,
  conditionalCreateOnlyProperties, oneOf, anyOf, allOf, dependentRequired, dependentExcluded, requiredXor,
  additionalProperties                                        top-level schema keywords
Kept inside property schemas: type, $ref, items, properties, patternProperties, additionalProperties, required,
enum, const, pattern, format, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength,
minItems, maxItems, uniqueItems, insertionOrder, oneOf, anyOf, allOf, not, if, then, else, dependentRequired,
dependentExcluded, requiredXor. Dropped: descriptions, titles, examples, defaults, tagging, handlers,
propertyTransform, sourceUrl, documentation links.

The file is gzip-compressed JSON, keys sorted, no whitespace, so the same input gives the same bytes:
  {"meta": {"source", "cfnLintVersion", "region", "license", "generated", "typeCount"}, "types": {name: schema}}

    python3 scripts/gen-cfn-schemas.py [--region us-east-1] [--date YYYY-MM-DD] [--out PATH]

--date defaults to today (the date the data was taken); pass it to reproduce a file byte for byte.
"""

import argparse
import datetime
import gzip
import importlib
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "SamCompiler" / "Data" / "cfn-schemas.json.gz"

NESTED = {
    "type", "$ref", "items", "properties", "patternProperties", "additionalProperties", "required", "enum", "const",
    "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
    "minItems", "maxItems", "uniqueItems", "insertionOrder", "oneOf", "anyOf", "allOf", "not", "if", "then", "else",
    "dependentRequired", "dependentExcluded", "requiredXor",
}
TOP = [
    "required", "createOnlyProperties", "readOnlyProperties", "writeOnlyProperties", "primaryIdentifier",
    "conditionalCreateOnlyProperties", "oneOf", "anyOf", "allOf", "dependentRequired", "dependentExcluded",
    "requiredXor", "additionalProperties",
]
# Keywords whose value is a map of name -> schema (names are data, not keywords).
SCHEMA_MAPS = {"properties", "patternProperties", "definitions"}
# Keywords whose value is a schema or a list of schemas.
SCHEMA_VALUES = {"items", "not", "if", "then", "else", "additionalProperties"}
SCHEMA_LISTS = {"oneOf", "anyOf", "allOf"}


def strip(schema):
    """A property schema with only the validation keywords (see the module docstring)."""
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key not in NESTED:
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: strip(v) for name, v in value.items()}
        elif key in SCHEMA_VALUES:
            out[key] = strip(value)
        elif key in SCHEMA_LISTS and isinstance(value, list):
            out[key] = [strip(v) for v in value]
        else:
            out[key] = value
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--date", default=datetime.date.today().isoformat())
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)

    import cfnlint
    import cfnlint.version

    module = importlib.import_module("cfnlint.data.schemas.providers." + args.region.replace("-", "_"))
    resources = Path(os.path.dirname(module.__file__)).parent / "resources"
    types = {}
    for name, digest in sorted(module.types.items()):
        if "::" not in name:
            continue  # "Module" and other non-resource entries
        schema = json.loads((resources / f"{digest}.json").read_text(encoding="utf-8"))
        entry = {"properties": {k: strip(v) for k, v in schema.get("properties", {}).items()}}
        if "definitions" in schema:
            entry["definitions"] = {k: strip(v) for k, v in schema["definitions"].items()}
        for key in TOP:
            if key in schema:
                value = schema[key]
                entry[key] = [strip(v) for v in value] if key in SCHEMA_LISTS else strip(value) if key == "additionalProperties" else value
        types[name] = entry

    doc = {
        "meta": {
            "source": f"cfn-lint {cfnlint.version.__version__}, cfnlint/data/schemas (CloudFormation resource provider schemas for {args.region}, with cfn-lint's patches)",
            "sourceUrl": "https://github.com/aws-cloudformation/cfn-lint/tree/main/src/cfnlint/data/schemas",
            "cfnLintVersion": cfnlint.version.__version__,
            "region": args.region,
            "license": "MIT-0 (cfn-lint); the provider schemas are published by AWS",
            "generated": args.date,
            "typeCount": len(types),
        },
        "types": types,
    }
    data = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(data)
    Path(args.out).write_bytes(buffer.getvalue())
    print(f"{len(types)} resource types, {len(data):,} bytes of JSON, {len(buffer.getvalue()):,} bytes gzip -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
