using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>Values: CloudFormation properties and intrinsics to <see cref="PValue"/>s shaped for the Pulumi class.</summary>
internal sealed partial class PulumiProgramBuilder
{
    private List<KeyValuePair<string, PValue>> BuildArgs(string logicalId, string cfnType, MapNode properties, PulumiClass cls, ClassicMapping? mapping, List<PulumiResource> extras)
    {
        var args = new List<KeyValuePair<string, PValue>>();
        var rest = properties.ShallowCopy();
        if (cls.Token == CustomResourceEmulator)
        {
            CustomResource(logicalId, cfnType, rest, args, extras);
            return args;
        }

        if (mapping is not null)
        {
            ClassicSpecial(logicalId, cfnType, rest, cls, args, extras);
        }

        args.AddRange(ConvertObject(rest, cls.Shape, mapping, string.Empty));
        foreach (var required in cls.Shape.Required)
        {
            if (!args.Any(a => a.Key == required))
            {
                throw new NotExpressibleException($"{cls.Token} requires \"{required}\", which the CloudFormation resource does not set");
            }
        }

        return args;
    }

    private List<KeyValuePair<string, PValue>> ConvertObject(MapNode map, PulumiShape shape, ClassicMapping? mapping, string path)
    {
        var entries = new List<KeyValuePair<string, PValue>>();
        foreach (var (key, value) in map)
        {
            var cfnPath = path.Length == 0 ? key : path + "." + key;
            var name = FindProperty(shape, key, cfnPath, mapping)
                ?? throw new NotExpressibleException($"no input for property \"{cfnPath}\"");
            var converted = Convert(value, shape.Properties[name], cfnPath, mapping);
            if (converted is not PNoValue)
            {
                entries.Add(new(name, converted));
            }
        }

        return entries;
    }

    private static string? FindProperty(PulumiShape shape, string key, string cfnPath, ClassicMapping? mapping)
    {
        if (mapping is not null && mapping.Renames.TryGetValue(cfnPath, out var renamed) && shape.Properties.ContainsKey(renamed))
        {
            return renamed;
        }

        var camel = Naming.Camel(key);
        string[] candidates = [camel, camel + "s", camel.EndsWith('s') ? camel[..^1] : camel];
        foreach (var candidate in candidates)
        {
            if (shape.Properties.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return shape.Properties.Keys.FirstOrDefault(k => string.Equals(k, camel, StringComparison.OrdinalIgnoreCase));
    }

    private PValue Convert(Node node, PulumiShape? shape, string path, ClassicMapping? mapping = null)
    {
        if (node is MapNode intrinsic && intrinsic.IsIntrinsic && intrinsic.KeyAt(0) != "Condition" || node is MapNode { Count: 1 } c && c.KeyAt(0) == "Condition" && _conditionMode)
        {
            var value = Coerce(Intrinsic((MapNode)node, shape, path), shape);
            if (shape?.Kind == ShapeKind.List && value.Type == ValueType.String)
            {
                // CloudFormation takes one string where a list is expected (Architectures: !Ref Arch).
                return new PList([value]);
            }

            return Enum(value, shape);
        }

        if (shape is null || shape.Kind == ShapeKind.Any)
        {
            return Raw(node, path);
        }

        switch (shape.Kind)
        {
            case ShapeKind.String:
                if (node is ListNode { Count: 1 } single && single[0] is ScalarNode && path.EndsWith('s'))
                {
                    return Coerce(Convert(single[0], shape, path, mapping), shape);
                }

                return node is ScalarNode ? Enum(Coerce(Raw(node, path), shape), shape) : new PJson(Raw(node, path));
            case ShapeKind.Number:
            case ShapeKind.Boolean:
                if (node is not ScalarNode)
                {
                    throw new NotExpressibleException($"property \"{path}\" is not a scalar");
                }

                return Coerce(Raw(node, path), shape);
            case ShapeKind.List:
                if (node is ListNode list)
                {
                    return new PList([.. list.Select(i => Convert(i, shape.Element, path, mapping)).Where(v => v is not PNoValue)]);
                }

                throw new NotExpressibleException($"property \"{path}\" is not a list");
            case ShapeKind.Map:
                if (node is MapNode map)
                {
                    return new PObject([.. map.Select(e => new KeyValuePair<string, PValue>(e.Key, Convert(e.Value, shape.Element, path + "." + e.Key, mapping))).Where(e => e.Value is not PNoValue)]);
                }

                if (node is ListNode tags && tags.All(t => t is MapNode tm && tm.Get("Key") is ScalarNode && tm.ContainsKey("Value")))
                {
                    return new PObject([.. tags.Select(t => new KeyValuePair<string, PValue>(((ScalarNode)t.Get("Key")!).Text, Convert(t.Get("Value")!, shape.Element, path, mapping)))]);
                }

                throw new NotExpressibleException($"property \"{path}\" is not a mapping");
            case ShapeKind.Object:
                if (node is ListNode { Count: 1 } one && one[0] is MapNode && !path.EndsWith('s'))
                {
                    throw new NotExpressibleException($"property \"{path}\" is a list");
                }

                if (node is ListNode { Count: 1 } oneOf && oneOf[0] is MapNode onlyItem)
                {
                    node = onlyItem;
                }

                if (node is MapNode obj)
                {
                    var entries = ConvertObject(obj, shape, mapping, path);
                    foreach (var required in shape.Required)
                    {
                        if (!entries.Any(e => e.Key == required))
                        {
                            throw new NotExpressibleException($"property \"{path}\" needs \"{required}\"");
                        }
                    }

                    return new PObject(entries);
                }

                throw new NotExpressibleException($"property \"{path}\" is not an object");
            default:
                return Raw(node, path);
        }
    }

    /// <summary>A string for an enum input: a literal becomes the provider's spelling; anything else is cast.</summary>
    private static PValue Enum(PValue value, PulumiShape? shape)
    {
        if (shape is not { Kind: ShapeKind.String, EnumValues.Count: > 0 } || value is PNoValue)
        {
            return value;
        }

        static string Key(string s) => s.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (value is PLiteral { Scalar.Kind: ScalarKind.String } literal)
        {
            var match = shape.EnumValues.FirstOrDefault(v => v == literal.Scalar.Text) ?? shape.EnumValues.FirstOrDefault(v => Key(v) == Key(literal.Scalar.Text));
            return match is null ? new PCast(value) : PLiteral.Of(match);
        }

        if (value is PIf branch)
        {
            return new PIf(branch.Condition, Enum(branch.Then, shape), Enum(branch.Else, shape));
        }

        return new PCast(value);
    }

    private PValue Raw(Node node, string path) => node switch
    {
        ScalarNode s => new PLiteral(s),
        ListNode l => new PList([.. l.Select(i => Raw(i, path))]),
        MapNode m when m.IsIntrinsic && (m.KeyAt(0) != "Condition" || _conditionMode) => Intrinsic(m, null, path),
        MapNode m => new PObject([.. m.Select(e => new KeyValuePair<string, PValue>(e.Key, Raw(e.Value, path)))]),
        _ => PNoValue.Instance,
    };

    private static PValue Coerce(PValue value, PulumiShape? shape)
    {
        var target = shape?.Kind switch
        {
            ShapeKind.String => ValueType.String,
            ShapeKind.Number => ValueType.Number,
            ShapeKind.Boolean => ValueType.Boolean,
            _ => ValueType.Unknown,
        };
        if (target == ValueType.Unknown || value.Type == target || value.Type == ValueType.Unknown || value is PNoValue)
        {
            return value;
        }

        if (value is PIf branch)
        {
            return new PIf(branch.Condition, Coerce(branch.Then, shape), Coerce(branch.Else, shape));
        }

        if (value is PLiteral literal)
        {
            var s = literal.Scalar;
            switch (target)
            {
                case ValueType.String:
                    return PLiteral.Of(s.Text);
                case ValueType.Number when s.Kind == ScalarKind.String && double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    return new PLiteral(s.Text.Contains('.', StringComparison.Ordinal) ? ScalarNode.Float(number, s.Span) : ScalarNode.IntegerText(long.Parse(s.Text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), s.Span));
                case ValueType.Boolean when s.Kind == ScalarKind.String && (s.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Text.Equals("false", StringComparison.OrdinalIgnoreCase)):
                    return new PLiteral(ScalarNode.Boolean(s.Text.Equals("true", StringComparison.OrdinalIgnoreCase), s.Span));
                default:
                    throw new NotExpressibleException($"\"{s.Text}\" is not a {target.ToString().ToLowerInvariant()}");
            }
        }

        if (value.Type is ValueType.List or ValueType.Object)
        {
            return target == ValueType.String ? new PJson(value) : throw new NotExpressibleException($"a {value.Type.ToString().ToLowerInvariant()} where a {target.ToString().ToLowerInvariant()} is needed");
        }

        return new PConvert(value, target);
    }

    private PValue Unsupported(Node node, string message)
    {
        if (_dryRun)
        {
            return PLiteral.Of(string.Empty);
        }

        Report(DiagnosticCatalog.PulumiUnsupportedIntrinsic, node, $"{message} (in {_where}).");
        return PNoValue.Instance;
    }

    private PValue Intrinsic(MapNode node, PulumiShape? shape, string path)
    {
        var name = node.KeyAt(0);
        var argument = node.ValueAt(0);
        switch (name)
        {
            case "Ref" when argument.AsString() is { } target:
                return Reference(target, node);
            case "Fn::GetAtt":
            {
                var parts = GetAttParts(argument);
                if (parts.Length == 2 && parts[0] is { } id && parts[1] is { } attribute)
                {
                    return Attribute(id, attribute, node);
                }

                return Unsupported(node, "Fn::GetAtt with a computed name cannot be expressed");
            }

            case "Fn::Sub":
                return Sub(node, argument, path);
            case "Fn::Join" when argument is ListNode { Count: 2 } join && join[0].AsString() is { } separator:
            {
                var items = join[1] is ListNode parts ? new PList([.. parts.Select(p => Coerce(Raw(p, path), PulumiShape.StringShape))]) : Raw(join[1], path);
                return new PJoin(separator, items);
            }

            case "Fn::Select" when argument is ListNode { Count: 2 } select && int.TryParse(select[0] is ScalarNode si ? si.Text : null, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index):
                return new PSelect(index, Raw(select[1], path));
            case "Fn::Split" when argument is ListNode { Count: 2 } split && split[0].AsString() is { } by:
                return new PSplit(by, Coerce(Raw(split[1], path), PulumiShape.StringShape));
            case "Fn::If" when argument is ListNode { Count: 3 } branches && branches[0].AsString() is { } condition:
            {
                if (!_conditionVariables.TryGetValue(condition, out var variable))
                {
                    return Unsupported(node, $"Fn::If names condition \"{condition}\", which the template does not declare");
                }

                if (_yaml)
                {
                    Report(DiagnosticCatalog.PulumiYamlUnsupported, node, $"Pulumi YAML has no Fn::If (condition \"{condition}\" in {_where}). Use --target pulumi-typescript.");
                }

                return new PIf(variable, Convert(branches[1], shape, path), Convert(branches[2], shape, path));
            }

            case "Fn::Equals" when argument is ListNode { Count: 2 } pair:
            {
                var left = Raw(pair[0], path);
                var right = Raw(pair[1], path);
                if (left is PLiteral l && right is PLiteral r)
                {
                    // Both sides are known now: CloudFormation compares the string forms.
                    return new PLiteral(ScalarNode.Boolean(l.Scalar.Text == r.Scalar.Text));
                }

                return new PEquals(left, right);
            }
            case "Fn::Not" when argument is ListNode { Count: 1 } not:
                return new PLogic("!", [Raw(not[0], path)]);
            case "Fn::And" when argument is ListNode and:
                return new PLogic("&&", [.. and.Select(a => Raw(a, path))]);
            case "Fn::Or" when argument is ListNode or:
                return new PLogic("||", [.. or.Select(a => Raw(a, path))]);
            case "Condition" when argument.AsString() is { } conditionName && _conditionVariables.TryGetValue(conditionName, out var conditionVariable):
                return new PRef(conditionVariable, null, false, ValueType.Boolean);
            case "Fn::FindInMap" when argument is ListNode { Count: >= 3 } find && find[0].AsString() is { } mapName && _mappings.TryGetValue(mapName, out var mapping):
            {
                var top = Coerce(Raw(find[1], path), PulumiShape.StringShape);
                var second = Coerce(Raw(find[2], path), PulumiShape.StringShape);
                if (top is PLiteral t && second is PLiteral s && mapping.Value.Get(t.Scalar.Text).Get(s.Scalar.Text) is { } found)
                {
                    return Convert(found, shape, path);
                }

                if (_yaml)
                {
                    Report(DiagnosticCatalog.PulumiYamlUnsupported, node, $"Pulumi YAML cannot look up mapping \"{mapName}\" with a computed key (in {_where}). Use --target pulumi-typescript.");
                }

                if (!_dryRun)
                {
                    _program.UsedMappings.Add(mapName);
                }

                return new PFindInMap(mapping.Variable, mapName, top, second);
            }

            case "Fn::Cidr" when argument is ListNode { Count: 3 } cidr:
            {
                if (_yaml)
                {
                    Report(DiagnosticCatalog.PulumiYamlUnsupported, node, $"Pulumi YAML has no Fn::Cidr (in {_where}). Use --target pulumi-typescript.");
                }

                if (!_dryRun)
                {
                    _program.UsesCidr = true;
                }

                return new PCidr(Coerce(Raw(cidr[0], path), PulumiShape.StringShape), Coerce(Raw(cidr[1], path), PulumiShape.NumberShape), Coerce(Raw(cidr[2], path), PulumiShape.NumberShape));
            }

            case "Fn::Base64":
                return new PBase64(Coerce(Raw(argument, path), PulumiShape.StringShape));
            case "Fn::GetAZs":
                return new PRef("aws.getAvailabilityZonesOutput().names", null, true, ValueType.List);
            case "Fn::ImportValue":
                return new PImport(Coerce(Raw(argument, path), PulumiShape.StringShape));
            default:
                return Unsupported(node, $"{name} cannot be expressed in a Pulumi program");
        }
    }

    private PValue Reference(string target, Node at)
    {
        if (_parameters.TryGetValue(target, out var parameter))
        {
            var type = parameter.Kind switch
            {
                "number" => ValueType.Number,
                "list" or "ssmlist" => ValueType.List,
                _ => ValueType.String,
            };
            return new PRef(parameter.Variable, parameter.Name, parameter.Kind.StartsWith("ssm", StringComparison.Ordinal), type);
        }

        if (Pseudo.Contains(target))
        {
            return PseudoParameter(target, at);
        }

        if (_resources.TryGetValue(target, out var resource))
        {
            if (resource.FoldedInto is { } holder && !_dryRun)
            {
                return Unsupported(at, $"Ref to \"{target}\", which is part of resource \"{holder}\" in the Pulumi program");
            }

            if (_dryRun || resource.Class is null)
            {
                return new PRef("undefined", null, true, ValueType.String);
            }

            _references.Add(target);
            var output = resource.Mapping?.RefOutput ?? (resource.Class.Token == CustomResourceEmulator ? "physicalResourceId" : "id");
            if (output.Length == 0)
            {
                Report(DiagnosticCatalog.PulumiUnknownAttribute, at, $"Ref \"{target}\": {resource.Class.Token} has no output for the value Ref returns (in {_where}).");
                return PNoValue.Instance;
            }

            return ResourceOutput(resource, output);
        }

        if (_dryRun)
        {
            return PLiteral.Of(string.Empty);
        }

        return Unsupported(at, $"Ref to \"{target}\", which is not a parameter or resource of the template");
    }

    private static PRef ResourceOutput(ResourceInfo resource, string output)
    {
        var target = $"{resource.Variable}{(resource.Conditional ? "!" : string.Empty)}";
        var parts = output.Split('.', 2);
        var optional = resource.Class?.OptionalOutputs.Contains(parts[0]) ?? false;
        var typeScript = (parts.Length, optional) switch
        {
            (1, false) => $"{target}.{output}",
            (1, true) => $"{target}.{output}.apply(v => v ?? \"\")",
            _ => $"{target}.{parts[0]}.apply(v => v?.{parts[1].Replace(".", "?.", StringComparison.Ordinal)} ?? \"\")",
        };
        return new PRef(typeScript, $"{resource.LogicalId}.{output}", true, ValueType.String);
    }

    private PValue Attribute(string logicalId, string attribute, Node at)
    {
        if (!_resources.TryGetValue(logicalId, out var resource))
        {
            return _dryRun ? PLiteral.Of(string.Empty) : Unsupported(at, $"Fn::GetAtt on \"{logicalId}\", which is not a resource of the template");
        }

        if (resource.FoldedInto is { } holder && !_dryRun)
        {
            return Unsupported(at, $"Fn::GetAtt on \"{logicalId}\", which is part of resource \"{holder}\" in the Pulumi program");
        }

        if (_dryRun || resource.Class is null)
        {
            return new PRef("undefined", null, true, ValueType.String);
        }

        _references.Add(logicalId);
        if (resource.CfnType == "AWS::CloudFormation::Stack" && attribute.StartsWith("Outputs.", StringComparison.Ordinal) && resource.Class.IsNative)
        {
            // A nested stack's output: aws-native lists them as { outputKey, outputValue }.
            var key = TypeScriptWriter.Quote(attribute["Outputs.".Length..]);
            return new PRef($"{resource.Variable}{(resource.Conditional ? "!" : string.Empty)}.outputs.apply(outputs => (outputs ?? []).find(o => o.outputKey === {key})?.outputValue ?? \"\")", null, true, ValueType.String);
        }

        if (resource.Class.Token == CustomResourceEmulator)
        {
            return CustomResourceAttribute(resource, attribute);
        }

        var output = AttributeOutput(resource.Class, resource.Mapping, attribute);
        if (output is null)
        {
            Report(DiagnosticCatalog.PulumiUnknownAttribute, at, $"Fn::GetAtt \"{logicalId}.{attribute}\": {resource.Class.Token} has no output for \"{attribute}\" (in {_where}).");
            return PNoValue.Instance;
        }

        return ResourceOutput(resource, output);
    }

    private PValue PseudoParameter(string name, Node at)
    {
        if (_conditionMode && name == "AWS::Region")
        {
            return new PRef("aws.config.region", null, false, ValueType.String);
        }

        if (_conditionMode && name is "AWS::AccountId" or "AWS::Partition" or "AWS::URLSuffix")
        {
            // A condition decides which resources exist: the program awaits the lookup before declaring any.
            var (lookup, member) = name switch
            {
                "AWS::AccountId" => ("callerIdentity", "accountId"),
                "AWS::Partition" => ("partition", "partition"),
                _ => ("partition", "dnsSuffix"),
            };
            if (!_dryRun)
            {
                _program.AwaitedLookups.Add(lookup);
            }

            return new PRef($"{lookup}Now.{member}", null, false, ValueType.String);
        }

        PValue Lookup(string variable, string member)
        {
            if (!_dryRun)
            {
                _program.Lookups.Add(variable);
            }

            return new PRef($"{variable}.{member}", $"{variable}.{member}", true, ValueType.String);
        }

        return name switch
        {
            "AWS::Region" => Lookup("region", "region"),
            "AWS::AccountId" => Lookup("callerIdentity", "accountId"),
            "AWS::Partition" => Lookup("partition", "partition"),
            "AWS::URLSuffix" => Lookup("partition", "dnsSuffix"),
            "AWS::StackName" => new PRef("pulumi.getStack()", "pulumi.stack", false, ValueType.String),
            // No stack ARN in Pulumi: the fully qualified stack name is the stack's unique identity.
            "AWS::StackId" => new PInterpolate(["stack/", new PRef("pulumi.getOrganization()", "pulumi.organization", false, ValueType.String), "/", new PRef("pulumi.getProject()", "pulumi.project", false, ValueType.String), "/", new PRef("pulumi.getStack()", "pulumi.stack", false, ValueType.String)]),
            "AWS::NoValue" => PNoValue.Instance,
            "AWS::NotificationARNs" => new PList([]),
            _ => Unsupported(at, $"Pseudo parameter \"{name}\" has no Pulumi equivalent"),
        };
    }

    private PValue Sub(Node node, Node argument, string path)
    {
        string? text;
        MapNode? variables = null;
        if (argument is ListNode { Count: 2 } withVariables)
        {
            text = withVariables[0].AsString();
            variables = withVariables[1].AsMap();
        }
        else
        {
            text = argument.AsString();
        }

        if (text is null)
        {
            return Unsupported(node, "Fn::Sub with a computed template string cannot be expressed");
        }

        var parts = new List<object>();
        foreach (var part in SubParts(text))
        {
            if (part is string literal)
            {
                parts.Add(literal);
                continue;
            }

            var variable = ((SubVariable)part).Name;
            PValue value;
            if (variables is not null && variables.TryGetValue(variable, out var given))
            {
                value = Coerce(Raw(given, path), PulumiShape.StringShape);
            }
            else if (variable.Split('.', 2) is [var id, var attribute] && !_parameters.ContainsKey(variable) && !Pseudo.Contains(variable))
            {
                value = Attribute(id, attribute, node);
            }
            else
            {
                value = Reference(variable, node);
            }

            if (value is PLiteral { Scalar.Kind: ScalarKind.String } literalValue)
            {
                parts.Add(literalValue.Scalar.Text);
            }
            else
            {
                parts.Add(value);
            }
        }

        // Merge adjacent literal text.
        for (var i = parts.Count - 1; i > 0; i--)
        {
            if (parts[i] is string right && parts[i - 1] is string left)
            {
                parts[i - 1] = left + right;
                parts.RemoveAt(i);
            }
        }

        if (parts.Count == 1 && parts[0] is PValue only && only.Type == ValueType.String)
        {
            return only;
        }

        return parts.All(p => p is string) ? PLiteral.Of(string.Concat(parts.Cast<string>())) : new PInterpolate(parts);
    }
}
