#!/usr/bin/env bash
# Builds samc and compiles the bundled example (examples/hello/template.yaml) to CloudFormation on stdout.
#   scripts/example.sh [extra samc compile options, e.g. --format yaml]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/SamCompiler.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec src/SamCompiler.Cli/bin/Release/net10.0/samc compile examples/hello/template.yaml "$@"
