using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>The result of a translation: the CloudFormation document (null on errors) and diagnostics.</summary>
public sealed record TranslateResult(MapNode? Template, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The SAM to CloudFormation translator: samtranslator's Translator.translate, step for step. Plugins run on the
/// input, each SAM resource is replaced by what its transformer generates (functions first, then state machines,
/// APIs, the rest, connectors), then the after-transform plugins run and references to renamed or derived ids
/// are rewritten.
/// </summary>
public static class SamTranslator
{
    /// <summary>The SAM transform's name.</summary>
    public const string TransformName = "AWS::Serverless-2016-10-31";

    /// <summary>True when the template asks for the SAM transform or holds AWS::Serverless resources.</summary>
    public static bool NeedsTransform(MapNode template)
    {
        switch (template["Transform"])
        {
            case ScalarNode s when s.Text == TransformName:
                return true;
            case ListNode l when l.Any(t => t.AsString() == TransformName):
                return true;
        }

        return template["Resources"] is MapNode resources &&
            resources.Values.Any(r => r is MapNode m && m["Type"].AsString() is { } t && t.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
    }

    /// <summary>Translates <paramref name="input"/> (not modified).</summary>
    public static TranslateResult Translate(SourceText source, MapNode input, TranslateOptions options)
    {
        var samTemplate = (MapNode)input.Clone();
        var errors = new List<TransformException>();
        TranslationContext? context = null;
        try
        {
            ValidateDataTypes(samTemplate);
            var parameters = ParameterBinding.Bind(samTemplate, new ModelOptions { Region = options.Region, ParameterOverrides = options.ParameterOverrides });
            context = new TranslationContext(source, samTemplate, options, parameters);
            foreach (var plugin in TransformRegistry.Plugins)
            {
                plugin.BeforeTransform(context);
            }

            context.Template = (MapNode)samTemplate.Clone();
            var outputResources = (MapNode)context.Template["Resources"]!;
            foreach (var resource in ResourcesToIterate(samTemplate, context))
            {
                try
                {
                    var transformer = TransformRegistry.Transformer(resource.Type)!;
                    foreach (var plugin in TransformRegistry.Plugins)
                    {
                        plugin.BeforeTransformResource(resource, context);
                    }

                    var generated = transformer.Transform(resource, context);
                    outputResources.Remove(resource.LogicalId);
                    foreach (var r in generated)
                    {
                        if (!IsUniqueLogicalId(r, (MapNode)samTemplate["Resources"]!))
                        {
                            errors.Add(new ResourceException(resource.LogicalId, $"Transforming resource with id [{resource.LogicalId}] attempts to create a new resource with id [{r.LogicalId}] and type \"{r.Type}\". A resource with that id already exists within this template. Please use a different id for that resource.", resource.KeySpan));
                            continue;
                        }

                        outputResources.Set(r.LogicalId, r.ToNode(), resource.KeySpan);
                    }
                }
                catch (TransformException ex)
                {
                    if (!ex.Span.IsKnown)
                    {
                        ex.Span = resource.KeySpan;
                    }

                    errors.Add(ex);
                }
            }

            foreach (var plugin in TransformRegistry.Plugins)
            {
                try
                {
                    plugin.AfterTransform(context);
                }
                catch (TransformException ex)
                {
                    errors.Add(ex);
                }
            }

            context.Template.Remove("Transform");
            if (errors.Count == 0)
            {
                var template = context.Template;
                ResolveDependsOn(template, context.ChangedLogicalIds);
                IntrinsicsResolver.ResolveSamResourceIdRefs(template, context.ChangedLogicalIds);
                IntrinsicsResolver.ResolveSamResourceRefs(template, context.ResourceReferences);
                return new TranslateResult(template, context.Diagnostics.Items);
            }
        }
        catch (TransformException ex)
        {
            errors.Add(ex);
        }

        var bag = new DiagnosticBag();
        if (context is not null)
        {
            bag.AddRange(context.Diagnostics.Items);
        }

        foreach (var e in errors)
        {
            var error = e switch
            {
                ResourceException r => new ModelError(ModelErrorKind.Resource, r.LogicalId, e.Message, e.Span),
                EventException ev => new ModelError(ModelErrorKind.Event, ev.EventId, e.Message, e.Span),
                _ => new ModelError(ModelErrorKind.Template, null, e.Message, e.Span),
            };
            bag.Add(error.ToDiagnostic(source.Path));
        }

        return new TranslateResult(null, bag.Items);
    }

    /// <summary>Generated types that may reuse the id of the SAM resource they come from (verify_logical_id.py).</summary>
    private static readonly Dictionary<string, string[]> DoNotVerify = new(StringComparer.Ordinal)
    {
        ["AWS::Lambda::Function"] = ["AWS::Serverless::Function"],
        ["AWS::Lambda::LayerVersion"] = ["AWS::Serverless::LayerVersion"],
        ["AWS::Lambda::CapacityProvider"] = ["AWS::Serverless::CapacityProvider"],
        ["AWS::ApiGateway::RestApi"] = ["AWS::Serverless::Api"],
        ["AWS::ApiGatewayV2::Api"] = ["AWS::Serverless::HttpApi", "AWS::Serverless::WebSocketApi"],
        ["AWS::S3::Bucket"] = ["AWS::S3::Bucket"],
        ["AWS::SNS::Topic"] = ["AWS::SNS::Topic"],
        ["AWS::DynamoDB::Table"] = ["AWS::Serverless::SimpleTable"],
        ["AWS::CloudFormation::Stack"] = ["AWS::Serverless::Application"],
        ["AWS::Cognito::UserPool"] = ["AWS::Cognito::UserPool"],
        ["AWS::ApiGateway::DomainName"] = ["AWS::ApiGateway::DomainName"],
        ["AWS::ApiGateway::BasePathMapping"] = ["AWS::ApiGateway::BasePathMapping"],
        ["AWS::ApiGateway::DomainNameV2"] = ["AWS::ApiGateway::DomainNameV2"],
        ["AWS::ApiGateway::BasePathMappingV2"] = ["AWS::ApiGateway::BasePathMappingV2"],
        ["AWS::StepFunctions::StateMachine"] = ["AWS::Serverless::StateMachine"],
        ["AWS::AppSync::GraphQLApi"] = ["AWS::Serverless::GraphQLApi"],
    };

    private static bool IsUniqueLogicalId(CfnResource resource, MapNode existing)
    {
        if (existing[resource.LogicalId] is not { } other)
        {
            return true;
        }

        return DoNotVerify.TryGetValue(resource.Type, out var allowed) &&
            other is MapNode m && m["Type"].AsString() is { } t && allowed.Contains(t);
    }

    private static void ValidateDataTypes(MapNode template)
    {
        if (template["Resources"] is not MapNode { Count: > 0 } resources)
        {
            throw new TemplateException("'Resources' section is required", template.KeySpan("Resources"));
        }

        foreach (var (id, resource) in resources)
        {
            if (resource is not MapNode)
            {
                throw new TemplateException("All 'Resources' must be Objects. If you're using YAML, this may be an indentation issue.", resources.KeySpan(id));
            }
        }

        foreach (var (id, resource) in resources)
        {
            var m = (MapNode)resource;
            if (TransformRegistry.Transformer(m["Type"].AsString() ?? string.Empty) is null)
            {
                continue;
            }

            if (m["Properties"] is { } p && p is not MapNode)
            {
                throw new ResourceException(id, "Attribute 'Properties' should be a map.", p.Span);
            }
        }
    }

    private static List<SamResource> ResourcesToIterate(MapNode template, TranslationContext context)
    {
        var resources = (MapNode)template["Resources"]!;
        var list = new List<(int Order, int Index, SamResource Resource)>();
        var index = 0;

        // Templates with a REST API are translated by the reference under its Python 2.7 dict conversion, which
        // changes the order Resources are visited in (visible in shared usage plans and record sets).
        IEnumerable<string> keys = context.Shared<Api.Py27Conversion>().Applies ? Api.Py27.KeyOrder(resources) : resources.Keys;
        foreach (var id in keys)
        {
            var value = resources[id]!;
            if (value is MapNode m && m["Type"].AsString() is { } type && TransformRegistry.Transformer(type) is { } t)
            {
                list.Add((t.Order, index++, new SamResource(id, m, resources.KeySpan(id))));
            }
        }

        return [.. list.OrderBy(x => x.Order).ThenBy(x => x.Index).Select(x => x.Resource)];
    }

    private static void ResolveDependsOn(MapNode template, Dictionary<string, string> changed)
    {
        if (changed.Count == 0 || template["Resources"] is not MapNode resources)
        {
            return;
        }

        foreach (var resource in resources.Values.OfType<MapNode>())
        {
            switch (resource["DependsOn"])
            {
                case ScalarNode { Kind: ScalarKind.String } s when changed.TryGetValue(s.Text, out var renamed):
                    resource["DependsOn"] = renamed;
                    break;
                case ListNode l:
                    for (var i = 0; i < l.Count; i++)
                    {
                        if (l[i].AsString() is { } d && changed.TryGetValue(d, out var r))
                        {
                            l[i] = r;
                        }
                    }

                    break;
            }
        }
    }
}
