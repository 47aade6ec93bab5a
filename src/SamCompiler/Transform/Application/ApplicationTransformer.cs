using SamCompiler.Syntax;
using static SamCompiler.Transform.PropertyTypes;

namespace SamCompiler.Transform.Application;

/// <summary>
/// AWS::Serverless::Application to a nested AWS::CloudFormation::Stack (SamApplication in sam_resources.py, with the
/// part of plugins/application/serverless_app_plugin.py that turns Location into TemplateUrl). A Location that names
/// a Serverless Application Repository application needs a call to that service, which samc never makes: such a
/// template is rejected with a message saying so.
/// </summary>
public sealed class ApplicationTransformer : IResourceTransformer
{
    private static readonly PropertySpec[] Specs =
    [
        PropertySpec.Typed("Location", OneOf(IsStr, IsDict), required: true),
        PropertySpec.Typed("TemplateUrl", IsStr),
        PropertySpec.Typed("Parameters", IsDict),
        PropertySpec.Typed("NotificationARNs", ListOf(OneOf(IsStr, IsDict))),
        PropertySpec.Typed("Tags", IsDict),
        PropertySpec.Typed("TimeoutInMinutes", IsInt),
    ];

    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::Application";

    /// <inheritdoc />
    public int Order => 3;

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        var properties = resource.Properties;
        if (!properties.ContainsKey("Location"))
        {
            throw resource.Error("Resource is missing the required [Location] property.");
        }

        var location = properties["Location"]!;
        if (location is MapNode)
        {
            throw resource.Error("Location names a Serverless Application Repository application; samc does not call that service. Give the application's template URL as Location instead.", "Location");
        }

        var definition = resource.Definition.ShallowCopy();
        var props = properties.ShallowCopy();
        props["TemplateUrl"] = location;
        definition["Properties"] = props;
        var sam = new SamResource(resource.LogicalId, definition, resource.KeySpan);
        PropertyTypes.Validate(sam, Specs);

        var stack = new CfnResource(resource.LogicalId, "AWS::CloudFormation::Stack", resource.KeySpan).PassThrough(resource.PassThrough());
        if (resource.DependsOn is { } dependsOn)
        {
            stack.DependsOn = dependsOn.Clone();
        }

        stack.Set("Parameters", Copy(props, "Parameters"));
        stack.Set("NotificationARNs", Copy(props, "NotificationARNs"));
        stack.Properties["Tags"] = Tags.ConstructTagList(sam, props["Tags"] is { IsNull: false } t ? t : null);
        stack.Set("TimeoutInMinutes", Copy(props, "TimeoutInMinutes"));
        stack.Properties["TemplateURL"] = Intrinsics.Truthy(props["TemplateUrl"]) ? props["TemplateUrl"]!.Clone() : ScalarNode.String(string.Empty);
        return [stack];
    }

    private static Node? Copy(MapNode properties, string name) => properties[name] is { IsNull: false } v ? v.Clone() : null;
}
