using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using SamCompiler.Transform.Policies;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// AWS::Serverless::StateMachine to AWS::StepFunctions::StateMachine, its execution role, version and alias, and
/// the resources of its event sources: SamStateMachine (model/sam_resources.py) and StateMachineGenerator
/// (model/stepfunctions/generators.py), step for step.
/// </summary>
public sealed partial class StateMachineTransformer : IResourceTransformer
{
    private const string SamTagKey = "stateMachine:createdBy";
    private const string SamTagValue = "SAM";

    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::StateMachine";

    /// <inheritdoc />
    public int Order => 1;

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex LogicalIdPattern();

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        // SamStateMachine.from_dict, then resources_to_link, then to_cloudformation (the reference's order).
        if (!LogicalIdPattern().IsMatch(resource.LogicalId))
        {
            throw resource.Error("Logical ids must be alphanumeric.");
        }

        PropertyTypes.Validate(resource, StateMachineProperties.StateMachine);
        var events = LinkEvents(resource, context);
        var generated = Generate(resource, events, context);
        Tags.Propagate(generated, Value(resource, "Tags"), Value(resource, "PropagateTags"));
        return generated;
    }

    /// <summary>A property, or null when absent or null (the reference's None).</summary>
    private static Node? Value(SamResource resource, string name) => resource.Properties[name] is { IsNull: false } v ? v : null;

    /// <summary>
    /// resources_to_link: resolves and validates every event (and follows Api events to their Api). An unknown
    /// event type or an Api event naming no Api is reported on the state machine, as the reference does.
    /// </summary>
    private static List<(StateMachineEvent Event, StateMachineApiLink? Link)> LinkEvents(SamResource resource, TranslationContext context)
    {
        var linked = new List<(StateMachineEvent, StateMachineApiLink?)>();
        if (Value(resource, "Events") is not MapNode events || events.Count == 0)
        {
            return linked;
        }

        try
        {
            foreach (var (eventId, eventDict) in events)
            {
                var e = StateMachineEvent.FromDict(resource.LogicalId, eventId, eventDict, events.KeySpan(eventId));
                var link = e.Type == "Api" ? StateMachineApiEvent.ResourcesToLink(e, context.SamResources) : null;
                linked.Add((e, link));
            }
        }
        catch (EventException ex)
        {
            // InvalidResourceException(self.logical_id, e.message): the event's message keeps its own prefix.
            throw new ResourceException(resource.LogicalId, ex.FullMessage, ex.Span);
        }

        return linked;
    }

    private static List<CfnResource> Generate(SamResource resource, List<(StateMachineEvent Event, StateMachineApiLink? Link)> events, TranslationContext context)
    {
        var logicalId = resource.LogicalId;
        var stateMachine = new CfnResource(logicalId, "AWS::StepFunctions::StateMachine", resource.KeySpan);
        if (resource.DependsOn is { } dependsOn && Truthy(dependsOn))
        {
            stateMachine.DependsOn = dependsOn.Clone();
        }

        var attributes = new MapNode();
        foreach (var attribute in SamResource.SupportedAttributes)
        {
            if (resource.Definition[attribute] is { } value)
            {
                attributes[attribute] = value;
                stateMachine.Attributes[attribute] = value.Clone();
            }
        }

        var passThrough = resource.PassThrough();
        var resources = new List<CfnResource> { stateMachine };

        var definitionSubstitutions = Value(resource, "DefinitionSubstitutions");
        if (Truthy(definitionSubstitutions))
        {
            stateMachine.Set("DefinitionSubstitutions", definitionSubstitutions!.Clone());
        }

        var definition = Value(resource, "Definition");
        var definitionUri = Value(resource, "DefinitionUri");
        if (Truthy(definition) && Truthy(definitionUri))
        {
            throw resource.Error("Specify either 'Definition' or 'DefinitionUri' property and not both.");
        }

        if (Truthy(definition))
        {
            var processed = definition!.Clone();
            var substitutions = StateMachineDefinition.ReplaceDynamicValuesWithSubstitutions(processed);
            if (substitutions.Count > 0)
            {
                if (stateMachine.Properties["DefinitionSubstitutions"] is MapNode existing && existing.Count > 0)
                {
                    foreach (var (k, v) in substitutions)
                    {
                        existing[k] = v;
                    }
                }
                else
                {
                    stateMachine.Set("DefinitionSubstitutions", substitutions);
                }
            }

            stateMachine.Set("DefinitionString", StateMachineDefinition.BuildDefinitionString(processed));
        }
        else if (Truthy(definitionUri))
        {
            stateMachine.Set("DefinitionS3Location", ConstructDefinitionUri(resource, definitionUri!));
        }
        else
        {
            throw resource.Error("Either 'Definition' or 'DefinitionUri' property must be specified.");
        }

        var role = Value(resource, "Role");
        var policies = Value(resource, "Policies");
        if (Truthy(role) && Truthy(policies))
        {
            throw resource.Error("Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them");
        }

        if (Truthy(role))
        {
            stateMachine.Set("RoleArn", role!.Clone());
        }
        else
        {
            var executionRole = ConstructRole(resource, Truthy(policies) ? policies : null, context);
            stateMachine.Set("RoleArn", executionRole.GetAtt("Arn"));
            resources.Add(executionRole);
        }

        stateMachine.Set("StateMachineName", Value(resource, "Name")?.Clone());
        stateMachine.Set("StateMachineType", Value(resource, "Type")?.Clone());
        stateMachine.Set("LoggingConfiguration", Value(resource, "Logging")?.Clone());
        stateMachine.Set("TracingConfiguration", Value(resource, "Tracing")?.Clone());
        stateMachine.Set("Tags", ConstructTagList(resource));

        var alias = GenerateManagedTrafficShiftingResources(resource, stateMachine, passThrough, resources);

        if (events.Count > 0)
        {
            var useAlias = Truthy(Value(resource, "UseAliasAsEventTarget"));
            var target = useAlias ? alias ?? stateMachine : stateMachine;
            var targetAttributes = ReferenceEquals(target, stateMachine) ? attributes : passThrough;
            var permissionsBoundary = Value(resource, "PermissionsBoundary");
            foreach (var (e, link) in events)
            {
                resources.AddRange(StateMachineEventSources.ToCloudFormation(e, target, passThrough, permissionsBoundary, link, targetAttributes, context));
            }
        }

        return resources;
    }

    /// <summary>_construct_definition_uri: DefinitionS3Location from an S3 URI or a Bucket/Key/Version map.</summary>
    private static MapNode ConstructDefinitionUri(SamResource resource, Node definitionUri)
    {
        MapNode pointer;
        if (definitionUri is MapNode map)
        {
            if (!Truthy(map["Bucket"]) || !Truthy(map["Key"]))
            {
                throw resource.Error("'DefinitionUri' requires Bucket and Key properties to be specified.", "DefinitionUri");
            }

            pointer = map;
        }
        else
        {
            pointer = S3Uri.Parse(definitionUri)
                ?? throw resource.Error(S3Uri.InvalidUriMessage("DefinitionUri", definitionUri), "DefinitionUri");
        }

        var location = new MapNode { ["Bucket"] = pointer["Bucket"]!.Clone(), ["Key"] = pointer["Key"]!.Clone() };
        if (pointer.ContainsKey("Version"))
        {
            location["Version"] = pointer["Version"]!.Clone();
        }

        return location;
    }

    /// <summary>_construct_role: the execution role from Policies (plus X-Ray write access with tracing enabled).</summary>
    private static CfnResource ConstructRole(SamResource resource, Node? policies, TranslationContext context)
    {
        // The reference copies the list (self.policies[:]) and appends the X-Ray policy name to the copy.
        Node list = policies?.Clone() ?? new ListNode();
        if (Value(resource, "Tracing") is MapNode tracing && tracing["Enabled"] is ScalarNode { IsTrue: true })
        {
            if (list is not ListNode l)
            {
                throw resource.Error("'Policies' must be a list to add the X-Ray policy when 'Tracing' is enabled.", "Policies");
            }

            l.Add(ScalarNode.String(ManagedPolicyMap.XrayManagedPolicyName(context.Partition)));
        }

        return RoleConstructor.ConstructRoleForResource(
            resource.LogicalId,
            resource.PassThrough(),
            null,
            IamRolePolicies.StepFunctionsAssumeRolePolicy(),
            ResourcePolicies.FromPolicies(list),
            rolePath: Value(resource, "RolePath")?.Clone(),
            permissionsBoundary: Value(resource, "PermissionsBoundary")?.Clone(),
            tags: ConstructTagList(resource),
            getManagedPolicyMap: ManagedPolicyMap.HarnessLoader(context.Partition),
            partition: context.Partition,
            span: resource.KeySpan);
    }

    /// <summary>_construct_tag_list: stateMachine:createdBy first, then the user's tags.</summary>
    private static ListNode ConstructTagList(SamResource resource)
    {
        var list = Tags.ToList(new MapNode { [SamTagKey] = SamTagValue });
        if (Value(resource, "Tags") is MapNode tags)
        {
            foreach (var t in Tags.ToList(tags))
            {
                list.Add(t);
            }
        }

        return list;
    }

    /// <summary>
    /// _generate_managed_traffic_shifting_resources: with AutoPublishAlias, the version (kept on replacement) and
    /// the alias with its deployment preference. Returns the alias, or null.
    /// </summary>
    private static CfnResource? GenerateManagedTrafficShiftingResources(SamResource resource, CfnResource stateMachine, MapNode passThrough, List<CfnResource> resources)
    {
        var autoPublishAlias = Value(resource, "AutoPublishAlias");
        var deploymentPreference = Value(resource, "DeploymentPreference");
        if (!Truthy(autoPublishAlias) && Truthy(Value(resource, "UseAliasAsEventTarget")))
        {
            throw resource.Error("'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be specified.");
        }

        if (!Truthy(autoPublishAlias) && !Truthy(deploymentPreference))
        {
            return null;
        }

        if (!Truthy(autoPublishAlias))
        {
            throw resource.Error("'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.");
        }

        var version = new CfnResource(resource.LogicalId + "Version", "AWS::StepFunctions::StateMachineVersion", resource.KeySpan).PassThrough(passThrough);
        if (!version.Attributes.ContainsKey("DeletionPolicy"))
        {
            version.Attributes["DeletionPolicy"] = "Retain";
        }

        if (!version.Attributes.ContainsKey("UpdateReplacePolicy"))
        {
            version.Attributes["UpdateReplacePolicy"] = "Retain";
        }

        version.Set("StateMachineArn", stateMachine.Ref());
        version.Set("StateMachineRevisionId", stateMachine.GetAtt("StateMachineRevisionId"));

        var aliasLogicalId = resource.LogicalId + "Alias" + PyRepr.Str(autoPublishAlias!);
        if (!LogicalIdPattern().IsMatch(aliasLogicalId))
        {
            throw new ResourceException(aliasLogicalId, "Logical ids must be alphanumeric.", resource.SpanOf("AutoPublishAlias"));
        }

        var alias = new CfnResource(aliasLogicalId, "AWS::StepFunctions::StateMachineAlias", resource.KeySpan).PassThrough(passThrough);
        alias.Set("Name", autoPublishAlias!.Clone());
        MapNode preference;
        if (Truthy(deploymentPreference))
        {
            preference = deploymentPreference as MapNode
                ?? throw resource.Error("'DeploymentPreference' must be a map.", "DeploymentPreference");
            preference = (MapNode)preference.Clone();
        }
        else
        {
            preference = new MapNode { ["Type"] = "ALL_AT_ONCE" };
        }

        preference["StateMachineVersionArn"] = version.Ref();
        alias.Set("DeploymentPreference", preference);
        resources.Add(version);
        resources.Add(alias);
        return alias;
    }
}
