using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>
/// Custom resources (<c>Custom::*</c>, <c>AWS::CloudFormation::CustomResource</c>) become @pulumi/aws-native's
/// CustomResourceEmulator, which sends the ServiceToken function the same Create/Update/Delete requests
/// CloudFormation sends and reads the response from an S3 bucket; samc gives each custom resource its own response
/// bucket. Ref is the physical resource id the function returned, Fn::GetAtt a member of its Data.
/// </summary>
internal sealed partial class PulumiProgramBuilder
{
    private const string CustomResourceType = "AWS::CloudFormation::CustomResource";

    private const string CustomResourceEmulator = "aws-native:cloudformation:CustomResourceEmulator";

    private static bool IsCustomResource(string cfnType) =>
        cfnType == CustomResourceType || cfnType.StartsWith("Custom::", StringComparison.Ordinal);

    private void CustomResource(string logicalId, string cfnType, MapNode rest, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        var token = rest.Pop("ServiceToken") ?? throw new NotExpressibleException("ServiceToken is missing");
        rest.Remove("ServiceTimeout");
        var bucketName = logicalId + "-Responses";
        var bucketVariable = _dryRun ? bucketName : _names.Take(bucketName);
        var bucket = PulumiCatalog.Classic("aws:s3/bucket:Bucket");
        extras.Add(new PulumiResource(logicalId, bucketName, bucketVariable, cfnType, bucket, [new("forceDestroy", new PLiteral(ScalarNode.Boolean(true)))], null, [], false));
        args.Add(new("bucketName", new PRef($"{bucketVariable}.bucket", $"{bucketName}.bucket", true, ValueType.String)));
        args.Add(new("bucketKeyPrefix", PLiteral.Of(logicalId + "/")));
        args.Add(new("serviceToken", Convert(token, PulumiShape.StringShape, "ServiceToken")));
        args.Add(new("resourceType", PLiteral.Of(cfnType)));
        args.Add(new("customResourceProperties", new PObject([.. rest.Select(e => new KeyValuePair<string, PValue>(e.Key, Raw(e.Value, e.Key))).Where(e => e.Value is not PNoValue)])));
    }

    private static PRef CustomResourceAttribute(ResourceInfo resource, string attribute)
    {
        var target = $"{resource.Variable}{(resource.Conditional ? "!" : string.Empty)}";
        return new PRef($"{target}.data.apply(d => String(d?.[{TypeScriptWriter.Quote(attribute)}] ?? \"\"))", $"{resource.LogicalId}.data[\"{attribute}\"]", true, ValueType.String);
    }
}
