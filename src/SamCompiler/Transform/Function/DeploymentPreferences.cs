using SamCompiler.Syntax;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.Function;

/// <summary>
/// DeploymentPreference: per-function preferences collected during the run, then the CodeDeploy application,
/// service role and deployment groups added once (samtranslator/model/preferences/*.py and the part of
/// translator.py that adds them). The collection is run state (<see cref="TranslationContext.Shared{T}"/>); the
/// resources are added by <see cref="DeploymentPreferencesPlugin"/>.
/// </summary>
internal sealed class DeploymentPreferences
{
    public const string ApplicationLogicalId = "ServerlessDeploymentApplication";
    public const string ServiceRoleLogicalId = "CodeDeployServiceRole";
    public const string ConditionName = "ServerlessCodeDeployCondition";

    private static readonly string[] PredefinedConfigurations =
    [
        "Canary10Percent5Minutes", "Canary10Percent10Minutes", "Canary10Percent15Minutes", "Canary10Percent30Minutes",
        "Linear10PercentEvery1Minute", "Linear10PercentEvery2Minutes", "Linear10PercentEvery3Minutes",
        "Linear10PercentEvery10Minutes", "AllAtOnce",
    ];

    private readonly List<(string LogicalId, Preference Preference)> _preferences = [];

    private sealed record Preference(bool Enabled, Node? Type, Node? PreTrafficHook, Node? PostTrafficHook, Node? Alarms, Node? Role, Node? TriggerConfigurations, string? Condition, MapNode? Tags);

    /// <summary>SamFunction._validate_deployment_preference_and_add_update_policy.</summary>
    public static void ValidateAndAddUpdatePolicy(FunctionModel f, CfnResource? alias, TranslationContext context)
    {
        if (!Truthy(f["DeploymentPreference"]))
        {
            return;
        }

        // Resolved values are written back into the SAM property, as the reference does.
        var preference = (MapNode)f["DeploymentPreference"]!;
        if (preference.ContainsKey("Enabled"))
        {
            preference["Enabled"] = context.Mappings.ResolveParameterRefs(context.Intrinsics.ResolveParameterRefs(preference["Enabled"]!.Clone()));
        }

        if (preference.ContainsKey("Type"))
        {
            preference["Type"] = context.Mappings.ResolveParameterRefs(context.Intrinsics.ResolveParameterRefs(preference["Type"]!.Clone()));
        }

        var passthroughCondition = preference.ContainsKey("PassthroughCondition")
            && ResolveToBoolean(f, preference["PassthroughCondition"]!, "PassthroughCondition", context);
        preference["PassthroughCondition"] = passthroughCondition;
        var collection = context.Shared<DeploymentPreferences>();
        var pref = FromDict(f, preference, passthroughCondition);
        collection._preferences.Add((f.LogicalId, pref));
        if (pref.Enabled)
        {
            if (!Truthy(f["AutoPublishAlias"]))
            {
                throw f.Error("'DeploymentPreference' requires AutoPublishAlias property to be specified.", "DeploymentPreference");
            }

            var update = new MapNode
            {
                ["ApplicationName"] = Ref(ApplicationLogicalId),
                ["DeploymentGroupName"] = Ref(f.LogicalId + "DeploymentGroup"),
            };
            if (pref.PreTrafficHook is { } pre)
            {
                update["BeforeAllowTrafficHook"] = pre.Clone();
            }

            if (pref.PostTrafficHook is { } post)
            {
                update["AfterAllowTrafficHook"] = post.Clone();
            }

            alias!.Attributes["UpdatePolicy"] = new MapNode { ["CodeDeployLambdaAliasUpdate"] = update };
        }
    }

    private static bool ResolveToBoolean(FunctionModel f, Node value, string name, TranslationContext context)
    {
        var v = context.Mappings.ResolveParameterRefs(context.Intrinsics.ResolveParameterRefs(value.Clone()));
        if (v is ScalarNode { Kind: ScalarKind.Boolean } b)
        {
            return b.IsTrue;
        }

        switch (v.AsString())
        {
            case "true" or "True":
                return true;
            case "false" or "False":
                return false;
        }

        if (v.IsIntrinsic)
        {
            throw f.Error($"Unsupported intrinsic: the only intrinsic functions supported for property {name} are FindInMap and parameter Refs.", "DeploymentPreference");
        }

        throw f.Error($"Invalid value for property {name}.", "DeploymentPreference");
    }

    private static Preference FromDict(FunctionModel f, MapNode dict, bool passthroughCondition)
    {
        var enabledNode = dict["Enabled"];
        var enabled = enabledNode is null || (Truthy(enabledNode) && enabledNode.AsString() is not ("false" or "False"));
        if (!enabled)
        {
            return new Preference(false, null, null, null, null, null, null, null, null);
        }

        if (!dict.ContainsKey("Type"))
        {
            throw f.Error("'DeploymentPreference' is missing required Property 'Type'", "DeploymentPreference");
        }

        var hooks = dict["Hooks"] ?? new MapNode();
        if (hooks is not MapNode hooksMap)
        {
            throw f.Error("'Hooks' property of 'DeploymentPreference' must be a dictionary", "DeploymentPreference");
        }

        var propagate = f["PropagateTags"] is ScalarNode { IsTrue: true };
        var tags = f["Tags"] as MapNode;
        return new Preference(
            true,
            dict["Type"],
            hooksMap["PreTraffic"] is { IsNull: false } pre ? pre : null,
            hooksMap["PostTraffic"] is { IsNull: false } post ? post : null,
            dict["Alarms"] is { IsNull: false } a ? a : null,
            dict["Role"] is { IsNull: false } r ? r : null,
            dict["TriggerConfigurations"] is { IsNull: false } tc ? tc : null,
            passthroughCondition ? f.Resource.Condition : null,
            propagate && Truthy(tags) ? tags : null);
    }

    /// <summary>Adds the CodeDeploy resources and conditions when any preference is enabled (translator.py).</summary>
    public void AddResources(TranslationContext context, MapNode resources, List<TransformException> errors)
    {
        if (!_preferences.Any(p => p.Preference.Enabled))
        {
            return;
        }

        resources[ApplicationLogicalId] = Application().ToNode();
        if (NeedsResourceCondition())
        {
            var combined = MakeCombinedCondition(AllConditions(), ConditionName);
            if (combined is not null && context.Template["Conditions"] is MapNode conditions)
            {
                foreach (var (k, v) in combined)
                {
                    conditions[k] = v;
                }
            }
        }

        if (!_preferences.All(p => p.Preference.Role is not null || !p.Preference.Enabled))
        {
            resources[ServiceRoleLogicalId] = ServiceRole(context).ToNode();
        }

        foreach (var (id, pref) in _preferences.Where(p => p.Preference.Enabled))
        {
            try
            {
                resources[id + "DeploymentGroup"] = DeploymentGroup(id, pref).ToNode();
            }
            catch (ResourceException e)
            {
                errors.Add(e);
            }
        }
    }

    private bool NeedsResourceCondition() =>
        _preferences.Count > 0 && !_preferences.Any(p => p.Preference.Condition is null && p.Preference.Enabled);

    private List<string> AllConditions() =>
        [.. _preferences.Select(p => p.Preference.Condition).OfType<string>().Distinct(StringComparer.Ordinal)];

    private MapNode? MergedTags()
    {
        var merged = new MapNode();
        foreach (var (_, p) in _preferences)
        {
            if (p.Enabled && p.Tags is { } tags)
            {
                foreach (var (k, v) in tags)
                {
                    merged[k] = v.Clone();
                }
            }
        }

        return merged.Count > 0 ? merged : null;
    }

    private string? ResourceCondition()
    {
        if (!NeedsResourceCondition())
        {
            return null;
        }

        var conditions = AllConditions();
        return conditions.Count <= 1 ? conditions.LastOrDefault() : ConditionName;
    }

    private CfnResource Application()
    {
        var app = new CfnResource(ApplicationLogicalId, "AWS::CodeDeploy::Application");
        app.Properties["ComputePlatform"] = "Lambda";
        if (MergedTags() is { } tags)
        {
            app.Properties["Tags"] = Tags.ToList(tags);
        }

        if (ResourceCondition() is { } condition)
        {
            app.Attributes["Condition"] = condition;
        }

        return app;
    }

    private CfnResource ServiceRole(TranslationContext context)
    {
        var role = new CfnResource(ServiceRoleLogicalId, "AWS::IAM::Role");
        role.Properties["AssumeRolePolicyDocument"] = new MapNode
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new ListNode(
            [
                new MapNode
                {
                    ["Action"] = new ListNode(["sts:AssumeRole"]),
                    ["Effect"] = "Allow",
                    ["Principal"] = new MapNode { ["Service"] = new ListNode(["codedeploy.amazonaws.com"]) },
                },
            ]),
        };
        var policy = context.Partition is "aws-iso" or "aws-iso-b" ? "AWSCodeDeployRoleForLambdaLimited" : "AWSCodeDeployRoleForLambda";
        role.Properties["ManagedPolicyArns"] = new ListNode([$"arn:{context.Partition}:iam::aws:policy/service-role/{policy}"]);
        if (ResourceCondition() is { } condition)
        {
            role.Attributes["Condition"] = condition;
        }

        if (MergedTags() is { } tags)
        {
            role.Properties["Tags"] = Tags.ToList(tags);
        }

        return role;
    }

    private static CfnResource DeploymentGroup(string functionId, Preference pref)
    {
        var group = new CfnResource(functionId + "DeploymentGroup", "AWS::CodeDeploy::DeploymentGroup");
        group.Set("AlarmConfiguration", ConvertAlarms(functionId, pref.Alarms));
        group.Properties["ApplicationName"] = Ref(ApplicationLogicalId);
        group.Properties["AutoRollbackConfiguration"] = new MapNode
        {
            ["Enabled"] = true,
            ["Events"] = new ListNode(["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"]),
        };
        group.Properties["DeploymentConfigName"] = ReplaceDeploymentTypes(pref.Type!.Clone(), null);
        group.Properties["DeploymentStyle"] = new MapNode { ["DeploymentType"] = "BLUE_GREEN", ["DeploymentOption"] = "WITH_TRAFFIC_CONTROL" };
        group.Properties["ServiceRoleArn"] = pref.Role is not null && Truthy(pref.Role) ? pref.Role.Clone() : GetAtt(ServiceRoleLogicalId, "Arn");
        if (Truthy(pref.TriggerConfigurations))
        {
            group.Properties["TriggerConfigurations"] = pref.TriggerConfigurations!.Clone();
        }

        if (pref.Tags is { } tags)
        {
            group.Properties["Tags"] = Tags.ToList(tags);
        }

        if (pref.Condition is { } condition)
        {
            group.Attributes["Condition"] = condition;
        }

        return group;
    }

    private static Node? ConvertAlarms(string functionId, Node? alarms)
    {
        if (!Truthy(alarms) || IsNoValue(alarms))
        {
            return null;
        }

        if (IsIf(alarms))
        {
            var processed = (MapNode)alarms!.Clone();
            var items = processed["Fn::If"];
            if (ValidateIfItems(items) is { } error)
            {
                throw new ResourceException(functionId, error);
            }

            var list = (ListNode)items!;
            list[1] = BuildAlarmConfiguration(functionId, list[1]);
            list[2] = BuildAlarmConfiguration(functionId, list[2]);
            return processed;
        }

        return BuildAlarmConfiguration(functionId, alarms!);
    }

    private static MapNode BuildAlarmConfiguration(string functionId, Node alarms)
    {
        if (alarms is not ListNode list)
        {
            throw new ResourceException(functionId, "Alarms must be a list", alarms.Span);
        }

        if (list.Count == 0 || IsNoValue(list[0]))
        {
            return new MapNode();
        }

        return new MapNode
        {
            ["Enabled"] = true,
            ["Alarms"] = new ListNode(list.Select(a => (Node)new MapNode { ["Name"] = a.Clone() })),
        };
    }

    private static Node ReplaceDeploymentTypes(Node value, string? key)
    {
        if (value is ListNode list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = ReplaceDeploymentTypes(list[i], null);
            }

            return list;
        }

        if (value.IsIntrinsic)
        {
            var map = (MapNode)value;
            foreach (var k in map.Keys.ToList())
            {
                map[k] = ReplaceDeploymentTypes(map[k]!, k);
            }

            return map;
        }

        if (value.AsString() is { } s && PredefinedConfigurations.Contains(s))
        {
            var args = new ListNode(["CodeDeployDefault.Lambda${ConfigName}", new MapNode { ["ConfigName"] = s }]);
            return key == "Fn::Sub" ? args : new MapNode { ["Fn::Sub"] = args };
        }

        return value;
    }
}

/// <summary>Adds the CodeDeploy resources after every resource is transformed (runs first among the after-transform plugins).</summary>
internal sealed class DeploymentPreferencesPlugin : ITemplatePlugin
{
    /// <inheritdoc />
    public void AfterTransform(TranslationContext context)
    {
        var errors = new List<TransformException>();
        context.Shared<DeploymentPreferences>().AddResources(context, (MapNode)context.Template["Resources"]!, errors);
        if (errors.Count > 0)
        {
            throw errors[0];
        }
    }
}
