#!/usr/bin/env bash
# Times `samc compile` against the reference translator (../shared/conformance/sam_translate.py, aws-sam-translator
# 1.110.0), whole process each (start-up included), on generated templates:
#   1. 200 functions, each with AutoPublishAlias, Policies, an SQS event and an Api event (issue 2's target: >= 50x);
#   2. the linearity variant: one function with N Api events, N = 50 100 200 by default (time should grow about
#      linearly); --api-sizes "200 500 1000" picks other sizes.
# Prints the median of several runs for each tool, the ratio, and samc's peak memory (max RSS from /usr/bin/time -v).
#
#   benchmarks/compile/run.sh [--runs N] [--ref-runs N] [--api-sizes "N ..."] [--no-build] [--aot | --samc PATH]
#
# By default samc is the Release (JIT) build; --aot publishes it with NativeAOT first (DESIGN.md: the shipped form,
# much faster start-up), --samc times a given binary.
#
# Also prints whether samc and the reference agree on the 200-function template (compare.py), since a fast wrong
# answer is not a result. This is a script, not a test: it asserts nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/compile"
runs=7
ref_runs=3
build=1
aot=0
samc=""
api_sizes="50 100 200"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --ref-runs) ref_runs="$2"; shift 2 ;;
    --api-sizes) api_sizes="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --aot) aot=1; shift ;;
    --samc) samc="$2"; build=0; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--ref-runs N] [--api-sizes \"N ...\"] [--no-build] [--aot | --samc PATH]" >&2; exit 2 ;;
  esac
done

shared="${SAMTOOLS_SHARED:-}"
if [[ -z "$shared" ]]; then
  for c in "$root/../shared" "$root/../../shared"; do
    if [[ -f "$c/conformance/sam_translate.py" ]]; then shared="$(cd "$c" && pwd)"; break; fi
  done
fi
[[ -n "$shared" ]] || { echo "run.sh: ../shared/conformance/sam_translate.py not found (set SAMTOOLS_SHARED)" >&2; exit 2; }
reference="$shared/conformance/sam_translate.py"
compare="$shared/conformance/compare.py"

if [[ ! -x /usr/bin/time ]]; then
  echo "run.sh: /usr/bin/time is missing; installing the 'time' package" >&2
  apt-get install -y time >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $aot -eq 1 ]]; then
  dotnet publish "$root/src/SamCompiler.Cli" -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet -o "$work/aot" >/dev/null
  samc="$work/aot/samc"
elif [[ -z "$samc" ]]; then
  samc="$root/src/SamCompiler.Cli/bin/Release/net10.0/samc"
  if [[ $build -eq 1 ]]; then
    dotnet build "$root/src/SamCompiler.Cli" -c Release --nologo -v quiet >/dev/null
  fi
fi
[[ -x "$samc" ]] || { echo "run.sh: $samc not built" >&2; exit 2; }

# median_seconds N CMD...: runs CMD N times (output discarded), prints the median wall time in seconds.
median_seconds() {
  local n="$1"; shift
  local times=()
  for ((i = 0; i < n; i++)); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.4f\n", m }'
}

# peak_rss_mb CMD...: max resident set size of one run, in MB.
peak_rss_mb() {
  /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null || true
  awk -F: '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$work/time.txt"
}

exit_of() { "$@" >/dev/null 2>&1 && echo 0 || echo $?; }

echo "samc:      $samc ($("$samc" --version 2>/dev/null | head -n 1))"
echo "reference: $reference"
echo "runs:      samc $runs, reference $ref_runs (median wall time, whole process)"
echo

python3 "$here/generate.py" functions 200 >"$work/functions200.yaml"
samc_t=$(median_seconds "$runs" "$samc" compile "$work/functions200.yaml")
ref_t=$(median_seconds "$ref_runs" python3 "$reference" "$work/functions200.yaml")
rss=$(peak_rss_mb "$samc" compile "$work/functions200.yaml")
ratio=$(echo "$ref_t / $samc_t" | bc -l)
echo "200 functions (AutoPublishAlias, Policies, SQS + Api events), $(wc -c <"$work/functions200.yaml") bytes:"
printf '  samc      %8.3f s   exit %s   peak RSS %s MB\n' "$samc_t" "$(exit_of "$samc" compile "$work/functions200.yaml")" "$rss"
printf '  reference %8.3f s   exit %s\n' "$ref_t" "$(exit_of python3 "$reference" "$work/functions200.yaml")"
printf '  ratio     %8.1fx (target >= 50x)\n' "$ratio"
"$samc" compile "$work/functions200.yaml" >"$work/samc.json" 2>/dev/null || true
python3 "$reference" "$work/functions200.yaml" >"$work/ref.json" 2>/dev/null || true
if python3 "$compare" "$work/ref.json" "$work/samc.json" --max-diffs 3 >"$work/cmp.txt" 2>&1; then
  echo "  output    identical to the reference (compare.py)"
else
  echo "  output    DIFFERS from the reference: $(head -n 1 "$work/cmp.txt")"
fi
echo

echo "Linearity: one function with N Api events"
printf '  %6s %12s %12s %14s\n' N "samc s" "reference s" "samc RSS MB"
for n in $api_sizes; do
  python3 "$here/generate.py" api-events "$n" >"$work/api$n.yaml"
  s=$(median_seconds "$runs" "$samc" compile "$work/api$n.yaml")
  r=$(median_seconds "$ref_runs" python3 "$reference" "$work/api$n.yaml")
  m=$(peak_rss_mb "$samc" compile "$work/api$n.yaml")
  printf '  %6d %12.3f %12.3f %14s\n' "$n" "$s" "$r" "$m"
done
