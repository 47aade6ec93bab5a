using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// A resource of the template an event source modifies (the S3 bucket of an S3 event, the user pool of a Cognito
/// event): the reference edits the entry of the input template in place and emits it again through
/// Resource.from_dict / to_dict, which keeps only the known properties and attributes.
/// </summary>
internal sealed class LinkedResource
{
    /// <summary>Wraps the entry.</summary>
    public LinkedResource(string logicalId, MapNode definition)
    {
        LogicalId = logicalId;
        Definition = definition;
    }

    /// <summary>The resource's logical id.</summary>
    public string LogicalId { get; }

    /// <summary>Its entry in the input template's Resources (edited in place).</summary>
    public MapNode Definition { get; }

    /// <summary>
    /// Resource.from_dict(logical_id, definition).to_dict(): checks the Type and the property names and builds the
    /// resource to emit (a copy, so later edits of the input do not leak into an emitted resource).
    /// </summary>
    public CfnResource Emit(string type, IReadOnlyCollection<string> propertyNames)
    {
        if (!Definition.ContainsKey("Type"))
        {
            throw new ResourceException(LogicalId, "Resource dict missing key 'Type'.", Definition.Span);
        }

        if (Definition["Type"].AsString() != type)
        {
            throw new ResourceException(LogicalId, $"Resource has incorrect Type; expected '{type}', got '{PyRepr.Str(Definition["Type"]!)}'", Definition["Type"]!.Span);
        }

        if (Definition["Properties"] is { } p && p is not MapNode)
        {
            throw new ResourceException(LogicalId, "Properties of a resource must be an object.", p.Span);
        }

        var resource = new CfnResource(LogicalId, type, Definition.Span);
        if (Definition["Properties"] is MapNode properties)
        {
            foreach (var (name, value) in properties)
            {
                if (!propertyNames.Contains(name))
                {
                    throw new ResourceException(LogicalId, $"property {name} not defined for resource of type {type}", properties.KeySpan(name));
                }

                if (!value.IsNull)
                {
                    resource.Properties.Set(name, value.Clone(), properties.KeySpan(name));
                }
            }
        }

        if (Py.Truthy(Definition["DependsOn"]))
        {
            resource.DependsOn = Definition["DependsOn"]!.Clone();
        }

        foreach (var attribute in SamResource.SupportedAttributes)
        {
            if (Definition[attribute] is { } value)
            {
                resource.Attributes[attribute] = value.Clone();
            }
        }

        return resource;
    }

    /// <summary>The property names of S3Bucket (model/s3.py).</summary>
    public static readonly string[] S3BucketProperties =
    [
        "AccessControl", "AccelerateConfiguration", "AnalyticsConfigurations", "BucketEncryption", "BucketName",
        "CorsConfiguration", "IntelligentTieringConfigurations", "InventoryConfigurations", "LifecycleConfiguration",
        "LoggingConfiguration", "MetricsConfigurations", "NotificationConfiguration", "ObjectLockConfiguration",
        "ObjectLockEnabled", "OwnershipControls", "PublicAccessBlockConfiguration", "ReplicationConfiguration", "Tags",
        "VersioningConfiguration", "WebsiteConfiguration",
    ];

    /// <summary>The property names of CognitoUserPool (model/cognito.py).</summary>
    public static readonly string[] CognitoUserPoolProperties =
    [
        "AccountRecoverySetting", "AdminCreateUserConfig", "AliasAttributes", "AutoVerifiedAttributes",
        "DeletionProtection", "DeviceConfiguration", "EmailAuthenticationMessage", "EmailAuthenticationSubject",
        "EmailConfiguration", "EmailVerificationMessage", "EmailVerificationSubject", "EnabledMfas", "LambdaConfig",
        "MfaConfiguration", "Policies", "Schema", "SmsAuthenticationMessage", "SmsConfiguration",
        "SmsVerificationMessage", "UserAttributeUpdateSettings", "UsernameAttributes", "UsernameConfiguration",
        "UserPoolAddOns", "UserPoolName", "UserPoolTags", "UserPoolTier", "VerificationMessageTemplate",
        "WebAuthnRelyingPartyID", "WebAuthnUserVerification",
    ];
}
