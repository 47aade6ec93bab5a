using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>Choice rules (JSONPath: Variable with a comparison operator, And/Or/Not; JSONata: Condition).</summary>
public static class ChoiceRules
{
    private static readonly string[] Comparisons =
    [
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
        "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
    ];

    private static readonly HashSet<string> Operators = new(
        Comparisons.Concat(Comparisons.Where(c => !c.StartsWith("Is", StringComparison.Ordinal) && c != "StringMatches").Select(c => c + "Path")),
        StringComparer.Ordinal);

    /// <summary>Checks the shape of a rule (one operator, a Variable where one is needed, valid paths).</summary>
    public static void Check(JsonObject rule, string pointer, string queryLanguage, List<AslProblem> problems, bool top)
    {
        if (queryLanguage == "JSONata")
        {
            if (AslJson.AsString(rule["Condition"]) is not { } condition)
            {
                problems.Add(new AslProblem(pointer, AslProblemKind.Jsonata, "A JSONata choice rule needs a Condition (a {% %} expression)."));
            }
            else if (!JsonataTemplate.IsExpression(condition))
            {
                problems.Add(new AslProblem(pointer + "/Condition", AslProblemKind.Jsonata, "Condition must be a JSONata expression in {% %}."));
            }
            else if (!Jsonata.JsonataExpression.TryParse(JsonataTemplate.Inner(condition), out _, out var err))
            {
                problems.Add(new AslProblem(pointer + "/Condition", AslProblemKind.Jsonata, $"Invalid JSONata expression {condition}: {err}"));
            }

            return;
        }

        if (!top && rule.ContainsKey("Next"))
        {
            problems.Add(new AslProblem(pointer + "/Next", AslProblemKind.Structure, "Only top-level choice rules can have Next."));
        }

        var ops = rule.Select(p => p.Key).Where(k => Operators.Contains(k) || k is "And" or "Or" or "Not").ToList();
        if (ops.Count != 1)
        {
            problems.Add(new AslProblem(pointer, AslProblemKind.Structure, ops.Count == 0
                ? "A choice rule needs a comparison operator (StringEquals, NumericGreaterThan, IsPresent ...) or And/Or/Not."
                : $"A choice rule must have exactly one operator; it has {string.Join(", ", ops)}."));
            return;
        }

        var op = ops[0];
        switch (op)
        {
            case "And":
            case "Or":
                if (rule[op] is not JsonArray { Count: > 0 } list)
                {
                    problems.Add(new AslProblem(pointer + "/" + op, AslProblemKind.Structure, $"{op} must be a non-empty array of rules."));
                    return;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject r)
                    {
                        Check(r, $"{pointer}/{op}/{i.ToString(CultureInfo.InvariantCulture)}", queryLanguage, problems, top: false);
                    }
                }

                return;
            case "Not":
                if (rule["Not"] is JsonObject inner)
                {
                    Check(inner, pointer + "/Not", queryLanguage, problems, top: false);
                }
                else
                {
                    problems.Add(new AslProblem(pointer + "/Not", AslProblemKind.Structure, "Not must be a rule object."));
                }

                return;
        }

        if (AslJson.AsString(rule["Variable"]) is not { } variable)
        {
            problems.Add(new AslProblem(pointer, AslProblemKind.Structure, $"The comparison {op} needs a Variable (a JSONPath)."));
        }
        else if (!StateMachineDefinition.TryPath(variable, out var err))
        {
            problems.Add(new AslProblem(pointer + "/Variable", AslProblemKind.Path, err!));
        }

        var value = rule[op];
        if (op.EndsWith("Path", StringComparison.Ordinal))
        {
            if (AslJson.AsString(value) is not { } path || !StateMachineDefinition.TryPath(path, out var perr))
            {
                problems.Add(new AslProblem(pointer + "/" + op, AslProblemKind.Path, $"{op} must be a valid JSONPath."));
            }

            return;
        }

        var ok = op switch
        {
            _ when op.StartsWith("String", StringComparison.Ordinal) || op.StartsWith("Timestamp", StringComparison.Ordinal) => AslJson.IsString(value),
            _ when op.StartsWith("Numeric", StringComparison.Ordinal) => AslJson.IsNumber(value),
            _ => AslJson.IsBoolean(value),
        };
        if (!ok)
        {
            problems.Add(new AslProblem(pointer + "/" + op, AslProblemKind.Structure, $"The value of {op} has the wrong type: {AslJson.Write(value)}."));
        }
    }

    /// <summary>Evaluates a JSONPath-mode rule against <paramref name="scope"/>.</summary>
    public static bool Evaluate(JsonObject rule, IPathScope scope)
    {
        if (rule["And"] is JsonArray and)
        {
            return and.OfType<JsonObject>().All(r => Evaluate(r, scope));
        }

        if (rule["Or"] is JsonArray or)
        {
            return or.OfType<JsonObject>().Any(r => Evaluate(r, scope));
        }

        if (rule["Not"] is JsonObject not)
        {
            return !Evaluate(not, scope);
        }

        var variable = AslJson.AsString(rule["Variable"]) ?? "$";
        var op = rule.Select(p => p.Key).First(Operators.Contains);
        JsonNode? value;
        bool present;
        try
        {
            value = PayloadTemplate.EvaluatePath(variable, scope, null);
            present = true;
        }
        catch (AslError)
        {
            value = null;
            present = false;
        }

        if (op == "IsPresent")
        {
            return present == rule[op]!.GetValue<bool>();
        }

        if (!present)
        {
            throw new AslError(ErrorNames.Runtime, $"Invalid path '{variable}': The choice state's condition path references an invalid value.");
        }

        var expected = rule[op];
        if (op.EndsWith("Path", StringComparison.Ordinal))
        {
            expected = PayloadTemplate.EvaluatePath(AslJson.AsString(expected)!, scope, op);
            op = op[..^4];
        }

        switch (op)
        {
            case "IsNull":
                return (value is null) == expected!.GetValue<bool>();
            case "IsNumeric":
                return AslJson.IsNumber(value) == expected!.GetValue<bool>();
            case "IsString":
                return AslJson.IsString(value) == expected!.GetValue<bool>();
            case "IsBoolean":
                return AslJson.IsBoolean(value) == expected!.GetValue<bool>();
            case "IsTimestamp":
                return (AslJson.AsString(value) is { } ts && Timestamps.TryParse(ts, out _)) == expected!.GetValue<bool>();
            case "BooleanEquals":
                return AslJson.IsBoolean(value) && AslJson.IsBoolean(expected) && value!.GetValue<bool>() == expected!.GetValue<bool>();
            case "StringMatches":
                return AslJson.AsString(value) is { } text && Matches(text, AslJson.AsString(expected) ?? string.Empty);
        }

        if (op.StartsWith("String", StringComparison.Ordinal))
        {
            if (AslJson.AsString(value) is not { } a || AslJson.AsString(expected) is not { } b)
            {
                return false;
            }

            return Compare(op["String".Length..], string.CompareOrdinal(a, b));
        }

        if (op.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (!AslJson.IsNumber(value) || !AslJson.IsNumber(expected))
            {
                return false;
            }

            return Compare(op["Numeric".Length..], AslJson.ToDouble(value).CompareTo(AslJson.ToDouble(expected)));
        }

        if (op.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            if (AslJson.AsString(value) is not { } a || AslJson.AsString(expected) is not { } b || !Timestamps.TryParse(a, out var x) || !Timestamps.TryParse(b, out var y))
            {
                return false;
            }

            return Compare(op["Timestamp".Length..], x.CompareTo(y));
        }

        return false;
    }

    private static bool Compare(string relation, int cmp) => relation switch
    {
        "Equals" => cmp == 0,
        "LessThan" => cmp < 0,
        "GreaterThan" => cmp > 0,
        "LessThanEquals" => cmp <= 0,
        _ => cmp >= 0,
    };

    /// <summary>StringMatches: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literal.</summary>
    public static bool Matches(string text, string pattern)
    {
        var tokens = new List<(bool Star, char C)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add((false, pattern[++i]));
            }
            else
            {
                tokens.Add((pattern[i] == '*', pattern[i]));
            }
        }

        // Iterative wildcard matching with backtracking to the last star.
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < tokens.Count && !tokens[p].Star && tokens[p].C == text[t])
            {
                t++;
                p++;
            }
            else if (p < tokens.Count && tokens[p].Star)
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < tokens.Count && tokens[p].Star)
        {
            p++;
        }

        return p == tokens.Count;
    }
}

/// <summary>RFC 3339 timestamps as Step Functions reads them (an uppercase T, a Z or an offset).</summary>
public static class Timestamps
{
    /// <summary>Parses an RFC 3339 timestamp.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[10] != 'T' || !(text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>Formats as Step Functions writes timestamps in the context object (milliseconds, Z).</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>JSONata templates: strings in <c>{% %}</c> are expressions, everything else is copied.</summary>
public static class JsonataTemplate
{
    /// <summary>True for <c>{% ... %}</c>.</summary>
    public static bool IsExpression(string s) => s.StartsWith("{%", StringComparison.Ordinal) && s.EndsWith("%}", StringComparison.Ordinal) && s.Length >= 4;

    /// <summary>The expression between the delimiters.</summary>
    public static string Inner(string s) => s[2..^2].Trim();

    /// <summary>Evaluates every expression of <paramref name="template"/>; an undefined object value drops its key.</summary>
    public static JsonNode? Apply(JsonNode? template, IReadOnlyDictionary<string, JsonNode?> bindings, DateTimeOffset now, Random random)
    {
        switch (template)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (k, v) in o)
                {
                    if (v is JsonValue sv && AslJson.AsString(sv) is { } s && IsExpression(s))
                    {
                        var value = Evaluate(s, bindings, now, random, out var defined);
                        if (defined)
                        {
                            result[k] = value;
                        }
                    }
                    else
                    {
                        result[k] = Apply(v, bindings, now, random);
                    }
                }

                return result;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var v in a)
                {
                    array.Add(Apply(v, bindings, now, random));
                }

                return array;
            default:
                if (AslJson.AsString(template) is { } text && IsExpression(text))
                {
                    return Evaluate(text, bindings, now, random, out _);
                }

                return AslJson.Clone(template);
        }
    }

    /// <summary>Evaluates one <c>{% %}</c> string.</summary>
    public static JsonNode? Evaluate(string text, IReadOnlyDictionary<string, JsonNode?> bindings, DateTimeOffset now, Random random, out bool defined)
    {
        if (!Jsonata.JsonataExpression.TryParse(Inner(text), out var expression, out var error))
        {
            throw new AslError(ErrorNames.QueryEvaluationError, $"The JSONata expression {text} is invalid: {error}");
        }

        return expression!.Evaluate(bindings, now, random, out defined);
    }
}
