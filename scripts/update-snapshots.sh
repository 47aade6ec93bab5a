#!/usr/bin/env bash
# Regenerates the expected CloudFormation of the snapshot cases with the REFERENCE translator
# (../shared/conformance/sam_translate.py, aws-sam-translator 1.110.0) -- never with samc.
#
#   scripts/update-snapshots.sh [CASE-NAME ...]      (default: every case under tests/snapshots/cases)
#
# For each case folder with template.yaml:
#   - a case with diagnostics.txt is an error case: nothing is written (its diagnostics are samc's own and are
#     accepted with `ACCEPT=1 dotnet test --filter Category=Snapshot`); the reference's verdict is printed;
#   - otherwise, if the reference translates the template, cloudformation.json is (re)written, and
#     cloudformation.yaml too when the case already has one (touch it to opt a case in): the same document
#     dumped by PyYAML, which the snapshot test compares with samc's --format yaml output after loading both;
#   - if the reference rejects the template, the case must be an error case: add its diagnostics.txt with ACCEPT=1.
# The region comes from options.json ({"region": "..."}), default us-east-1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SAMTOOLS_SHARED:-}"
if [[ -z "$shared" ]]; then
  for c in "$root/../shared" "$root/../../shared"; do
    if [[ -f "$c/conformance/sam_translate.py" ]]; then shared="$(cd "$c" && pwd)"; break; fi
  done
fi
if [[ -z "$shared" || ! -f "$shared/conformance/sam_translate.py" ]]; then
  echo "update-snapshots: ../shared/conformance/sam_translate.py not found (set SAMTOOLS_SHARED)" >&2
  exit 2
fi
translate="$shared/conformance/sam_translate.py"
cases_dir="$root/tests/snapshots/cases"

if [[ $# -gt 0 ]]; then names=("$@"); else mapfile -t names < <(ls "$cases_dir"); fi

for name in "${names[@]}"; do
  dir="$cases_dir/$name"
  [[ -f "$dir/template.yaml" ]] || continue
  region="us-east-1"
  if [[ -f "$dir/options.json" ]]; then
    region="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("region","us-east-1"))' "$dir/options.json")"
  fi
  out="$(mktemp)"
  status=0
  python3 "$translate" "$dir/template.yaml" --region "$region" >"$out" 2>/dev/null || status=$?
  if [[ -f "$dir/diagnostics.txt" ]]; then
    if [[ $status -eq 0 ]]; then verdict="translates it"; else verdict="rejects it (exit $status)"; fi
    echo "error case  $name (reference $verdict; expected output is samc's diagnostics.txt)"
  elif [[ $status -eq 0 ]]; then
    cp "$out" "$dir/cloudformation.json"
    if [[ -f "$dir/cloudformation.yaml" ]]; then
      python3 -c 'import json,sys,yaml; sys.stdout.write(yaml.safe_dump(json.load(open(sys.argv[1])), sort_keys=False, default_flow_style=False, width=1000))' \
        "$dir/cloudformation.json" >"$dir/cloudformation.yaml"
    fi
    echo "translated  $name"
  else
    echo "REJECTED    $name (reference exit $status: $(head -c 300 "$out" | tr '\n' ' ')); make it an error case with ACCEPT=1" >&2
  fi
  rm -f "$out"
done
