#!/usr/bin/env python3
"""Regenerates src/SamCompiler.Deploy/Data/packageable_resources.json from AWS SAM CLI's own source.

Which properties of which resource types hold local artifacts, whether a file is zipped, and whether the packaged
value is an S3 URI string, a {Bucket, Key, Version} object or a template URL: all of it is read from aws-sam-cli's
samcli/lib/utils/resources.py, samcli/lib/utils/graphql_api.py, samcli/lib/package/packageable_resources.py and
samcli/lib/package/artifact_exporter.py (Apache-2.0, Copyright Amazon.com, Inc. or its affiliates), with Python's
ast module: class attributes are evaluated against resources.py's constants, base classes supply the defaults.

Usage: scripts/packageable-resources.py GIT_DIR_OR_WORK_TREE [COMMIT] > src/SamCompiler.Deploy/Data/packageable_resources.json
(GIT_DIR_OR_WORK_TREE: a clone of https://github.com/aws/aws-sam-cli; COMMIT defaults to HEAD.)
"""
import ast
import datetime
import json
import os
import subprocess
import sys


def read(repo, commit, path):
    if os.path.isfile(os.path.join(repo, path)) and commit is None:
        with open(os.path.join(repo, path), encoding="utf-8") as f:
            return f.read()
    return subprocess.run(["git", "--git-dir", git_dir(repo), "show", f"{commit or 'HEAD'}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def git_dir(repo):
    return os.path.join(repo, ".git") if os.path.isdir(os.path.join(repo, ".git")) else repo


def module_constants(source, namespace):
    """Evaluates the module-level assignments of simple literal/name expressions."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                namespace[node.targets[0].id] = eval(compile(ast.Expression(node.value), "<const>", "eval"), {}, namespace)
            except Exception:  # noqa: BLE001 - functions and imports are not constants
                pass
    return namespace


def classes(source, constants, known):
    """Class name -> resolved attributes, inheriting from bases already in known."""
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        attrs = {}
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in known:
                attrs.update(known[base.id])
        attrs["__bases__"] = [b.id for b in node.bases if isinstance(b, ast.Name)]
        attrs["__methods__"] = [n.name for n in node.body if isinstance(n, ast.FunctionDef)]
        for item in node.body:
            target, value = None, None
            if isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
                target, value = item.targets[0].id, item.value
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.value is not None:
                target, value = item.target.id, item.value
            if target is None:
                continue
            scope = dict(constants)
            scope.update({k: v for k, v in attrs.items() if not k.startswith("__")})
            try:
                attrs[target] = eval(compile(ast.Expression(value), "<attr>", "eval"), {}, scope)
            except Exception:  # noqa: BLE001 - e.g. Destination.S3: kept by name
                attrs[target] = ast.unparse(value)
        known[node.name] = attrs
    return known


def export_list(source, name):
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name:
            return [e.id for e in node.value.elts]
    raise SystemExit(f"{name} not found")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    repo, commit = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    rev = subprocess.run(["git", "--git-dir", git_dir(repo), "log", "-1", "--format=%H %cs", commit or "HEAD"],
                         check=True, capture_output=True, text=True).stdout.split()
    constants = {"defaultdict": __import__("collections").defaultdict, "ZIP": "Zip", "IMAGE": "Image"}
    graphql = module_constants(read(repo, commit, "samcli/lib/utils/graphql_api.py"), {})
    constants.update(graphql)
    constants["graphql_api"] = __import__("types").SimpleNamespace(**graphql)
    module_constants(read(repo, commit, "samcli/lib/utils/resources.py"), constants)
    packageable = read(repo, commit, "samcli/lib/package/packageable_resources.py")
    exporter = read(repo, commit, "samcli/lib/package/artifact_exporter.py")
    known = classes(packageable, constants, {})
    known = classes(exporter, constants, known)
    names = export_list(packageable, "RESOURCES_EXPORT_LIST")
    names += [n for n in ("CloudFormationStackResource", "ServerlessApplicationResource", "CloudFormationStackSetResource") if n in known]
    lambda_local = list(constants.get("LAMBDA_LOCAL_RESOURCES", []))
    rows = []
    for name in names:
        a = known[name]
        bases = set()
        todo = [name]
        while todo:
            n = todo.pop()
            for b in known.get(n, {}).get("__bases__", []):
                bases.add(b)
                todo.append(b)
        if "ECRResource" == name:
            continue  # deletion only (ECR repositories), nothing to package
        if name in ("CloudFormationStackResource", "ServerlessApplicationResource", "CloudFormationStackSetResource"):
            shape = "template-url"
        elif "ResourceWithS3UrlDict" in bases:
            shape = "s3-object"
        elif a.get("ARTIFACT_TYPE") == "Image":
            shape = "image"
        else:
            shape = "s3-uri"
        row = {
            "class": name,
            "type": a["RESOURCE_TYPE"],
            "property": a["PROPERTY_NAME"],
            "artifactType": a.get("ARTIFACT_TYPE") or "Zip",
            "shape": shape,
            "forceZip": bool(a.get("FORCE_ZIP", False)),
            "packageNullProperty": bool(a.get("PACKAGE_NULL_PROPERTY", True)),
            "lambdaPermissions": a["RESOURCE_TYPE"] in lambda_local,
        }
        if shape == "s3-object":
            row["bucketProperty"] = a.get("BUCKET_NAME_PROPERTY")
            row["keyProperty"] = a.get("OBJECT_KEY_PROPERTY")
            row["versionProperty"] = a.get("VERSION_PROPERTY")
        if name == "GraphQLApiCodeResource":
            row["searchUnder"] = ["Resolvers", "Functions"]  # graphql_api.find_all_paths_and_values
        rows.append(row)
    metadata = {k: v for k, v in constants["METADATA_WITH_LOCAL_PATHS"].items()}
    doc = {
        "source": "https://github.com/aws/aws-sam-cli",
        "commit": rev[0],
        "commitDate": rev[1],
        "files": ["samcli/lib/utils/resources.py", "samcli/lib/utils/graphql_api.py",
                  "samcli/lib/package/packageable_resources.py", "samcli/lib/package/artifact_exporter.py"],
        "license": "Apache-2.0, Copyright Amazon.com, Inc. or its affiliates",
        "generatedBy": "scripts/packageable-resources.py",
        "generated": datetime.date.today().isoformat(),
        "resources": rows,
        "metadata": metadata,
        "globalFunctionProperty": "CodeUri",  # artifact_exporter.Template._apply_global_values
        "include": {"transform": "AWS::Include", "property": "Location"},  # include_transform_export_handler
    }
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
