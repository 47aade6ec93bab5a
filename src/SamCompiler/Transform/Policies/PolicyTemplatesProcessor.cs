using System.Text.Json;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Policies;

/// <summary>
/// The policy templates (samtranslator/policy_template_processor/processor.py): customisable managed-policy
/// equivalents, read from <c>Data/policy_templates.json</c> (aws-sam-translator 1.110.0's policy_templates.json).
/// </summary>
public sealed class PolicyTemplatesProcessor
{
    private static readonly Lazy<PolicyTemplatesProcessor> DefaultProcessor = new(LoadDefault);

    // A template is read from the data file's JSON the first time it is asked for (most templates use a few of the
    // 81, and converting all of them into nodes at start-up cost more than the whole rest of a small compile).
    private readonly Dictionary<string, PolicyTemplate?> _policyTemplates;
    private readonly Dictionary<string, JsonElement>? _unread;

    /// <summary>Builds a processor from a policy templates document (<c>{"Version": ..., "Templates": {...}}</c>).</summary>
    public PolicyTemplatesProcessor(MapNode policyTemplates)
    {
        _policyTemplates = new Dictionary<string, PolicyTemplate?>(StringComparer.Ordinal);
        if (policyTemplates["Templates"] is MapNode templates)
        {
            foreach (var (name, value) in templates)
            {
                _policyTemplates[name] = PolicyTemplate.FromDict(name, value as MapNode ?? new MapNode());
            }
        }

        Version = policyTemplates["Version"].AsString() ?? string.Empty;
    }

    private PolicyTemplatesProcessor(JsonElement document)
    {
        _policyTemplates = new Dictionary<string, PolicyTemplate?>(StringComparer.Ordinal);
        _unread = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (document.TryGetProperty("Templates", out var templates) && templates.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in templates.EnumerateObject())
            {
                _policyTemplates[p.Name] = null;
                _unread[p.Name] = p.Value;
            }
        }

        Version = document.TryGetProperty("Version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString()! : string.Empty;
    }

    /// <summary>The processor over the bundled policy templates, loaded once on first use.</summary>
    public static PolicyTemplatesProcessor Default => DefaultProcessor.Value;

    /// <summary>The Version of the templates document.</summary>
    public string Version { get; }

    /// <summary>The template names, in the data file's order.</summary>
    public IEnumerable<string> TemplateNames => _policyTemplates.Keys;

    /// <summary>Is a template of this name available (has)?</summary>
    public bool Has(string templateName) => _policyTemplates.ContainsKey(templateName);

    /// <summary>The template of this name, or null (get).</summary>
    public PolicyTemplate? Get(string templateName)
    {
        if (!_policyTemplates.TryGetValue(templateName, out var template))
        {
            return null;
        }

        if (template is null)
        {
            lock (_policyTemplates)
            {
                template = _policyTemplates[templateName];
                if (template is null)
                {
                    var value = EmbeddedData.ToNode(_unread![templateName]);
                    template = PolicyTemplate.FromDict(templateName, value as MapNode ?? new MapNode());
                    _policyTemplates[templateName] = template;
                }
            }
        }

        return template;
    }

    /// <summary>
    /// Converts a template to an IAM policy document by substituting its parameters with
    /// <paramref name="parameterValues"/> (convert).
    /// </summary>
    /// <exception cref="PolicyTemplateNotFoundException">No template has this name.</exception>
    /// <exception cref="InsufficientParameterValuesException">A template parameter has no value.</exception>
    /// <exception cref="InvalidParameterValuesException"><paramref name="parameterValues"/> is not a mapping.</exception>
    public Node Convert(string templateName, Node? parameterValues)
    {
        var template = Get(templateName) ?? throw new PolicyTemplateNotFoundException(templateName);
        return template.ToStatement(parameterValues);
    }

    private static PolicyTemplatesProcessor LoadDefault()
    {
        // The document stays alive with the processor (its templates are read on demand), so it is not disposed.
        var doc = EmbeddedData.Open("policy_templates.json");
        return new PolicyTemplatesProcessor(doc.RootElement);
    }
}

/// <summary>
/// One policy template: its name, parameters and definition (samtranslator/policy_template_processor/template.py).
/// </summary>
public sealed class PolicyTemplate
{
    /// <summary>The prefix given to parameter names inside a definition before substitution, so a value that itself
    /// refers to a CloudFormation parameter of the same name is not substituted again.</summary>
    public const string PolicyParameterDisambiguatePrefix = "___SAM_POLICY_PARAMETER_";

    /// <summary>Creates a template.</summary>
    public PolicyTemplate(string name, MapNode parameters, Node definition)
    {
        Name = name;
        Parameters = parameters;
        Definition = definition;
    }

    /// <summary>The template name.</summary>
    public string Name { get; }

    /// <summary>The parameters (name to description mapping).</summary>
    public MapNode Parameters { get; }

    /// <summary>The definition (an IAM policy document with <c>Ref</c>s to the parameters).</summary>
    public Node Definition { get; }

    /// <summary>Parses a template entry (from_dict): Parameters and Definition default to empty mappings.</summary>
    public static PolicyTemplate FromDict(string name, MapNode values) =>
        new(name, values["Parameters"] as MapNode ?? new MapNode(), values["Definition"] ?? new MapNode());

    /// <summary>
    /// The policy document with every <c>Ref</c> to a parameter replaced by its value (to_statement). Values for
    /// names that are not parameters of this template are ignored. Returns a new tree; the definition is unchanged.
    /// </summary>
    /// <exception cref="InvalidParameterValuesException"><paramref name="parameterValues"/> is not a mapping.</exception>
    /// <exception cref="InsufficientParameterValuesException">A parameter has no value.</exception>
    public Node ToStatement(Node? parameterValues)
    {
        var missing = MissingParameterValues(parameterValues);
        var values = (MapNode)parameterValues!;
        if (missing.Count > 0)
        {
            var names = new ListNode(missing.Select(m => (Node)m));
            throw new InsufficientParameterValuesException(
                $"Following required parameters of template '{Name}' don't have values: {PyRepr.Of(names)}");
        }

        var necessary = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (Parameters.ContainsKey(name))
            {
                necessary[PolicyParameterDisambiguatePrefix + name] = value;
            }
        }

        var copy = DisambiguatePolicyParameter(Definition);
        return necessary.Count == 0 ? copy : ResolveRefs(copy, necessary);
    }

    /// <summary>
    /// The parameters that have no value in <paramref name="parameterValues"/> (missing_parameter_values), in the
    /// template's parameter order. The reference computes a Python set difference, whose order is not defined; with
    /// one missing parameter the message is the same.
    /// </summary>
    /// <exception cref="InvalidParameterValuesException"><paramref name="parameterValues"/> is not a mapping.</exception>
    public IReadOnlyList<string> MissingParameterValues(Node? parameterValues)
    {
        if (parameterValues is not MapNode values)
        {
            throw new InvalidParameterValuesException("Parameter values are required to process a policy template");
        }

        return [.. Parameters.Keys.Where(p => !values.ContainsKey(p))];
    }

    /// <summary>
    /// A deep copy where the value of every <c>Ref</c> key holding a string gets the disambiguation prefix
    /// (_disambiguate_policy_parameter).
    /// </summary>
    private static Node DisambiguatePolicyParameter(Node node)
    {
        switch (node)
        {
            case MapNode map:
                {
                    var copy = new MapNode { Span = map.Span };
                    foreach (var (key, value) in map)
                    {
                        copy.Set(key, DisambiguatePolicyParameter(value), map.KeySpan(key));
                    }

                    if (copy["Ref"] is ScalarNode { Kind: ScalarKind.String } r)
                    {
                        copy.Set("Ref", ScalarNode.String(PolicyParameterDisambiguatePrefix + r.Text, r.Span), copy.KeySpan("Ref"));
                    }

                    return copy;
                }

            case ListNode list:
                return new ListNode(list.Select(DisambiguatePolicyParameter)) { Span = list.Span };
            default:
                return node.Clone();
        }
    }

    /// <summary>
    /// IntrinsicsResolver(values, {"Ref": RefAction}).resolve_parameter_refs: replaces <c>{"Ref": name}</c> by the
    /// value of <c>name</c> (a copy of the user's value, keeping its spans), then keeps traversing the result, like
    /// the reference. CloudFormation placeholders (<c>{{IntrinsicFunction:...</c> strings) are not substituted.
    /// </summary>
    private static Node ResolveRefs(Node input, Dictionary<string, Node> values)
    {
        if (input is MapNode { Count: 1 } refMap
            && refMap.KeyAt(0) == "Ref"
            && refMap["Ref"] is ScalarNode { Kind: ScalarKind.String } name
            && values.TryGetValue(name.Text, out var value)
            && !(value is ScalarNode { Kind: ScalarKind.String } s && s.Text.StartsWith("{{IntrinsicFunction:", StringComparison.Ordinal)))
        {
            input = value.Clone();
        }

        switch (input)
        {
            case MapNode map:
                foreach (var key in map.Keys.ToList())
                {
                    map.Set(key, ResolveRefs(map[key]!, values), map.KeySpan(key));
                }

                break;
            case ListNode list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = ResolveRefs(list[i], values);
                }

                break;
        }

        return input;
    }
}

/// <summary>TemplateNotFoundException: no policy template has the given name.</summary>
public sealed class PolicyTemplateNotFoundException : Exception
{
    /// <summary>Creates the exception for a template name.</summary>
    public PolicyTemplateNotFoundException(string templateName)
        : base($"Template with name '{templateName}' is not found")
    {
    }
}

/// <summary>InsufficientParameterValues: not every parameter of the template has a value.</summary>
public sealed class InsufficientParameterValuesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InsufficientParameterValuesException(string message)
        : base(message)
    {
    }
}

/// <summary>InvalidParameterValues: the parameter values are not a mapping.</summary>
public sealed class InvalidParameterValuesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidParameterValuesException(string message)
        : base(message)
    {
    }
}
