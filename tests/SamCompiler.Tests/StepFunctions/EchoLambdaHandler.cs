using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;

namespace SamCompiler.Tests.StepFunctions;

/// <summary>
/// The Lambda that moto answers with when it runs without Docker ("lambda-simple"): every function returns its
/// input. lambda:invoke answers as moto does, <c>{"StatusCode": 200, "Payload": input}</c>. Any other resource
/// fails, so a differential case must mock it.
/// </summary>
public sealed class EchoLambdaHandler : ITaskHandler
{
    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var kind = ResourceKind.Of(invocation.Resource);
        if (kind.IsLambdaFunction)
        {
            return Task.FromResult(AslJson.Clone(invocation.Parameters));
        }

        if (kind.ResourceType == "lambda" && kind.Resource.StartsWith("invoke", StringComparison.Ordinal))
        {
            return Task.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 200, ["Payload"] = AslJson.Clone(invocation.Parameters?["Payload"]) });
        }

        throw new AslError(ErrorNames.Runtime, $"The test handler cannot run {invocation.Resource} (state \"{invocation.StateName}\"): mock it in the case.");
    }
}
