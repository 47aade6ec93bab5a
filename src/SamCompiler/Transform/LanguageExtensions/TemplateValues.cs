using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>
/// What the transform knows about a template while it runs: parameter values (the caller's overrides, else the
/// Default), Mappings, the expanded Conditions and the pseudo parameters samc can give (region, partition, URL
/// suffix). CloudFormation runs the transform with every value known; samc knows the ones given to it.
/// </summary>
internal sealed class TemplateValues
{
    private readonly MapNode _parameters;
    private readonly ParameterBinding _binding;

    public TemplateValues(MapNode template, TranslateOptions options)
    {
        _parameters = template["Parameters"] as MapNode ?? new MapNode();
        _binding = ParameterBinding.Bind(template, new ModelOptions { Region = options.Region, ParameterOverrides = options.ParameterOverrides });
        Mappings = template["Mappings"] as MapNode ?? new MapNode();
        Region = options.Region;
        Partition = SamCompiler.Model.Aws.Partitions.ForRegion(options.Region);
        UrlSuffix = SamCompiler.Model.Aws.Partitions.UrlSuffix(options.Region);
    }

    /// <summary>The Mappings section (empty when absent).</summary>
    public MapNode Mappings { get; }

    /// <summary>The expanded Conditions section (set once Fn::ForEach has run over it).</summary>
    public MapNode Conditions { get; set; } = new();

    /// <summary>AWS::Region for values that must be computed now.</summary>
    public string Region { get; }

    /// <summary>AWS::Partition, from the region.</summary>
    public string Partition { get; }

    /// <summary>AWS::URLSuffix, from the partition.</summary>
    public string UrlSuffix { get; }

    /// <summary>True when the template declares a parameter of this name.</summary>
    public bool IsParameter(string name) => _parameters.ContainsKey(name);

    /// <summary>The declared parameter names.</summary>
    public IEnumerable<string> ParameterNames => _parameters.Keys;

    /// <summary>
    /// The value of a parameter: the override, else its Default; list types (CommaDelimitedList, List&lt;...&gt;)
    /// as a list of trimmed strings. Null when the value is unknown, including SSM parameter types, whose value
    /// CloudFormation reads from Parameter Store at deployment.
    /// </summary>
    public Node? ParameterValue(string name, SourceSpan span)
    {
        if (_parameters[name] is not MapNode definition)
        {
            return null;
        }

        var type = definition["Type"].AsString() ?? "String";
        if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
        {
            return null;
        }

        // The model's binding: the override, else the Default.
        var value = _binding.TryGet(name, out var bound, out var source) && source is ParameterSource.Override or ParameterSource.Default ? bound : null;
        if (value is null or ScalarNode { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (IsListType(type) && value is ScalarNode s)
        {
            var items = new ListNode { Span = span };
            foreach (var part in s.Text.Split(','))
            {
                items.Add(ScalarNode.String(part.Trim(), span));
            }

            return items;
        }

        var copy = value.Clone();
        copy.Span = span;
        return copy;
    }

    /// <summary>Why a parameter has no value, for messages.</summary>
    public string UnknownParameterReason(string name)
    {
        var type = (_parameters[name] as MapNode)?["Type"].AsString() ?? "String";
        return type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal)
            ? $"parameter \"{name}\" is of type {type}, whose value CloudFormation reads from Parameter Store at deployment"
            : $"parameter \"{name}\" has no Default and no value was given (pass --parameter-overrides {name}=...)";
    }

    private static bool IsListType(string type) =>
        type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);
}
