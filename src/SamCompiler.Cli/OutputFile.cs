namespace SamCompiler.Cli;

/// <summary>
/// Writes an output file the safe way: the text goes to a new file beside the target with a random name, created
/// with O_CREAT|O_EXCL (so an existing file or a planted symbolic link is never opened, let alone followed), and is
/// then renamed onto the target, which readers therefore see either whole or not at all.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/>.</summary>
    public static void Write(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + ".samc-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(text);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do; the original error matters.
            }

            throw;
        }
    }
}
