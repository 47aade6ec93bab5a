using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// JSONPath-mode payload templates (Parameters, ItemSelector, ResultSelector, Assign): a key ending in <c>.$</c>
/// takes the value of a path (<c>$</c> the input, <c>$$</c> the context object, <c>$name</c> a variable) or of an
/// intrinsic function; other values are copied.
/// </summary>
public static class PayloadTemplate
{
    /// <summary>Applies the template <paramref name="template"/> in <paramref name="scope"/>.</summary>
    public static JsonNode? Apply(JsonNode? template, IPathScope scope)
    {
        switch (template)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2)
                    {
                        var expression = AslJson.AsString(value) ?? throw new AslError(ErrorNames.Runtime, $"The value of the field '{key}' must be a string path or intrinsic function.");
                        result[key[..^2]] = EvaluateExpression(expression, scope, key);
                    }
                    else
                    {
                        result[key] = Apply(value, scope);
                    }
                }

                return result;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var v in a)
                {
                    array.Add(Apply(v, scope));
                }

                return array;
            default:
                return AslJson.Clone(template);
        }
    }

    /// <summary>The value of a <c>.$</c> field: a path or an intrinsic function call.</summary>
    public static JsonNode? EvaluateExpression(string expression, IPathScope scope, string? field)
    {
        if (expression.StartsWith('$'))
        {
            return EvaluatePath(expression, scope, field);
        }

        if (IntrinsicFunctions.LooksLikeCall(expression))
        {
            return IntrinsicFunctions.Evaluate(expression, scope);
        }

        throw new AslError(ErrorNames.Runtime, $"The value \"{expression}\" of the field '{field}' is neither a path nor an intrinsic function.");
    }

    /// <summary>
    /// Evaluates a path: <c>$$...</c> against the context object, <c>$name...</c> against a variable, <c>$...</c>
    /// against the input. A definite path that matches nothing fails with States.Runtime, as Step Functions does.
    /// </summary>
    public static JsonNode? EvaluatePath(string text, IPathScope scope, string? field)
    {
        JsonNode? root;
        string path;
        string where;
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            root = scope.Context;
            path = text[1..];
            where = "context object";
        }
        else if (text.Length > 1 && (char.IsAsciiLetter(text[1]) || text[1] == '_'))
        {
            var end = 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            var name = text[1..end];
            if (!scope.TryGetVariable(name, out root))
            {
                throw new AslError(ErrorNames.Runtime, $"The variable '${name}' is not defined (field '{field}').");
            }

            path = "$" + text[end..];
            where = "variable";
        }
        else
        {
            root = scope.Input;
            path = text;
            where = "input";
        }

        JsonPath parsed;
        try
        {
            parsed = JsonPath.Parse(path);
        }
        catch (FormatException ex)
        {
            throw new AslError(ErrorNames.Runtime, ex.Message);
        }

        if (parsed.TryEvaluate(root, out var value))
        {
            return value;
        }

        var fieldText = field is null ? string.Empty : $" specified for the field '{field}'";
        throw new AslError(ErrorNames.Runtime, $"The JSONPath '{text}'{fieldText} could not be found in the {where} '{AslJson.Write(root)}'");
    }
}
