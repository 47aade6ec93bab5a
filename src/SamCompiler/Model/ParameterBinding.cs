using SamCompiler.Model.Aws;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>Where a parameter's value came from.</summary>
public enum ParameterSource
{
    /// <summary>No value: it is given at deployment.</summary>
    None,

    /// <summary>The caller's --parameter-overrides.</summary>
    Override,

    /// <summary>The parameter's Default.</summary>
    Default,

    /// <summary>A pseudo parameter samc computes (AWS::Region, AWS::Partition, AWS::URLSuffix, ...).</summary>
    Pseudo,
}

/// <summary>A parameter declared in the Parameters section.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="KeySpan">The span of its key.</param>
/// <param name="Definition">Its mapping (Type, Default, ...); an empty map when it is not a mapping.</param>
public sealed record TemplateParameter(string Name, SourceSpan KeySpan, MapNode Definition)
{
    /// <summary>The Type (String, Number, CommaDelimitedList, List&lt;...&gt;, AWS::SSM::Parameter::Value&lt;...&gt;), or null.</summary>
    public string? Type => Definition["Type"].AsString();

    /// <summary>The Default, or null.</summary>
    public Node? Default => Definition["Default"];

    /// <summary>True for list-typed parameters, whose Ref is a list (CommaDelimitedList, List&lt;...&gt;).</summary>
    public bool IsList => Type is { } t && (t == "CommaDelimitedList" || t.StartsWith("List<", StringComparison.Ordinal));
}

/// <summary>
/// The parameter values of a template, bound once: the caller's overrides, then the Parameters defaults, then the
/// pseudo parameters. <see cref="ReferenceValues"/> is exactly the dictionary the reference translator resolves
/// references with (samtranslator/sdk/parameter.py: overrides, defaults, AWS::Region and AWS::Partition);
/// <see cref="TryGet"/> adds AWS::URLSuffix and the account and stack placeholders the options give.
/// </summary>
public sealed class ParameterBinding
{
    private readonly Dictionary<string, Node> _values;
    private readonly Dictionary<string, ParameterSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _pseudo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateParameter> _declared = new(StringComparer.Ordinal);

    private ParameterBinding(MapNode template, ModelOptions options)
    {
        Region = options.Region;
        Partition = Partitions.ForRegion(options.Region);
        UrlSuffix = Partitions.UrlSuffix(options.Region);

        // SamParameterValues: a deep copy of the given values, then the defaults of parameters not given.
        _values = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (name, value) in options.ParameterOverrides)
        {
            _values[name] = value;
            _sources[name] = ParameterSource.Override;
        }

        var declared = new List<TemplateParameter>();
        if (template["Parameters"] is MapNode parameters)
        {
            foreach (var (name, definition) in parameters)
            {
                var parameter = new TemplateParameter(name, parameters.KeySpan(name), definition as MapNode ?? new MapNode { Span = definition.Span });
                declared.Add(parameter);
                _declared[name] = parameter;
                if (!_values.ContainsKey(name) && definition is MapNode d && d["Default"] is { } dflt)
                {
                    _values[name] = dflt;
                    _sources[name] = ParameterSource.Default;
                }
            }
        }

        Declared = declared;

        // add_pseudo_parameter_values: only AWS::Region and AWS::Partition, and only when not given.
        if (_values.TryAdd("AWS::Region", ScalarNode.String(options.Region)))
        {
            _sources["AWS::Region"] = ParameterSource.Pseudo;
        }

        if (_values.TryAdd("AWS::Partition", ScalarNode.String(Partition)))
        {
            _sources["AWS::Partition"] = ParameterSource.Pseudo;
        }

        _pseudo["AWS::URLSuffix"] = ScalarNode.String(UrlSuffix);
        if (options.AccountId is { } account)
        {
            _pseudo["AWS::AccountId"] = ScalarNode.String(account);
        }

        if (options.StackName is { } stack)
        {
            _pseudo["AWS::StackName"] = ScalarNode.String(stack);
            if (options.AccountId is { } a)
            {
                // SAM CLI's local stack id: a fixed UUID under the stack name.
                _pseudo["AWS::StackId"] = ScalarNode.String($"arn:{Partition}:cloudformation:{options.Region}:{a}:stack/{stack}/51af3dc0-da77-11e4-872e-1234567db123");
            }
        }
    }

    /// <summary>The region.</summary>
    public string Region { get; }

    /// <summary>The partition of the region (<see cref="Partitions.ForRegion"/>).</summary>
    public string Partition { get; }

    /// <summary>The DNS suffix of the partition (AWS::URLSuffix).</summary>
    public string UrlSuffix { get; }

    /// <summary>The parameters the template declares, in order.</summary>
    public IReadOnlyList<TemplateParameter> Declared { get; }

    /// <summary>
    /// The reference translator's parameter values: overrides, defaults, AWS::Region, AWS::Partition (values are the
    /// nodes as given, not copies: the translator clones what it substitutes).
    /// </summary>
    public IReadOnlyDictionary<string, Node> ReferenceValues => _values;

    /// <summary>Binds the parameters of <paramref name="template"/> (the template is not modified).</summary>
    public static ParameterBinding Bind(MapNode template, ModelOptions options) => new(template, options);

    /// <summary>The declared parameter named <paramref name="name"/>, or null.</summary>
    public TemplateParameter? Find(string name) => _declared.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> is a declared or pseudo parameter (whether or not it has a value).</summary>
    public bool IsParameter(string name) =>
        _declared.ContainsKey(name) || _values.ContainsKey(name) || _pseudo.ContainsKey(name) || IsPseudoName(name);

    /// <summary>The value of a parameter or pseudo parameter, and where it came from; false when it has none yet.</summary>
    public bool TryGet(string name, out Node value, out ParameterSource source)
    {
        if (_values.TryGetValue(name, out value!))
        {
            source = _sources.GetValueOrDefault(name, ParameterSource.Override);
            return true;
        }

        if (_pseudo.TryGetValue(name, out value!))
        {
            source = ParameterSource.Pseudo;
            return true;
        }

        source = ParameterSource.None;
        return false;
    }

    /// <summary>The CloudFormation pseudo parameters.</summary>
    public static bool IsPseudoName(string name) => name is "AWS::AccountId" or "AWS::NotificationARNs" or "AWS::NoValue" or "AWS::Partition"
        or "AWS::Region" or "AWS::StackId" or "AWS::StackName" or "AWS::URLSuffix";
}
