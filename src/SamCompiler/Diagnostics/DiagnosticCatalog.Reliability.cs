namespace SamCompiler.Diagnostics;

/// <summary>
/// Reliability and safety checks: SAM3032-SAM3039 (how far lint measures local packages) and SAM6011-SAM6019 (the
/// private files and limits of local runs).
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM3032: lint does not measure a local CodeUri/ContentUri (outside the template's folder, not a path, a special file).</summary>
    public static DiagnosticDescriptor PackageLocationRefused => ReliabilityIds.PackageLocationRefused;

    /// <summary>SAM3033: lint stopped measuring a local package at its budget (files, bytes or time).</summary>
    public static DiagnosticDescriptor PackageMeasureBudget => ReliabilityIds.PackageMeasureBudget;

    /// <summary>SAM6011: the folder samc would run code from is not private to this user.</summary>
    public static DiagnosticDescriptor LocalWorkFolderUnsafe => ReliabilityIds.LocalWorkFolderUnsafe;

    static partial void AddReliabilityDescriptors(List<DiagnosticDescriptor> list) =>
        list.AddRange([PackageLocationRefused, PackageMeasureBudget, LocalWorkFolderUnsafe]);

    /// <summary>The instances (a class of their own so that they exist before <see cref="All"/> collects them).</summary>
    private static class ReliabilityIds
    {
        public static readonly DiagnosticDescriptor PackageLocationRefused = new("SAM3032", "package-location-refused", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "Lint does not measure this local package location.");

        public static readonly DiagnosticDescriptor PackageMeasureBudget = new("SAM3033", "package-measure-budget", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "Lint stopped measuring a local package at its budget.");

        public static readonly DiagnosticDescriptor LocalWorkFolderUnsafe = new("SAM6011", "local-work-folder-unsafe", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The folder samc would run code from is not private to this user.");
    }
}
