#!/bin/sh
# Regenerates src/SamCompiler/Emit/Pulumi/PulumiShapeData.cs from the installed packages (see extract-native-shapes.js).
set -e
cd "$(dirname "$0")/.."
out=../../src/SamCompiler/Emit/Pulumi/PulumiShapeData.cs
{
  echo 'namespace SamCompiler.Emit.Pulumi;'
  echo
  echo '/// <summary>'
  echo '/// Input shapes and output names of the Pulumi classes samc emits, extracted from @pulumi/aws 7.48.0 and'
  echo '/// @pulumi/aws-native 1.79.0 by tests/pulumi/tools/gen-shapes-cs.sh (do not edit by hand).'
  echo '/// </summary>'
  echo 'internal static class PulumiShapeData'
  echo '{'
  echo '    /// <summary>One line per class: CloudFormation type (or "classic"), token, input shape, outputs.</summary>'
  echo '    public const string Text = """'
  node tools/extract-native-shapes.js tools/corpus-types.json tools/classic-classes.txt | sed 's/^/        /'
  echo '        """;'
  echo '}'
} > "$out"
