using SamCompiler.Cli;
using SamCompiler.Cli.Commands;
using SamCompiler.Emit.Pulumi;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

// Reads samc command lines (arguments separated by tabs) from stdin; runs each with SamCompiler.Cli.Program.Run in
// this process and prints "exit-code<TAB>stderr" per line (newlines in stderr become " | ").
// A line "pulumi-local<TAB>TEMPLATE<TAB>TARGET<TAB>FOLDER" runs what `samc compile --target TARGET -o FOLDER` does
// once the compiler rewrites local CodeUri/ContentUri for Pulumi targets (LocalArtifacts.Rewrite before translation);
// "cfn-local<TAB>TEMPLATE<TAB>FILE" writes the CloudFormation of that rewritten template (what the program is checked
// against).
var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
string? line;
while ((line = Console.ReadLine()) is not null)
{
    if (line.Length == 0)
    {
        continue;
    }

    using var output = new StringWriter();
    using var error = new StringWriter();
    var context = new CliContext(output, error, Directory.GetCurrentDirectory(), environment);
    int code;
    try
    {
        var parts = line.Split('\t');
        code = parts[0] switch
        {
            "pulumi-local" => PulumiLocal(parts[1], parts[2], parts[3], context),
            "cfn-local" => PulumiLocal(parts[1], "cloudformation", parts[2], context),
            _ => SamCompiler.Cli.Program.Run(parts, context),
        };
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        code = 3;
        error.WriteLine(ex.ToString());
    }

    Console.WriteLine($"{code}\t{error.ToString().ReplaceLineEndings(" | ")}");
}

static int PulumiLocal(string template, string target, string folder, CliContext context)
{
    var source = new SourceText(template, File.ReadAllText(template));
    var load = YamlDocumentLoader.Load(source);
    if (load.Root is null || load.HasErrors)
    {
        DiagnosticWriter.WriteText(context.Error, load.Diagnostics);
        return 1;
    }

    LocalArtifacts.Rewrite(load.Root);
    var result = SamTranslator.Translate(source, load.Root, new TranslateOptions());
    DiagnosticWriter.WriteText(context.Error, result.Diagnostics);
    if (result.Template is null)
    {
        return 1;
    }

    if (target == "cloudformation")
    {
        File.WriteAllText(folder, SamCompiler.Emit.CloudFormation.CfnJsonWriter.Write(result.Template));
        return 0;
    }

    return CompileTargets.EmitPulumi(target, result.Template, source, folder, context);
}
