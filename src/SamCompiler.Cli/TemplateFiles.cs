using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli;

/// <summary>Finds and reads template files for the commands.</summary>
public static class TemplateFiles
{
    /// <summary>Largest template samc reads (CloudFormation's own limit through S3 is 1 MB).</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private static readonly string[] DefaultNames = ["template.yaml", "template.yml", "template.json"];

    /// <summary>The bytes of <paramref name="path"/>, or null when it holds more than <paramref name="limit"/> bytes (at most limit + 1 are read).</summary>
    public static byte[]? ReadBounded(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        return ReadBounded(stream, limit);
    }

    /// <summary>The bytes of <paramref name="stream"/>, or null when it holds more than <paramref name="limit"/> bytes (at most limit + 1 are read).</summary>
    public static byte[]? ReadBounded(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - total))) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The text of a small input file (configuration, --env-vars): at most <see cref="MaxBytes"/> bytes are read;
    /// a longer file throws an IOException saying so.
    /// </summary>
    public static string ReadSmallText(string path)
    {
        var bytes = ReadBounded(path, MaxBytes) ?? throw new IOException($"the file is more than {MaxBytes:N0} bytes (samc stopped reading there)");
        return Decode(bytes);
    }

    /// <summary>Text as File.ReadAllText decodes it: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

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

            // The length on disk is not the length read: /dev/zero, /proc files and pipes report 0 (or nothing). Read
            // no more than the cap plus one byte, whatever the file is.
            var bytes = ReadBounded(full, MaxBytes);
            if (bytes is null)
            {
                error = Diagnostic.Create(DiagnosticCatalog.FileTooLarge, span, $"The template is more than {MaxBytes:N0} bytes (samc stopped reading there); samc reads templates up to {MaxBytes:N0} bytes.");
                return null;
            }

            return new SourceText(path, Decode(bytes));
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
