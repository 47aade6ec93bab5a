namespace SamCompiler.Diagnostics;

/// <summary>The id blocks of DESIGN.md: the first digit of an id is its category.</summary>
public enum DiagnosticCategory
{
    /// <summary>SAM0xxx: the tool and I/O.</summary>
    Tool = 0,

    /// <summary>SAM1xxx: YAML and structure.</summary>
    Syntax = 1,

    /// <summary>SAM2xxx: model and references (what the reference translator rejects).</summary>
    Model = 2,

    /// <summary>SAM3xxx: Lambda and CloudFormation quotas.</summary>
    Quota = 3,

    /// <summary>SAM4xxx: security and good practice.</summary>
    Practice = 4,

    /// <summary>SAM5xxx: transform and emit limits.</summary>
    Emit = 5,

    /// <summary>SAM6xxx: local-run checks.</summary>
    Local = 6,
}
