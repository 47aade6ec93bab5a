using System.Globalization;
using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>Renders a <see cref="PulumiProgram"/> as a TypeScript index.ts.</summary>
internal static class TypeScriptWriter
{
    private const int Width = 100;

    /// <summary>CloudFormation's Fn::Cidr for IPv4 blocks.</summary>
    private const string CidrHelper = """

        // Fn::Cidr: `count` consecutive blocks of `bits` host bits each, from the start of `block` (IPv4).
        function cidr(block: string, count: number, bits: number): string[] {
            const [address, prefixText] = block.split("/");
            const prefix = Number(prefixText);
            const octets = address.split(".").map(Number);
            if (octets.length !== 4 || octets.some(o => !Number.isInteger(o) || o < 0 || o > 255) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
                throw new Error(`Fn::Cidr: "${block}" is not an IPv4 CIDR block.`);
            }
            if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(bits) || bits < 0 || 32 - bits < prefix || count > 2 ** (32 - bits - prefix)) {
                throw new Error(`Fn::Cidr: ${count} blocks of ${bits} host bits do not fit in "${block}".`);
            }
            const start = octets.reduce((a, o) => a * 256 + o, 0) - (octets.reduce((a, o) => a * 256 + o, 0) % 2 ** (32 - prefix));
            return Array.from({ length: count }, (_, i) => {
                const value = start + i * 2 ** bits;
                return `${[24, 16, 8, 0].map(s => Math.floor(value / 2 ** s) % 256).join(".")}/${32 - bits}`;
            });
        }

        """;

    /// <summary>The program text.</summary>
    public static string Write(PulumiProgram program)
    {
        var body = new StringBuilder();
        if (program.Parameters.Count > 0)
        {
            body.Append("const config = new pulumi.Config();\n");
            if (program.Parameters.Any(p => p.Allowed is { Count: > 0 }))
            {
                body.Append("\nfunction allowedValue<T>(name: string, value: T, allowed: T[]): T {\n");
                body.Append("    if (!allowed.includes(value)) {\n");
                body.Append("        throw new Error(`Config \"${name}\" must be one of ${allowed.join(\", \")}; got \"${value}\".`);\n");
                body.Append("    }\n    return value;\n}\n");
            }

            body.Append('\n');
            foreach (var parameter in program.Parameters)
            {
                WriteParameter(body, parameter);
            }
        }

        if (program.UsesCidr)
        {
            body.Append(CidrHelper);
        }

        if (program.Lookups.Count > 0)
        {
            body.Append('\n');
            foreach (var lookup in program.Lookups)
            {
                var call = lookup switch
                {
                    "region" => "aws.getRegionOutput()",
                    "callerIdentity" => "aws.getCallerIdentityOutput()",
                    _ => "aws.getPartitionOutput()",
                };
                body.Append(CultureInfo.InvariantCulture, $"const {lookup} = {call};\n");
            }
        }

        foreach (var mapping in program.Mappings.Where(m => program.UsedMappings.Contains(m.Name)))
        {
            body.Append(CultureInfo.InvariantCulture, $"\n// Mapping {mapping.Name}.\nconst {mapping.Variable}: Record<string, Record<string, any>> = {Expr(Literal(mapping.Value), 0)};\n");
        }

        var awaits = program.AwaitedLookups.Count > 0;
        var rest = new StringBuilder();
        foreach (var resource in program.Resources)
        {
            rest.Append('\n');
            WriteResource(rest, resource);
        }

        if (program.Outputs.Count > 0)
        {
            rest.Append('\n');
            foreach (var output in program.Outputs)
            {
                if (output.Description is { } description)
                {
                    rest.Append(CultureInfo.InvariantCulture, $"/** {Comment(description)} */\n");
                }

                var value = Expr(output.Value, 0);
                rest.Append(CultureInfo.InvariantCulture, $"{(awaits ? "const" : "export const")} {output.Variable} = {(output.Condition is { } c ? $"{c} ? {value} : undefined" : value)};\n");
            }
        }

        // Conditions, without the ones nothing uses (a condition may use an earlier one).
        var used = rest.ToString();
        var conditions = new List<string>();
        foreach (var condition in Enumerable.Reverse(program.Conditions))
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(used, $@"\b{condition.Variable}\b"))
            {
                var line = $"const {condition.Variable} = {Condition(condition.Value)};\n";
                conditions.Insert(0, line);
                used += line;
            }
        }

        if (conditions.Count > 0)
        {
            body.Append('\n').Append(string.Concat(conditions));
        }

        body.Append(rest);
        if (awaits)
        {
            // Conditions on the account or partition: Pulumi runs an exported async function and exports what it
            // returns, so the lookups are known before any resource is declared.
            var start = new StringBuilder("export = async () => {\n");
            foreach (var lookup in program.AwaitedLookups)
            {
                start.Append(CultureInfo.InvariantCulture, $"const {lookup}Now = await {(lookup == "callerIdentity" ? "aws.getCallerIdentity()" : "aws.getPartition()")};\n");
            }

            var inner = body.ToString().TrimStart('\n');
            body.Clear().Append(start).Append('\n').Append(inner);
            body.Append(program.Outputs.Count == 0 ? "\nreturn {};\n};\n" : $"\nreturn {{ {string.Join(", ", program.Outputs.Select(o => o.Variable))} }};\n}};\n");
        }

        var text = body.ToString();
        var head = new StringBuilder();
        head.Append("// Generated by samc from the transformed CloudFormation template; edit the SAM template, not this file.\n");
        if (program.Description is { } d)
        {
            foreach (var line in d.Trim().Split('\n'))
            {
                head.Append(CultureInfo.InvariantCulture, $"// {line.TrimEnd()}\n");
            }
        }

        head.Append("import * as pulumi from \"@pulumi/pulumi\";\n");
        if (text.Contains("aws.", StringComparison.Ordinal))
        {
            head.Append("import * as aws from \"@pulumi/aws\";\n");
        }

        if (program.UsesNative)
        {
            head.Append("import * as awsnative from \"@pulumi/aws-native\";\n");
        }

        return head.Append('\n').Append(text.TrimStart('\n')).ToString();
    }

    /// <summary>A double-quoted TypeScript string literal.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string Comment(string text) => text.Replace("*/", "* /", StringComparison.Ordinal).ReplaceLineEndings(" ").Trim();

    private static PValue Literal(Node node) => node switch
    {
        ScalarNode s => new PLiteral(s),
        ListNode l => new PList([.. l.Select(Literal)]),
        MapNode m => new PObject([.. m.Select(e => new KeyValuePair<string, PValue>(e.Key, Literal(e.Value)))]),
        _ => PNoValue.Instance,
    };

    private static void WriteParameter(StringBuilder body, PulumiParameter p)
    {
        if (p.Description is { } description)
        {
            body.Append(CultureInfo.InvariantCulture, $"/** {Comment(description)} */\n");
        }

        var key = Quote(p.Name);
        var text = p.Default?.Text;
        var value = p.Kind switch
        {
            "number" => text is null ? $"config.requireNumber({key})" : $"config.getNumber({key}) ?? {NumberText(text)}",
            "list" => text is null ? $"config.require({key}).split(\",\")" : $"(config.get({key}) ?? {Quote(text)}).split(\",\")",
            _ => text is null ? $"config.require({key})" : $"config.get({key}) ?? {Quote(text)}",
        };
        if (p.Kind.StartsWith("ssm", StringComparison.Ordinal))
        {
            value = $"aws.ssm.getParameterOutput({{ name: {value} }}).value" + (p.Kind == "ssmlist" ? ".apply(v => v.split(\",\"))" : string.Empty);
        }
        else if (p.Allowed is { Count: > 0 } allowed && p.Kind is "string" or "number")
        {
            var values = string.Join(", ", allowed.Select(a => p.Kind == "number" ? NumberText(a.Text) : Quote(a.Text)));
            value = $"allowedValue({key}, {value}, [{values}])";
        }

        body.Append(CultureInfo.InvariantCulture, $"const {p.Variable} = {value};\n");
    }

    private static string NumberText(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text : $"Number({Quote(text)})";

    private static void WriteResource(StringBuilder body, PulumiResource resource)
    {
        var args = Expr(new PObject(resource.Args), 0);
        var options = new List<string>();
        if (resource.DependsOn.Count > 0)
        {
            var items = resource.DependsOn.Select(d => d.Conditional ? $"...({d.Variable} ? [{d.Variable}] : [])" : d.Variable);
            options.Add($"dependsOn: [{string.Join(", ", items)}]");
        }

        if (resource.Retain)
        {
            options.Add("retainOnDelete: true");
        }

        var optionText = options.Count > 0 ? $", {{ {string.Join(", ", options)} }}" : string.Empty;
        var construct = $"new {resource.Class.TypeScriptClass}({Quote(resource.Name)}, {args}{optionText})";
        if (resource.Name != resource.LogicalId)
        {
            body.Append(CultureInfo.InvariantCulture, $"// Part of {resource.LogicalId} ({resource.CfnType}).\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"const {resource.Variable} = {(resource.Condition is { } c ? $"{c} ? {construct} : undefined" : construct)};\n");
    }

    private static string Condition(PValue value) => value switch
    {
        PEquals e => Equality(e),
        PLogic { Operator: "!" } not => $"!{Group(not.Operands[0])}",
        PLogic l => string.Join($" {l.Operator} ", l.Operands.Select(Group)),
        _ => Expr(value, 0),
    };

    private static string Group(PValue value) => value is PLogic { Operator: not "!" } or PEquals ? $"({Condition(value)})" : Condition(value);

    private static string Equality(PEquals e)
    {
        var left = Expr(e.Left, 0);
        var right = Expr(e.Right, 0);
        return e.Left.Type == e.Right.Type && e.Left.Type != ValueType.Unknown ? $"{left} === {right}" : $"String({left}) === String({right})";
    }

    /// <summary>Renders a value at an indentation level (4 spaces each).</summary>
    public static string Expr(PValue value, int indent)
    {
        switch (value)
        {
            case PLiteral { Scalar: var s }:
                return s.Kind switch
                {
                    ScalarKind.String => Quote(s.Text),
                    ScalarKind.Null => "undefined",
                    _ => s.Text,
                };
            case PNoValue:
                return "undefined";
            case PRef r:
                return r.TypeScript;
            case PList list:
                return Block("[", "]", list.Items.Select(i => i is PIf { Else: PNoValue } or PIf { Then: PNoValue } ? Spread((PIf)i, indent + 1) : Expr(i, indent + 1)).ToList(), indent);
            case PObject obj:
                return Block("{", "}", obj.Entries.Select(e => $"{(Naming.IsPlainKey(e.Key) ? e.Key : Quote(e.Key))}: {Expr(e.Value, indent + 1)}").ToList(), indent);
            case PInterpolate interpolate:
                return Template(interpolate.Parts, interpolate.IsOutput, indent);
            case PJoin join when join.List is PList items:
            {
                var parts = new List<object>();
                for (var i = 0; i < items.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        parts.Add(join.Separator);
                    }

                    parts.Add(items.Items[i] is PLiteral { Scalar.Kind: ScalarKind.String } l ? l.Scalar.Text : items.Items[i]);
                }

                return parts.All(p => p is string) ? Quote(string.Concat(parts)) : Template(parts, join.IsOutput, indent);
            }

            case PJoin join:
                return Apply(join.List, "parts", $"parts.join({Quote(join.Separator)})", indent);
            case PSelect select when select.List is PList items && select.Index < items.Items.Count:
                return Expr(items.Items[select.Index], indent);
            case PSelect select:
                return Apply(select.List, "items", $"items[{select.Index.ToString(CultureInfo.InvariantCulture)}]", indent);
            case PCidr cidr when cidr.IsOutput:
                return $"pulumi.all([{Expr(cidr.Block, indent)}, {Expr(cidr.Count, indent)}, {Expr(cidr.Bits, indent)}]).apply(([block, count, bits]) => cidr(block, Number(count), Number(bits)))";
            case PCidr cidr:
                return $"cidr({Expr(cidr.Block, indent)}, {NumberExpr(cidr.Count, indent)}, {NumberExpr(cidr.Bits, indent)})";
            case PSplit split:
                return Apply(split.Source, "text", $"text.split({Quote(split.Separator)})", indent);
            case PIf branch:
                return $"{branch.Condition} ? {Expr(branch.Then, indent)} : {Expr(branch.Else, indent)}";
            case PJson json:
                return json.IsOutput ? $"pulumi.jsonStringify({Expr(json.Inner, indent)})" : $"JSON.stringify({Expr(json.Inner, indent)})";
            case PBase64 base64:
                return Apply(base64.Inner, "text", "Buffer.from(text).toString(\"base64\")", indent);
            case PConvert convert:
            {
                if (convert.To == ValueType.Boolean)
                {
                    // CloudFormation booleans given as strings: "true" is true, anything else false.
                    return convert.IsOutput ? $"pulumi.output({Expr(convert.Inner, indent)}).apply(v => String(v) === \"true\")" : $"String({Expr(convert.Inner, indent)}) === \"true\"";
                }

                var function = convert.To == ValueType.Number ? "Number" : "String";
                return convert.IsOutput ? $"pulumi.output({Expr(convert.Inner, indent)}).apply({function})" : $"{function}({Expr(convert.Inner, indent)})";
            }

            case PFindInMap find when !find.IsOutput:
                return $"{find.Mapping}[{Expr(find.TopKey, indent)}][{Expr(find.SecondKey, indent)}]";
            case PFindInMap find:
                return $"pulumi.all([{Expr(find.TopKey, indent)}, {Expr(find.SecondKey, indent)}]).apply(([top, second]) => {find.Mapping}[top][second])";
            case PFileArchive archive:
                return $"new pulumi.asset.FileArchive({Quote(archive.Path)})";
            case PInlineArchive inline when inline.IsOutput:
                return $"pulumi.output({Expr(inline.Code, indent)}).apply(code => new pulumi.asset.AssetArchive({{ {Quote(inline.FileName)}: new pulumi.asset.StringAsset(code) }}))";
            case PInlineArchive inline:
                return $"new pulumi.asset.AssetArchive({{ {Quote(inline.FileName)}: new pulumi.asset.StringAsset({Expr(inline.Code, indent)}) }})";
            case PEquals or PLogic:
                return Condition(value);
            case PCast cast:
                return $"{Expr(cast.Inner, indent)} as any";
            case PImport import:
                return $"aws.cloudformation.getExportOutput({{ name: {Expr(import.Name, indent)} }}).value";
            default:
                return "undefined";
        }
    }

    private static string Spread(PIf branch, int indent)
    {
        var then = branch.Then is PNoValue ? "[]" : $"[{Expr(branch.Then, indent)}]";
        var otherwise = branch.Else is PNoValue ? "[]" : $"[{Expr(branch.Else, indent)}]";
        return $"...({branch.Condition} ? {then} : {otherwise})";
    }

    private static string NumberExpr(PValue value, int indent) => value.Type == ValueType.Number ? Expr(value, indent) : $"Number({Expr(value, indent)})";

    private static string Apply(PValue source, string parameter, string body, int indent) =>
        source.IsOutput
            ? $"pulumi.output({Expr(source, indent)}).apply({parameter} => {body})"
            : body.Replace(parameter, $"({Expr(source, indent)})", StringComparison.Ordinal);

    private static string Template(IReadOnlyList<object> parts, bool output, int indent)
    {
        var builder = new StringBuilder(output ? "pulumi.interpolate`" : "`");
        foreach (var part in parts)
        {
            if (part is string text)
            {
                foreach (var c in text)
                {
                    switch (c)
                    {
                        case '`': builder.Append("\\`"); break;
                        case '\\': builder.Append("\\\\"); break;
                        case '$': builder.Append("\\$"); break;
                        case '\n': builder.Append("\\n"); break;
                        case '\r': builder.Append("\\r"); break;
                        case '\t': builder.Append("\\t"); break;
                        default: builder.Append(c); break;
                    }
                }
            }
            else
            {
                builder.Append("${").Append(Expr((PValue)part, indent)).Append('}');
            }
        }

        return builder.Append('`').ToString();
    }

    private static string Block(string open, string close, List<string> items, int indent)
    {
        if (items.Count == 0)
        {
            return open + close;
        }

        var inline = open == "{" ? $"{{ {string.Join(", ", items)} }}" : $"[{string.Join(", ", items)}]";
        if (inline.Length + (indent * 4) <= Width && !inline.Contains('\n', StringComparison.Ordinal))
        {
            return inline;
        }

        var pad = new string(' ', (indent + 1) * 4);
        var builder = new StringBuilder(open).Append('\n');
        foreach (var item in items)
        {
            builder.Append(pad).Append(item).Append(",\n");
        }

        return builder.Append(new string(' ', indent * 4)).Append(close).ToString();
    }
}
