#!/usr/bin/env bash
# Publishes the NativeAOT samc and prints every speed figure of the README (issue 14's "Done when") in one run, each
# with the reference tool's figure beside it and the ratio: start-up (--version, lint of the bundled example),
# compile at 200 and 1,000 functions against aws-sam-translator (../shared/conformance/sam_translate.py), the
# one-function-with-N-Api-events series (time per event), lint of the 100-function template and of the 400
# real-world templates in one process against cfn-lint, and peak memory. Date, machine and load average are printed
# with the figures.
#
#   benchmarks/run-all.sh [--quick] [--samc PATH] [--keep DIR]
#
#   --quick      fewer repetitions, smaller series and a 40-template lint subset (a CI-time sanity check; the
#                README's figures come from the full mode, which takes about half an hour, mostly the reference tools)
#   --samc PATH  time this binary instead of publishing one
#   --keep DIR   keep the generated templates in DIR
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=()
samc=""
keep=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --samc) samc="$2"; shift 2 ;;
    --keep) keep=(--out "$2"); shift 2 ;;
    *) echo "usage: $0 [--quick] [--samc PATH] [--keep DIR]" >&2; exit 2 ;;
  esac
done

shared="${SAMTOOLS_SHARED:-$root/../shared}"
[[ -f "$shared/conformance/sam_translate.py" ]] || echo "run-all.sh: $shared/conformance/sam_translate.py not found: reference figures will be missing (set SAMTOOLS_SHARED)" >&2

if [[ -z "$samc" ]]; then
  out="$root/artifacts/samc-native"
  echo "Publishing the NativeAOT samc to $out ..." >&2
  dotnet publish "$root/src/SamCompiler.Cli" -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet -o "$out" >&2
  samc="$out/samc"
fi
[[ -x "$samc" ]] || { echo "run-all.sh: $samc is not an executable" >&2; exit 2; }

exec python3 "$root/benchmarks/run_all.py" --samc "$samc" --shared "$shared" "${quick[@]}" "${keep[@]}"
