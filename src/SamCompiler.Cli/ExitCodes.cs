namespace SamCompiler.Cli;

/// <summary>Exit codes of every samc command (DESIGN.md section 1).</summary>
public static class ExitCodes
{
    /// <summary>Success (warnings allowed).</summary>
    public const int Success = 0;

    /// <summary>The input has errors, or warnings with --warnaserror.</summary>
    public const int InputErrors = 1;

    /// <summary>Usage error: unknown flag, missing file.</summary>
    public const int Usage = 2;

    /// <summary>Internal error (a bug; SAM0001).</summary>
    public const int InternalError = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT): 128 + the signal, as shells report it (SIGTERM gives 143).</summary>
    public const int Interrupted = 130;
}
