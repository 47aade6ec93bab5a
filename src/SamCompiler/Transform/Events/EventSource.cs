using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// One event source type of AWS::Serverless::Function (a class of samtranslator/model/eventsources): its
/// property_types, the resources it links to before the function is built (resources_to_link) and what it
/// generates (to_cloudformation). Instances are stateless and shared; the per-event state is the
/// <see cref="FunctionEvent"/>.
/// </summary>
internal abstract class EventSource
{
    /// <summary>The event Type this source handles (the reference's resource_type).</summary>
    public abstract string Type { get; }

    /// <summary>The accepted properties, in the reference's property_types order (validation order).</summary>
    public abstract IReadOnlyList<EventProperty> PropertyTypes { get; }

    /// <summary>
    /// resources_to_link: called for every event (in the order of Events) before any is generated, with the
    /// input template's Resources. What it returns comes back as <see cref="EventSourceContext.Linked"/>.
    /// </summary>
    public virtual object? ResourcesToLink(FunctionEvent ev, MapNode samResources, TranslationContext context) => null;

    /// <summary>to_cloudformation: the generated resources, in the reference's order.</summary>
    public abstract IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context);

    /// <summary>
    /// The checks of Resource.from_dict for an event: every property must be known, required ones present and each
    /// value of the right type (one-key mappings skip the type check where intrinsics are supported). A source that
    /// checks its properties itself may override this.
    /// </summary>
    public virtual void Validate(FunctionEvent ev)
    {
        foreach (var name in ev.Properties.Keys)
        {
            if (!PropertyTypes.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal)))
            {
                throw new ResourceException(ev.LogicalId, $"property {name} not defined for resource of type {Type}", ev.Properties.KeySpan(name));
            }
        }

        foreach (var property in PropertyTypes)
        {
            var value = ev[property.Name];
            if (property.SupportsIntrinsics && value is MapNode { Count: 1 })
            {
                continue;
            }

            if (value is null)
            {
                if (property.Required)
                {
                    throw ev.ResourceError($"Missing required property '{property.Name}'.");
                }
            }
            else if (!property.Accepts(value))
            {
                throw ev.ResourceError(
                    property.ExpectedType is { } expected
                        ? $"Property '{property.Name}' should be a {expected}."
                        : $"Type of property '{property.Name}' is invalid.",
                    property.Name);
            }
        }
    }
}

/// <summary>
/// Base of the push event sources (PushEventSource in push.py): the service calls Lambda, so each needs a
/// Lambda permission for its principal.
/// </summary>
internal abstract class PushEventSource : EventSource
{
    /// <summary>The service principal allowed to invoke the function.</summary>
    public abstract string Principal { get; }

    /// <summary>
    /// _construct_permission: an AWS::Lambda::Permission named PREFIX + "Permission" + SUFFIX (the prefix defaults
    /// to the event's logical id; a suffix that is not alphanumeric is hashed, as the reference's
    /// LogicalIdGenerator does).
    /// </summary>
    public CfnResource ConstructPermission(
        FunctionEvent ev,
        EventSourceContext context,
        Node? sourceArn = null,
        Node? sourceAccount = null,
        string suffix = "",
        Node? eventSourceToken = null,
        string? prefix = null)
    {
        prefix ??= ev.LogicalId;
        var id = suffix.Length > 0 && suffix.All(char.IsLetterOrDigit)
            ? prefix + "Permission" + suffix
            : prefix + "Permission" + HashSuffix(suffix);
        var permission = context.NewResource(id, "AWS::Lambda::Permission", ev);
        permission.Set("Action", "lambda:InvokeFunction")
            .Set("FunctionName", context.Function.NameOrArn())
            .Set("Principal", Principal)
            .Set("SourceArn", sourceArn?.Clone())
            .Set("SourceAccount", sourceAccount?.Clone())
            .Set("EventSourceToken", eventSourceToken?.Clone());
        return permission;
    }

    /// <summary>LogicalIdGenerator(prefix, data).get_hash(): the first 10 hex digits of SHA-1 of the data, or nothing for empty data.</summary>
    private static string HashSuffix(string data)
    {
        if (data.Length == 0)
        {
            return string.Empty;
        }

#pragma warning disable CA5350 // SHA-1 is what the reference uses for logical ids, not for security.
        var hash = Sha1.HashData(System.Text.Encoding.UTF8.GetBytes(data));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash)[..10];
    }
}
