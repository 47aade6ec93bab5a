using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.Function;

/// <summary>
/// AWS::Serverless::Function to Lambda, IAM and friends: SamFunction.to_cloudformation in
/// samtranslator/model/sam_resources.py, step for step. Event sources are in FunctionTransformer.Events.cs,
/// the execution role in FunctionTransformer.Role.cs, the deployment preferences in DeploymentPreferences.cs.
/// </summary>
public sealed partial class FunctionTransformer : IResourceTransformer
{
    private const string Zip = "Zip";
    private const string Image = "Image";
    private const string TracingDisabled = "Disabled";

    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::Function";

    /// <inheritdoc />
    public int Order => 0;

    [GeneratedRegex(@"^[A-Za-z0-9]+$")]
    private static partial Regex LogicalIdPattern();

    [GeneratedRegex(@"^(?!^[0-9]+$)([a-zA-Z0-9\-_]+)$")]
    private static partial Regex AliasPattern();

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        var f = new FunctionModel(resource);
        Validate(f);
        var resources = new List<CfnResource>();
        if (Truthy(f["DeadLetterQueue"]))
        {
            ValidateDlq(f);
        }

        ValidateTenancy(f);
        var lambda = ConstructLambdaFunction(f, context);
        resources.Add(lambda);

        if (Truthy(f["ProvisionedConcurrencyConfig"]) && !Truthy(f["AutoPublishAlias"]))
        {
            throw f.Error("To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function");
        }

        CfnResource? alias = null;
        var aliasName = string.Empty;
        if (Truthy(f["AutoPublishAlias"]))
        {
            aliasName = ResolvedAliasName(f, "AutoPublishAlias", f["AutoPublishAlias"]!, context);
            string? codeSha256 = null;
            if (Truthy(f["AutoPublishCodeSha256"]))
            {
                codeSha256 = context.Intrinsics.ResolveParameterRefs(f["AutoPublishCodeSha256"]!.Clone()).AsString()
                    ?? throw f.Error("AutoPublishCodeSha256 must be a string");
                var description = f["Description"] is { } d ? context.Intrinsics.ResolveParameterRefs(d.Clone()) : null;
                if (!Truthy(description) || description.AsString() is not null)
                {
                    lambda.Properties["Description"] = Truthy(description) ? $"{description.AsString()} {codeSha256}" : codeSha256;
                }
                else
                {
                    lambda.Properties["Description"] = Join(" ", [description!, codeSha256]);
                }
            }

            var version = ConstructVersion(f, lambda, context, codeSha256);
            alias = ConstructAlias(f, aliasName, lambda, version);
            resources.Add(version);
            resources.Add(alias);
        }

        if (Truthy(f["FunctionUrlConfig"]))
        {
            var urlConfig = (MapNode)f["FunctionUrlConfig"]!;
            resources.Add(ConstructFunctionUrl(f, lambda, alias, urlConfig));
            var permission = ConstructUrlPermission(f, lambda, alias, urlConfig, "UrlPublicPermissions", "lambda:InvokeFunctionUrl");
            var invoke = ConstructUrlPermission(f, lambda, alias, urlConfig, "URLInvokeAllowPublicAccess", "lambda:InvokeFunction");
            if (permission is not null && invoke is not null)
            {
                resources.Add(permission);
                resources.Add(invoke);
            }
        }

        DeploymentPreferences.ValidateAndAddUpdatePolicy(f, alias, context);
        var eventInvokePolicies = new List<Node>();
        if (Truthy(f["EventInvokeConfig"]))
        {
            resources.AddRange(ConstructEventInvokeConfig(f, lambda.LogicalId, aliasName, alias, context, eventInvokePolicies));
        }

        var role = ConstructRole(f, eventInvokePolicies, context);
        var lambdaRole = lambda.Properties["Role"];
        if (lambdaRole is null)
        {
            lambda.Properties["Role"] = role.GetAtt("Arn");
            resources.Add(role);
        }
        else if (IsIf(lambdaRole))
        {
            MakeLambdaRole(f, lambda, role, resources, context);
        }

        try
        {
            resources.AddRange(GenerateEventResources(resource, lambda, role, alias, context));
        }
        catch (EventException e)
        {
            throw new ResourceException(resource.LogicalId, e.FullMessage, e.Span);
        }

        Tags.Propagate(resources, f["Tags"], f["PropagateTags"]);
        foreach (var r in resources)
        {
            switch (r.Type)
            {
                case "AWS::Lambda::Alias":
                    context.ResourceReferences.Add(resource.LogicalId, "Alias", r.LogicalId);
                    break;
                case "AWS::Lambda::Version":
                    context.ResourceReferences.Add(resource.LogicalId, "Version", r.LogicalId);
                    break;
                case "AWS::SNS::Topic":
                    context.ResourceReferences.Add(resource.LogicalId, "DestinationTopic", r.LogicalId);
                    break;
                case "AWS::SQS::Queue":
                    context.ResourceReferences.Add(resource.LogicalId, "DestinationQueue", r.LogicalId);
                    break;
            }
        }

        return resources;
    }

    private static void Validate(FunctionModel f)
    {
        if (!LogicalIdPattern().IsMatch(f.LogicalId))
        {
            throw f.Error("Logical ids must be alphanumeric.");
        }

        PropertyTypes.Validate(f.Resource, FunctionProperties.Specs);
        var messages = new List<string>();
        foreach (var (a, b) in FunctionProperties.MutuallyExclusive)
        {
            if (f[a] is { IsNull: false } && f[b] is { IsNull: false })
            {
                messages.Add($"Cannot specify '{a}' and '{b}' together.");
            }
        }

        foreach (var (p, requires) in FunctionProperties.ConditionalRequirements)
        {
            if (f[p] is { IsNull: false } && f[requires] is null or { IsNull: true })
            {
                messages.Add($"'{p}' requires '{requires}'.");
            }
        }

        if (messages.Count > 0)
        {
            throw f.Error(string.Join('\n', messages));
        }
    }

    private static void ValidateDlq(FunctionModel f)
    {
        var dlq = (MapNode)f["DeadLetterQueue"]!;
        var type = dlq["Type"];
        if (!Truthy(type) || !Truthy(dlq["TargetArn"]))
        {
            throw f.Error("'DeadLetterQueue' requires Type and TargetArn properties to be specified.", "DeadLetterQueue");
        }

        if (type.AsString() is not { } t)
        {
            throw new ResourceException(f.LogicalId, "Property 'DeadLetterQueue.Type' should be a string.", type!.Span);
        }

        if (t is not ("SQS" or "SNS"))
        {
            throw new ResourceException(f.LogicalId, "'DeadLetterQueue' requires Type of ['SQS', 'SNS']", type!.Span);
        }
    }

    private static void ValidateTenancy(FunctionModel f)
    {
        if (!Truthy(f["TenancyConfig"]))
        {
            return;
        }

        if (Truthy(f["ProvisionedConcurrencyConfig"]))
        {
            throw f.Error("Provisioned concurrency is not supported for functions enabled with tenancy configuration.");
        }

        if (Truthy(f["FunctionUrlConfig"]))
        {
            throw f.Error("Function URL is not supported for functions enabled with tenancy configuration.");
        }

        if (Truthy(f["SnapStart"]))
        {
            throw f.Error("SnapStart is not supported for functions enabled with tenancy configuration.");
        }

        if (f["Events"] is MapNode events)
        {
            foreach (var e in events.Values)
            {
                var type = e.Get("Type");
                if (type.AsString() is not ("Api" or "HttpApi"))
                {
                    throw f.Error($"Event source '{(type is null ? "None" : PyRepr.Str(type))}' is not supported for functions enabled with tenancy configuration. Only Api and HttpApi event sources are supported.");
                }
            }
        }
    }

    private static CfnResource ConstructLambdaFunction(FunctionModel f, TranslationContext context)
    {
        var lambda = new CfnResource(f.LogicalId, "AWS::Lambda::Function", f.Resource.KeySpan);
        if (f.Resource.DependsOn is { } dependsOn)
        {
            lambda.DependsOn = dependsOn.Clone();
        }

        foreach (var attribute in SamResource.SupportedAttributes)
        {
            if (f.Resource.Definition[attribute] is { } value)
            {
                lambda.Attributes[attribute] = value.Clone();
            }
        }

        if (Truthy(f["FunctionName"]))
        {
            lambda.Set("FunctionName", f.Copy("FunctionName"));
        }

        foreach (var name in FunctionProperties.PassThroughToLambda)
        {
            lambda.Set(name, f.Copy(name));
        }

        lambda.Properties["Code"] = ConstructCode(f);
        lambda.Set("KmsKeyArn", f.Copy("KmsKeyArn"));
        lambda.Set("ReservedConcurrentExecutions", f.Copy("ReservedConcurrentExecutions"));
        lambda.Properties["Tags"] = Tags.ConstructTagList(f.Resource, f["Tags"]);
        foreach (var name in new[] { "Layers", "FileSystemConfigs", "ImageConfig", "PackageType", "Architectures", "SnapStart", "EphemeralStorage" })
        {
            lambda.Set(name, f.Copy(name));
        }

        var tracing = f["Tracing"] is { } t ? context.Intrinsics.ResolveParameterRefs(t.Clone()) : null;
        if (Truthy(f["Tracing"]) && !(tracing.AsString() == TracingDisabled))
        {
            lambda.Properties["TracingConfig"] = new MapNode { ["Mode"] = f.Copy("Tracing")! };
        }

        if (Truthy(f["DeadLetterQueue"]))
        {
            lambda.Properties["DeadLetterConfig"] = new MapNode { ["TargetArn"] = f["DeadLetterQueue"].Get("TargetArn")!.Clone() };
        }

        foreach (var name in new[] { "CodeSigningConfigArn", "RuntimeManagementConfig", "LoggingConfig", "TenancyConfig", "RecursiveLoop", "DurableConfig" })
        {
            lambda.Set(name, f.Copy(name));
        }

        if (Truthy(f["CapacityProviderConfig"]))
        {
            lambda.Properties["CapacityProviderConfig"] = TransformCapacityProviderConfig(f);
        }

        if (Truthy(f["FunctionScalingConfig"]))
        {
            lambda.Set("FunctionScalingConfig", f.Copy("FunctionScalingConfig"));
        }

        if (f["PublishToLatestPublished"] is { IsNull: false })
        {
            lambda.Set("PublishToLatestPublished", f.Copy("PublishToLatestPublished"));
        }

        ValidatePackageType(f, lambda);
        return lambda;
    }

    private static MapNode TransformCapacityProviderConfig(FunctionModel f)
    {
        var config = (MapNode)f["CapacityProviderConfig"]!;
        var lambdaConfig = new MapNode();
        var managed = new MapNode();
        if (config["Arn"] is { } arn)
        {
            managed["CapacityProviderArn"] = arn.Clone();
        }

        if (config["PerExecutionEnvironmentMaxConcurrency"] is { } pmc)
        {
            managed["PerExecutionEnvironmentMaxConcurrency"] = pmc.Clone();
        }

        if (config["ExecutionEnvironmentMemoryGiBPerVCpu"] is { } mem)
        {
            managed["ExecutionEnvironmentMemoryGiBPerVCpu"] = mem.Clone();
        }

        lambdaConfig["LambdaManagedInstancesCapacityProviderConfig"] = managed;
        return lambdaConfig;
    }

    private static void ValidatePackageType(FunctionModel f, CfnResource lambda)
    {
        var packageType = lambda.Properties["PackageType"] is { } p && Truthy(p) ? p : ScalarNode.String(Zip);
        var pt = packageType.AsString();
        if (pt is not (Zip or Image))
        {
            throw f.Error($"PackageType needs to be `{Zip}` or `{Image}`", "PackageType");
        }

        var props = lambda.Properties;
        var code = (MapNode)props["Code"]!;
        if (pt == Zip)
        {
            if (!Truthy(props["Runtime"]) || !Truthy(props["Handler"]))
            {
                throw f.Error($"Runtime and Handler needs to be present when PackageType is of type `{Zip}`");
            }

            if (Truthy(code["ImageUri"]) || Truthy(props["ImageConfig"]))
            {
                throw f.Error($"ImageUri or ImageConfig cannot be present when PackageType is of type `{Zip}`");
            }
        }
        else
        {
            if (Truthy(props["Handler"]) || Truthy(props["Runtime"]) || Truthy(props["Layers"]))
            {
                throw f.Error($"Runtime, Handler, Layers cannot be present when PackageType is of type `{Image}`");
            }

            if (!Truthy(code["ImageUri"]))
            {
                throw f.Error($"ImageUri needs to be present when PackageType is of type `{Image}`");
            }
        }
    }

    private static MapNode ConstructCode(FunctionModel f)
    {
        var packageType = Truthy(f["PackageType"]) ? f["PackageType"] : ScalarNode.String(Zip);
        var pt = packageType.AsString();
        var artifacts = new List<(string Name, Node? Value)>();
        if (pt == Zip)
        {
            artifacts.Add(("InlineCode", f["InlineCode"]));
            artifacts.Add(("CodeUri", f["CodeUri"]));
        }
        else if (pt == Image)
        {
            artifacts.Add(("ImageUri", f["ImageUri"]));
        }
        else
        {
            throw f.Error($"invalid 'PackageType' : {PyRepr.Str(packageType!)}", "PackageType");
        }

        var present = artifacts.Where(a => a.Value is { IsNull: false }).ToList();
        if (present.Count != 1)
        {
            if (pt == Zip && present.Count == 0)
            {
                throw f.Error("Only one of 'InlineCode' or 'CodeUri' can be set.");
            }

            if (pt == Image)
            {
                throw f.Error("'ImageUri' must be set.");
            }
        }

        var keys = present.Select(a => a.Name).ToList();
        string key;
        if (keys.Contains("InlineCode"))
        {
            key = "InlineCode";
        }
        else if (keys.Contains("CodeUri"))
        {
            key = "CodeUri";
        }
        else if (keys.Contains("ImageUri"))
        {
            key = "ImageUri";
        }
        else
        {
            throw f.Error("Either 'InlineCode' or 'CodeUri' must be set.");
        }

        var value = f[key]!;
        MapNode code;
        switch (key)
        {
            case "InlineCode":
                code = new MapNode { ["ZipFile"] = value.Clone() };
                break;
            case "CodeUri":
                code = S3Uri.ConstructS3LocationObject(value, f.LogicalId, "CodeUri", value.Span);
                break;
            default:
                if (!Truthy(value))
                {
                    throw f.Error("'ImageUri' requires that a image hosted at a registry be specified.", "ImageUri");
                }

                code = new MapNode { ["ImageUri"] = value.Clone() };
                break;
        }

        if (Truthy(f["SourceKMSKeyArn"]) && pt == Zip)
        {
            code["SourceKMSKeyArn"] = f["SourceKMSKeyArn"]!.Clone();
        }

        return code;
    }

    private static string ResolvedAliasName(FunctionModel f, string property, Node value, TranslationContext context) =>
        context.Intrinsics.ResolveParameterRefs(value.Clone()).AsString()
            ?? throw f.Error($"'{property}' must be a string or a Ref to a template parameter", property);

    private static CfnResource ConstructVersion(FunctionModel f, CfnResource lambda, TranslationContext context, string? codeSha256)
    {
        // The reference resolves parameter refs inside the function's Code in place, so the emitted Code has them resolved.
        var code = (MapNode)context.Intrinsics.ResolveParameterRefs(lambda.Properties["Code"]!);
        lambda.Properties["Code"] = code;
        var prefix = f.LogicalId + "Version";
        MapNode logical;
        if (f["AutoPublishAliasAllProperties"] is ScalarNode { IsTrue: true })
        {
            logical = lambda.Properties.ShallowCopy();
            if (lambda.Properties["Layers"] is ListNode layers)
            {
                foreach (var layer in layers)
                {
                    var layerId = LogicalIdFromIntrinsic(layer);
                    if (layerId is null || context.Template["Resources"].Get(layerId) is not MapNode layerResource)
                    {
                        continue;
                    }

                    var layerProperties = layerResource["Properties"] as MapNode ?? new MapNode();
                    if (Truthy(layerProperties["PublishLambdaVersion"]))
                    {
                        logical[layerId] = layerProperties;
                    }
                }
            }
        }
        else
        {
            logical = code.ShallowCopy();
            if (lambda.Properties["Environment"] is MapNode env && Truthy(env))
            {
                foreach (var (k, v) in env)
                {
                    logical[k] = v;
                }
            }

            if (Truthy(lambda.Properties["MemorySize"]))
            {
                logical["MemorySize"] = lambda.Properties["MemorySize"]!;
            }

            if (lambda.Properties["SnapStart"] is MapNode snap && Truthy(snap) && (snap["ApplyOn"] is not { } applyOn || applyOn.AsString() != "None"))
            {
                logical["SnapStart"] = snap;
            }
        }

        var logicalId = new LogicalIdGenerator(prefix, logical, codeSha256).Gen();
        var attributes = f.Resource.PassThrough();
        if (!attributes.ContainsKey("DeletionPolicy"))
        {
            attributes["DeletionPolicy"] = f["VersionDeletionPolicy"] is { IsNull: false } vdp
                ? vdp.Clone()
                : ScalarNode.String(f["CapacityProviderConfig"] is { IsNull: false } ? "Delete" : "Retain");
        }

        var version = new CfnResource(logicalId, "AWS::Lambda::Version", f.Resource.KeySpan).PassThrough(attributes);
        version.Properties["FunctionName"] = lambda.Ref();
        version.Set("Description", f.Copy("VersionDescription"));
        if (f["CapacityProviderConfig"] is { IsNull: false } && f["FunctionScalingConfig"] is { IsNull: false })
        {
            version.Set("FunctionScalingConfig", f.Copy("FunctionScalingConfig"));
        }

        return version;
    }

    private static CfnResource ConstructAlias(FunctionModel f, string name, CfnResource lambda, CfnResource version)
    {
        if (name.Length == 0)
        {
            throw f.Error("Alias name is required to create an alias", "AutoPublishAlias");
        }

        if (!AliasPattern().IsMatch(name))
        {
            throw f.Error($"AutoPublishAlias name ('{name}') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.", "AutoPublishAlias");
        }

        var id = $"{lambda.LogicalId}Alias{name.Replace("-", "D", StringComparison.Ordinal).Replace("_", "U", StringComparison.Ordinal)}";
        var alias = new CfnResource(id, "AWS::Lambda::Alias", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough());
        alias.Properties["Name"] = name;
        alias.Properties["FunctionName"] = lambda.Ref();
        alias.Properties["FunctionVersion"] = version.GetAtt("Version");
        if (Truthy(f["ProvisionedConcurrencyConfig"]))
        {
            alias.Set("ProvisionedConcurrencyConfig", f.Copy("ProvisionedConcurrencyConfig"));
        }

        return alias;
    }

    private static CfnResource ConstructFunctionUrl(FunctionModel f, CfnResource lambda, CfnResource? alias, MapNode config)
    {
        ValidateUrlAuthType(f, config);
        ValidateUrlCors(f, config);
        var url = new CfnResource($"{lambda.LogicalId}Url", "AWS::Lambda::Url", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough());
        if (Truthy(config["Cors"]))
        {
            url.Properties["Cors"] = config["Cors"]!.Clone();
        }

        url.Set("AuthType", config["AuthType"]?.Clone());
        url.Properties["TargetFunctionArn"] = alias is not null ? alias.Ref() : lambda.Ref();
        url.Set("InvokeMode", config["InvokeMode"]?.Clone());
        return url;
    }

    private static void ValidateUrlAuthType(FunctionModel f, MapNode config)
    {
        if (config.IsIntrinsic)
        {
            return;
        }

        var authType = config["AuthType"];
        if (authType is { IsIntrinsic: true })
        {
            return;
        }

        if (!Truthy(authType) || authType.AsString() is not ("AWS_IAM" or "NONE"))
        {
            throw f.Error("AuthType is required to configure function property `FunctionUrlConfig`. Please provide either AWS_IAM or NONE.", "FunctionUrlConfig");
        }
    }

    private static void ValidateUrlCors(FunctionModel f, MapNode config)
    {
        if (config.IsIntrinsic)
        {
            return;
        }

        var cors = config["Cors"];
        if (!Truthy(cors) || cors!.IsIntrinsic)
        {
            return;
        }

        if (cors is not MapNode corsMap)
        {
            throw new ResourceException(f.LogicalId, "Property 'FunctionUrlConfig.Cors' should be a map.", cors.Span);
        }

        foreach (var (name, value) in corsMap)
        {
            string typeName;
            bool ok;
            switch (name)
            {
                case "AllowOrigins" or "AllowMethods" or "AllowHeaders" or "ExposeHeaders":
                    typeName = "list";
                    ok = value is ListNode;
                    break;
                case "AllowCredentials":
                    typeName = "bool";
                    ok = value is ScalarNode { Kind: ScalarKind.Boolean };
                    break;
                case "MaxAge":
                    typeName = "int";
                    ok = value is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Boolean };
                    break;
                default:
                    throw new ResourceException(f.LogicalId, $"{name} is not a valid property for configuring Cors.", corsMap.KeySpan(name));
            }

            if (!value.IsIntrinsic && !ok)
            {
                throw new ResourceException(f.LogicalId, $"{name} must be of type {typeName}.", value.Span);
            }
        }
    }

    private static CfnResource? ConstructUrlPermission(FunctionModel f, CfnResource lambda, CfnResource? alias, MapNode config, string suffix, string action)
    {
        if (config["AuthType"].AsString() != "NONE" || config.IsIntrinsic)
        {
            return null;
        }

        var permission = new CfnResource(lambda.LogicalId + suffix, "AWS::Lambda::Permission", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough());
        permission.Properties["Action"] = action;
        if (action == "lambda:InvokeFunctionUrl")
        {
            permission.Properties["FunctionName"] = alias is not null ? alias.Ref() : lambda.Ref();
            permission.Properties["Principal"] = "*";
            permission.Properties["FunctionUrlAuthType"] = "NONE";
        }
        else
        {
            permission.Properties["Principal"] = "*";
            permission.Properties["FunctionName"] = alias is not null ? alias.Ref() : lambda.Ref();
            permission.Properties["InvokedViaFunctionUrl"] = true;
        }

        return permission;
    }

    private static void MakeLambdaRole(FunctionModel f, CfnResource lambda, CfnResource role, List<CfnResource> resources, TranslationContext context)
    {
        var resolved = context.Intrinsics.ResolveParameterRefs(lambda.Properties["Role"]!.Clone());
        var items = resolved.Get("Fn::If");
        if (ValidateIfItems(items) is { } error)
        {
            throw f.Error($"Malformed 'Role' property: {error}.", "Role");
        }

        var list = (ListNode)items!;
        var condition = list[0];
        var thenValue = list[1];
        var elseValue = list[2];
        var roleArn = role.GetAtt("Arn");
        Node? value = null;
        if (IsNoValue(thenValue) && IsNoValue(elseValue))
        {
            value = roleArn;
        }
        else if (IsNoValue(thenValue))
        {
            value = new MapNode { ["Fn::If"] = new ListNode([condition, roleArn, elseValue]) };
            role.Attributes["Condition"] = condition;
        }
        else if (IsNoValue(elseValue))
        {
            value = new MapNode { ["Fn::If"] = new ListNode([condition, thenValue, roleArn]) };
            var name = "NOT" + PyRepr.Str(condition);
            role.Attributes["Condition"] = name;
            if (context.ExistingConditions is { } conditions)
            {
                conditions[name] = Not(Condition(PyRepr.Str(condition)));
            }
        }

        if (value is not null)
        {
            lambda.Properties["Role"] = value;
            resources.Add(role);
        }
    }
}
