namespace SamCompiler.Transform.Globals;

/// <summary>Merges the Globals section into each SAM resource and removes it (samtranslator/plugins/globals).</summary>
public sealed class GlobalsPlugin : ITemplatePlugin
{
    /// <inheritdoc />
    public void BeforeTransform(TranslationContext context)
    {
        context.SamTemplate.Remove("Globals");
    }
}
