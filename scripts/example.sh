#!/usr/bin/env bash
# Builds samc and compiles the bundled example (examples/hello/template.yaml) to CloudFormation on stdout.
#   scripts/example.sh [extra samc compile options, e.g. --format yaml]
#
# samc is built the way it ships: a NativeAOT executable (artifacts/samc-native/samc, rebuilt only when a source file
# is newer). Where NativeAOT cannot build (no C toolchain, or the ILCompiler package cannot be restored) it falls back
# to the JIT build, which works everywhere but starts slower and uses several times more CPU per compile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
native="$root/artifacts/samc-native/samc"
jit="$root/src/SamCompiler.Cli/bin/Release/net10.0/samc"

stale() {
  [[ ! -x "$native" ]] && return 0
  [[ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$native" -type f \
    ! -path '*/bin/*' ! -path '*/obj/*' -print -quit)" ]]
}

samc="$native"
if stale; then
  echo "example.sh: building the native samc (NativeAOT; a few minutes the first time) ..." >&2
  if ! dotnet publish src/SamCompiler.Cli -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet \
      -clp:ErrorsOnly -o "$root/artifacts/samc-native" >&2; then
    echo "example.sh: NativeAOT could not build here; using the JIT build instead (slower start-up)." >&2
    dotnet build src/SamCompiler.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >&2
    samc="$jit"
  fi
fi
exec "$samc" compile examples/hello/template.yaml "$@"
