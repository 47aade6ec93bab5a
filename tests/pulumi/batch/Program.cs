using SamCompiler.Cli;

// Reads samc command lines (arguments separated by tabs) from stdin; runs each with SamCompiler.Cli.Program.Run in
// this process and prints "exit-code<TAB>first-stderr-lines" per line (newlines in stderr become " | ").
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
        code = SamCompiler.Cli.Program.Run(line.Split('\t'), context);
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        code = 3;
        error.WriteLine(ex.ToString());
    }

    Console.WriteLine($"{code}\t{error.ToString().ReplaceLineEndings(" | ")}");
}
