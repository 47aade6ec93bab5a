using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

internal sealed partial class Interpreter
{
    /// <summary>Runs a Task, Parallel or Map state with its Retry and Catch.</summary>
    private async Task<(string? Next, JsonNode? Output)> RunWithRetryAsync(StepContext step, CancellationToken cancellationToken)
    {
        var state = step.State;
        var attempts = new int[state.Retriers.Count];
        while (true)
        {
            try
            {
                var result = state.Type switch
                {
                    "Task" => await RunTaskAsync(step, cancellationToken).ConfigureAwait(false),
                    "Parallel" => await RunParallelAsync(step, cancellationToken).ConfigureAwait(false),
                    _ => await RunMapAsync(step, cancellationToken).ConfigureAwait(false),
                };
                return (NextOf(state), FinishResult(step, result));
            }
            catch (AslError e) when (!IsTerminal(e.Error))
            {
                var index = state.Retriers.FindIndex(r => Matches(r.ErrorEquals, e.Error));
                if (index >= 0 && attempts[index] < state.Retriers[index].MaxAttempts)
                {
                    var retrier = state.Retriers[index];
                    var delay = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempts[index]);
                    if (retrier.MaxDelaySeconds is { } max)
                    {
                        delay = Math.Min(delay, max);
                    }

                    if (retrier.FullJitter)
                    {
                        delay *= services.Random.NextDouble();
                    }

                    attempts[index]++;
                    step.RetryCount++;
                    await Task.Delay(TimeSpan.FromSeconds(delay), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var catcher = state.Catchers.FirstOrDefault(c => Matches(c.ErrorEquals, e.Error));
                if (catcher is null)
                {
                    throw;
                }

                var errorOutput = new JsonObject { ["Error"] = e.Error };
                if (e.Cause is not null)
                {
                    errorOutput["Cause"] = e.Cause;
                }

                JsonNode? output;
                if (step.IsJsonata)
                {
                    output = catcher.Raw.ContainsKey("Output")
                        ? JsonataTemplate.Apply(catcher.Raw["Output"], step.Bindings(null, errorOutput), _time.GetUtcNow(), services.Random)
                        : errorOutput;
                }
                else
                {
                    output = ApplyResultPath(catcher.Raw.ContainsKey("ResultPath"), catcher.Raw["ResultPath"], step.Input, errorOutput);
                }

                Assign(step, null, errorOutput, catcher.Raw["Assign"]);
                return (catcher.Next, output);
            }
        }
    }

    /// <summary>ResultSelector, ResultPath, OutputPath (JSONPath) or Output (JSONata), then Assign.</summary>
    private JsonNode? FinishResult(StepContext step, JsonNode? result)
    {
        var state = step.State;
        if (step.IsJsonata)
        {
            var output = JsonataOutput(step, result, result);
            Assign(step, result, null);
            return output;
        }

        if (state.Has("ResultSelector"))
        {
            result = PayloadTemplate.Apply(state["ResultSelector"], step.Scope(result));
        }

        Assign(step, result, null);
        return OutputPath(state, ResultPath(state, step.Input, result));
    }

    /// <summary>States.Runtime and States.DataLimitExceeded end the execution: no Retry or Catch applies.</summary>
    private static bool IsTerminal(string error) => error is ErrorNames.Runtime or ErrorNames.DataLimitExceeded;

    private static bool Matches(IReadOnlyList<string> errorEquals, string error) =>
        errorEquals.Any(e => e == error || e == ErrorNames.All || (e == ErrorNames.TaskFailed && error != ErrorNames.Timeout));

    private async Task<JsonNode?> RunTaskAsync(StepContext step, CancellationToken cancellationToken)
    {
        var state = step.State;
        JsonNode? parameters;
        string resource;
        double? timeoutSeconds;
        double? heartbeatSeconds;
        resource = (step.IsJsonata ? AslJson.AsString(EvalJsonataField(step, state["Resource"], null)) : AslJson.AsString(state["Resource"])) ?? string.Empty;
        TaskTokenRegistry.Pending? pending = null;
        string? token = null;
        if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            // The token exists before Parameters/Arguments are evaluated, so they can pass $$.Task.Token on.
            var bytes = new byte[48];
            services.Random.NextBytes(bytes);
            token = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
            step.TaskToken = token;
            pending = services.Tokens.Register(token, _time.GetUtcNow());
        }

        if (step.IsJsonata)
        {
            parameters = state.Has("Arguments") ? EvalJsonataField(step, state["Arguments"], null) : AslJson.Clone(step.Input);
            timeoutSeconds = NumberOrNull(state.Has("TimeoutSeconds") ? EvalJsonataField(step, state["TimeoutSeconds"], null) : null);
            heartbeatSeconds = NumberOrNull(state.Has("HeartbeatSeconds") ? EvalJsonataField(step, state["HeartbeatSeconds"], null) : null);
        }
        else
        {
            var effective = EffectiveInput(step);
            var scope = step.Scope(effective);
            parameters = state.Has("Parameters") ? PayloadTemplate.Apply(state["Parameters"], scope) : effective;
            timeoutSeconds = state.Has("TimeoutSecondsPath") ? NumberOrNull(PayloadTemplate.EvaluatePath(AslJson.AsString(state["TimeoutSecondsPath"])!, scope, "TimeoutSecondsPath")) : NumberOrNull(state["TimeoutSeconds"]);
            heartbeatSeconds = state.Has("HeartbeatSecondsPath") ? NumberOrNull(PayloadTemplate.EvaluatePath(AslJson.AsString(state["HeartbeatSecondsPath"])!, scope, "HeartbeatSecondsPath")) : NumberOrNull(state["HeartbeatSeconds"]);
        }

        var parametersText = AslJson.Write(parameters);
        CheckSize(parametersText, $"input of the task \"{state.Name}\"");
        var kind = ResourceKind.Of(resource);
        var thread = step.Thread;
        if (kind.IsLambdaFunction)
        {
            var scheduled = new JsonObject
            {
                ["resource"] = resource,
                ["input"] = parametersText,
                ["inputDetails"] = new JsonObject { ["truncated"] = false },
            };
            if (timeoutSeconds is { } t)
            {
                scheduled["timeoutInSeconds"] = (long)t;
            }

            thread.Last = execution.AddEvent(thread.Last, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
            thread.Last = execution.AddEvent(thread.Last, "LambdaFunctionStarted", null, null);
        }
        else
        {
            var scheduled = new JsonObject
            {
                ["resourceType"] = kind.ResourceType,
                ["resource"] = kind.Resource,
                ["region"] = kind.Region,
                ["parameters"] = parametersText,
            };
            if (timeoutSeconds is { } t)
            {
                scheduled["timeoutInSeconds"] = (long)t;
            }

            if (heartbeatSeconds is { } h)
            {
                scheduled["heartbeatInSeconds"] = (long)h;
            }

            thread.Last = execution.AddEvent(thread.Last, "TaskScheduled", "taskScheduledEventDetails", scheduled);
            thread.Last = execution.AddEvent(thread.Last, "TaskStarted", "taskStartedEventDetails", new JsonObject { ["resourceType"] = kind.ResourceType, ["resource"] = kind.Resource });
        }

        var timeout = timeoutSeconds is { } ts ? TimeSpan.FromSeconds(ts) : (TimeSpan?)null;
        using var timeoutSource = timeout is { } to ? new CancellationTokenSource(to, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var invocation = new TaskInvocation
            {
                StateName = state.Name,
                Resource = resource,
                Parameters = parameters,
                Attempt = step.RetryCount,
                TaskToken = token,
                StateMachineName = StateMachineName,
                ExecutionArn = execution.ExecutionArn,
                Timeout = timeout,
            };
            var output = await services.Tasks.InvokeAsync(invocation, linked.Token).ConfigureAwait(false);
            if (pending is not null)
            {
                thread.Last = execution.AddEvent(thread.Last, "TaskSubmitted", "taskSubmittedEventDetails", new JsonObject
                {
                    ["resourceType"] = kind.ResourceType,
                    ["resource"] = kind.Resource,
                    ["output"] = AslJson.Write(output),
                    ["outputDetails"] = new JsonObject { ["truncated"] = false },
                });
                output = await WaitForTokenAsync(pending, heartbeatSeconds, linked.Token).ConfigureAwait(false);
            }

            var outputText = AslJson.Write(output);
            CheckSize(outputText, $"result of the task \"{state.Name}\"");
            if (kind.IsLambdaFunction)
            {
                thread.Last = execution.AddEvent(thread.Last, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", new JsonObject
                {
                    ["output"] = outputText,
                    ["outputDetails"] = new JsonObject { ["truncated"] = false },
                });
            }
            else
            {
                thread.Last = execution.AddEvent(thread.Last, "TaskSucceeded", "taskSucceededEventDetails", new JsonObject
                {
                    ["resourceType"] = kind.ResourceType,
                    ["resource"] = kind.Resource,
                    ["output"] = outputText,
                    ["outputDetails"] = new JsonObject { ["truncated"] = false },
                });
            }

            return output;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var cause = $"The task \"{state.Name}\" ran longer than its TimeoutSeconds ({timeoutSeconds!.Value.ToString(CultureInfo.InvariantCulture)}).";
            RecordFailure(kind, thread, timedOut: true, ErrorNames.Timeout, cause);
            throw new AslError(ErrorNames.Timeout, cause);
        }
        catch (AslError e) when (e.Error != ErrorNames.DataLimitExceeded)
        {
            RecordFailure(kind, thread, timedOut: e.Error is ErrorNames.Timeout or ErrorNames.HeartbeatTimeout, e.Error, e.Cause);
            throw;
        }
        finally
        {
            if (token is not null)
            {
                services.Tokens.Remove(token);
            }
        }
    }

    private void RecordFailure(ResourceKind kind, BranchThread thread, bool timedOut, string error, string? cause)
    {
        var details = kind.IsLambdaFunction
            ? new JsonObject()
            : new JsonObject { ["resourceType"] = kind.ResourceType, ["resource"] = kind.Resource };
        details["error"] = error;
        if (cause is not null)
        {
            details["cause"] = cause;
        }

        var type = (kind.IsLambdaFunction ? "LambdaFunction" : "Task") + (timedOut ? "TimedOut" : "Failed");
        var member = (kind.IsLambdaFunction ? "lambdaFunction" : "task") + (timedOut ? "TimedOut" : "Failed") + "EventDetails";
        thread.Last = execution.AddEvent(thread.Last, type, member, details);
    }

    private async Task<JsonNode?> WaitForTokenAsync(TaskTokenRegistry.Pending pending, double? heartbeatSeconds, CancellationToken cancellationToken)
    {
        if (heartbeatSeconds is not { } hb)
        {
            return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var window = TimeSpan.FromSeconds(hb);
        while (true)
        {
            var due = pending.LastHeartbeat + window - _time.GetUtcNow();
            if (due <= TimeSpan.Zero)
            {
                throw new AslError(ErrorNames.HeartbeatTimeout, $"No heartbeat within HeartbeatSeconds ({hb.ToString(CultureInfo.InvariantCulture)}).");
            }

            var delay = Task.Delay(due, _time, cancellationToken);
            var done = await Task.WhenAny(pending.Completion.Task, delay).ConfigureAwait(false);
            if (done == pending.Completion.Task)
            {
                return await pending.Completion.Task.ConfigureAwait(false);
            }

            await delay.ConfigureAwait(false);
        }
    }

    private string StateMachineName => execution.StateMachineArn.Split(':') is { Length: > 6 } parts ? parts[6] : execution.StateMachineArn;

    private static double? NumberOrNull(JsonNode? v) => AslJson.IsNumber(v) ? AslJson.ToDouble(v) : null;
}

/// <summary>How a Task's Resource is reported in history events (resourceType and resource).</summary>
/// <param name="IsLambdaFunction">A plain Lambda function ARN (LambdaFunction* events).</param>
/// <param name="ResourceType">The service, e.g. <c>lambda</c> or <c>aws-sdk:dynamodb</c>.</param>
/// <param name="Resource">The action, e.g. <c>invoke</c> or <c>invoke.waitForTaskToken</c>.</param>
/// <param name="Region">The region of the ARN (us-east-1 when the ARN has none).</param>
public sealed record ResourceKind(bool IsLambdaFunction, string ResourceType, string Resource, string Region)
{
    /// <summary>Classifies <paramref name="arn"/>.</summary>
    public static ResourceKind Of(string arn)
    {
        var parts = arn.Split(':');
        var region = parts.Length > 3 && parts[3].Length > 0 ? parts[3] : "us-east-1";
        if (parts.Length >= 7 && parts[2] == "lambda" && parts[5] == "function")
        {
            return new ResourceKind(true, "lambda", arn, region);
        }

        if (parts.Length >= 6 && parts[2] == "states" && parts[5].Length > 0 && parts[4].Length == 0)
        {
            // arn:aws:states:::service:action[.pattern] or arn:aws:states:::aws-sdk:service:action
            var rest = string.Join(':', parts.Skip(5));
            var split = rest.Split(':');
            if (split[0] == "aws-sdk" && split.Length >= 3)
            {
                return new ResourceKind(false, "aws-sdk:" + split[1], string.Join(':', split.Skip(2)), region);
            }

            return new ResourceKind(false, split[0], string.Join(':', split.Skip(1)), region);
        }

        return new ResourceKind(false, parts.Length > 2 ? parts[2] : "unknown", arn, region);
    }
}
