using System.Text.RegularExpressions;

namespace SamCompiler.Tests.Architecture;

/// <summary>
/// One Globals merge, one intrinsic evaluator, one partition rule in the code base (issue 15): the facts live in the
/// model (src/SamCompiler/Model), and the copies that lint, local runs and the translator once had are gone. Checked on
/// the code of every project under src/ (comments and strings stripped, so documentation may still name things).
/// </summary>
public sealed partial class SingleSourceTests
{
    [Fact]
    public void OneGlobalsMerge_GlobalsSectionInTheModel()
    {
        // The merge itself (GlobalProperties._do_merge) is defined once.
        Assert.Equal(["SamCompiler/Model/GlobalsSection.cs"], Files(f => MergeDefinition().IsMatch(f.Code)));

        // The IgnoreGlobals attribute is read only by the model and by the translator's Globals plugin, which passes it
        // to the model's merge.
        Assert.Equal(["SamCompiler/Model/SamTemplate.cs", "SamCompiler/Transform/Globals/GlobalsPlugin.cs"], Files(f => f.Text.Contains("\"IgnoreGlobals\"", StringComparison.Ordinal)));
        var plugin = SourceFile.All.Single(f => f.RelativePath == "SamCompiler/Transform/Globals/GlobalsPlugin.cs");
        Assert.Contains("GlobalsSection.Parse(", plugin.Code, StringComparison.Ordinal);
        Assert.Contains("globals.Merge(", plugin.Code, StringComparison.Ordinal);

        // The old copies are gone.
        Assert.Empty(Files(f => TypeDeclaration("GlobalsMerge|FunctionGlobals").IsMatch(f.Code)));
    }

    [Fact]
    public void OneIntrinsicEvaluator_IntrinsicEvaluatorInTheModel()
    {
        // Fn::Select and Fn::Split mean something only to an evaluator (the translator never resolves them); the one other
        // file that names them turns intrinsics into Pulumi expressions, which CloudFormation-free targets evaluate.
        // The LanguageExtensions transform is the other exception: CloudFormation runs it on the raw template before the
        // SAM transform (so before the model exists), and it resolves Fn::Select/Fn::Split by that service's own rules
        // (checked against aws-sam-cli's CloudFormation transform cases in tests/langext); it binds parameters through
        // the model's ParameterBinding.
        Assert.Equal(
            ["SamCompiler/Emit/Pulumi/PulumiProgramBuilder.Convert.cs", "SamCompiler/Model/IntrinsicEvaluator.cs", "SamCompiler/Transform/LanguageExtensions/IntrinsicEvaluator.Functions.cs", "SamCompiler/Transform/LanguageExtensions/IntrinsicEvaluator.cs"],
            Files(f => f.Text.Contains("\"Fn::Select\"", StringComparison.Ordinal) || f.Text.Contains("\"Fn::Split\"", StringComparison.Ordinal)));

        // Parameter values are bound once (ParameterBinding); nothing else reads a parameter's Default to resolve a Ref.
        // (The Pulumi writer declares each parameter as Pulumi config with its default; it resolves nothing.)
        // (Amazon States Language documents have their own "Default": a Choice state's fallback. The Step Functions code
        // and the state-machine graph read that, on ASL JSON, never a template parameter.)
        Assert.Equal(["SamCompiler/Emit/Pulumi/PulumiProgramBuilder.cs", "SamCompiler/Model/ParameterBinding.cs"], Files(f => ReadsDefault().IsMatch(f.Text) && !ReadsAsl(f)));

        // No evaluator of template values outside the model: a method taking a node and named Evaluate or Resolve.
        Assert.Equal(["SamCompiler/Model/IntrinsicEvaluator.cs", "SamCompiler/Model/SamTemplate.cs", "SamCompiler/Transform/LanguageExtensions/IntrinsicEvaluator.cs"], Files(f => EvaluatorDefinition().IsMatch(f.Code)));
    }

    [Fact]
    public void LocalRuns_ReadTheTemplateOnce_ThroughTheModel()
    {
        // The simulator never parses YAML itself: LocalTemplate loads the model once, and start-api and start-lambda
        // read functions, routes and settings from it.
        // (A state machine's DefinitionUri names a separate JSON or YAML ASL document, which the Step Functions runner
        // reads; that is the one parse in the simulator, and it is not of a template.)
        Assert.Equal(["SamCompiler.Local/StepFunctions/LocalStateMachines.cs"], Files(f => f.Project == "SamCompiler.Local" && f.Code.Contains("YamlDocumentLoader", StringComparison.Ordinal)));
        Assert.Equal(["SamCompiler.Local/Model/LocalTemplate.cs"], Files(f => f.Project == "SamCompiler.Local" && f.Code.Contains("SamTemplate.Load(", StringComparison.Ordinal)));
        Assert.Empty(Files(f => f.RelativePath.StartsWith("SamCompiler.Cli/Commands/Start", StringComparison.Ordinal) && f.Code.Contains("TemplateFiles.Read(", StringComparison.Ordinal) && f.RelativePath.Contains("StartApi", StringComparison.Ordinal)));
    }

    [Fact]
    public void OnePartitionRule_PartitionsInTheModel()
    {
        // The region-to-partition table is data (Data/partitions.json): no code names a region prefix or a DNS suffix.
        // (Code may still compare a partition it was given, as the translator does for aws-iso's CodeDeploy policy.)
        Assert.Empty(Files(f => PartitionLiteral().IsMatch(OnlyStrings(f))));
        Assert.Equal(["SamCompiler/Model/Aws/Partitions.cs"], Files(f => f.Code.Contains("EmbeddedData.Open(", StringComparison.Ordinal) && f.Text.Contains("\"partitions.json\"", StringComparison.Ordinal)));

        // Every other partition function only forwards to it.
        foreach (var file in SourceFile.All.Where(f => PartitionFunction().IsMatch(f.Code)))
        {
            var body = PartitionFunction().Match(file.Code).Groups["body"].Value;
            Assert.True(body.Contains("Partitions.ForRegion(", StringComparison.Ordinal), $"{file.RelativePath} has its own partition rule: {body}");
        }
    }

    private static bool ReadsAsl(SourceFile file) =>
        file.RelativePath.Contains("/StepFunctions/", StringComparison.Ordinal) || file.RelativePath == "SamCompiler/Graph/StateMachineGraph.cs";

    private static List<string> Files(Func<SourceFile, bool> predicate) =>
        [.. SourceFile.All.Where(predicate).Select(f => f.RelativePath).Order(StringComparer.Ordinal)];

    /// <summary>The string literals of a file (what stripping removed), where partition names would be written.</summary>
    private static string OnlyStrings(SourceFile file) => string.Join("\n", StringLiteral().Matches(file.Text).Select(m => m.Value));

    private static Regex TypeDeclaration(string names) => new($@"\b(class|record|struct|interface)\s+({names})\b");

    [GeneratedRegex(@"static\s+Node\s+MergeValues\s*\(")]
    private static partial Regex MergeDefinition();

    [GeneratedRegex(@"\[""Default""\]|Get\(""Default""\)")]
    private static partial Regex ReadsDefault();

    [GeneratedRegex(@"\b(ModelValue|string\??|Node\??)\s+(Evaluate|Resolve)\s*\(\s*Node\??\s+\w+\s*\)")]
    private static partial Regex EvaluatorDefinition();

    [GeneratedRegex(@"""(cn-|us-gov-?|us-iso-?|us-isob|us-isof|eu-isoe|eusc-|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov)""")]
    private static partial Regex PartitionLiteral();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"static\s+string\s+(?<name>Partition\w*|\w*Partition)\s*\(\s*string\s+\w+\s*\)\s*(?<body>=>[^;]*;|\{[^}]*\})")]
    private static partial Regex PartitionFunction();
}
