using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli;

/// <summary>Finds and reads template files for the commands.</summary>
public static class TemplateFiles
{
    /// <summary>Largest template samc reads (CloudFormation's own limit through S3 is 1 MB).</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private static readonly string[] DefaultNames = ["template.yaml", "template.yml", "template.json"];

    /// <summary>The template path: the given one, or SAM CLI's default names in the working folder.</summary>
    public static string? Find(string? given, CliContext context)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        return DefaultNames.FirstOrDefault(n => File.Exists(context.Resolve(n)));
    }

    /// <summary>Reads a template; on failure returns null and a SAM0002/SAM0003 diagnostic.</summary>
    public static SourceText? Read(string path, CliContext context, out Diagnostic? error)
    {
        error = null;
        var full = context.Resolve(path);
        var span = SourceSpan.DocumentStart(path);
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                error = Diagnostic.Create(DiagnosticCatalog.FileUnreadable, span, Directory.Exists(full) ? $"\"{path}\" is a folder, not a template file." : $"The template file \"{path}\" does not exist.");
                return null;
            }

            if (info.Length > MaxBytes)
            {
                error = Diagnostic.Create(DiagnosticCatalog.FileTooLarge, span, $"The template is {info.Length:N0} bytes; samc reads templates up to {MaxBytes:N0} bytes.");
                return null;
            }

            return new SourceText(path, File.ReadAllText(full));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = Diagnostic.Create(DiagnosticCatalog.FileUnreadable, span, $"The template file \"{path}\" cannot be read: {ex.Message}");
            return null;
        }
    }

    /// <summary>The path diagnostics use for a template read from standard input.</summary>
    public const string StdinPath = "<stdin>";

    /// <summary>Reads a template from standard input (<c>-</c>); on failure returns null and a SAM0003 diagnostic.</summary>
    public static SourceText? ReadStdin(CliContext context, out Diagnostic? error)
    {
        error = null;
        var buffer = new char[81920];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = context.In.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBytes)
            {
                error = Diagnostic.Create(DiagnosticCatalog.FileTooLarge, SourceSpan.DocumentStart(StdinPath), $"The template on standard input is longer than the {MaxBytes:N0} bytes samc reads.");
                return null;
            }
        }

        return new SourceText(StdinPath, text.Length > 0 && text[0] == '\uFEFF' ? text.ToString(1, text.Length - 1) : text.ToString());
    }
}
