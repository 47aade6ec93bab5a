using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>The HttpApi event source.</summary>
public static partial class ApiEventSources
{
    private static List<CfnResource> HttpApiEvent(CfnResource target, SamResource function, string logicalId, string eventId, MapNode properties, TranslationContext context) => [];
}
