using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

internal sealed partial class Interpreter
{
    private async Task<JsonNode?> RunParallelAsync(StepContext step, CancellationToken cancellationToken)
    {
        var state = step.State;
        JsonNode? input;
        if (step.IsJsonata)
        {
            input = state.Has("Arguments") ? EvalJsonataField(step, state["Arguments"], null) : AslJson.Clone(step.Input);
        }
        else
        {
            var effective = EffectiveInput(step);
            input = state.Has("Parameters") ? PayloadTemplate.Apply(state["Parameters"], step.Scope(effective)) : effective;
        }

        var started = execution.AddEvent(step.Thread.Last, "ParallelStateStarted", null, null);
        step.Thread.Last = started;
        using var branchCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = state.Branches.Select(branch => Task.Run(
            () => RunMachineAsync(branch, AslJson.Clone(input), new BranchThread(started), new Variables(step.Variables), null, branchCancel.Token),
            CancellationToken.None)).ToList();
        AslError? failure = null;
        var remaining = tasks.ToList();
        while (remaining.Count > 0)
        {
            var done = await Task.WhenAny(remaining).ConfigureAwait(false);
            remaining.Remove(done);
            if (done.IsFaulted && failure is null)
            {
                failure = done.Exception!.InnerException as AslError;
                if (failure is null)
                {
                    await done.ConfigureAwait(false);
                }

                await branchCancel.CancelAsync().ConfigureAwait(false);
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            step.Thread.Last = execution.AddEvent(step.Thread.Last, "ParallelStateAborted", null, null);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (failure is not null)
        {
            step.Thread.Last = execution.AddEvent(LastEventId, "ParallelStateFailed", null, null);
            throw failure;
        }

        var results = new JsonArray();
        foreach (var t in tasks)
        {
            results.Add(t.Result);
        }

        step.Thread.Last = execution.AddEvent(LastEventId, "ParallelStateSucceeded", null, null);
        return results;
    }

    private long LastEventId => execution.History.Count;

    private async Task<JsonNode?> RunMapAsync(StepContext step, CancellationToken cancellationToken)
    {
        var state = step.State;
        JsonNode? items;
        JsonNode? effective = step.Input;
        if (step.IsJsonata)
        {
            items = state.Has("Items") ? EvalJsonataField(step, state["Items"], null) : AslJson.Clone(step.Input);
        }
        else
        {
            effective = EffectiveInput(step);
            items = state.Has("ItemsPath") ? PayloadTemplate.EvaluatePath(AslJson.AsString(state["ItemsPath"])!, step.Scope(effective), "ItemsPath") : effective;
        }

        if (state.Has("ItemReader"))
        {
            throw new AslError(ErrorNames.ItemReaderFailed, $"The Map state \"{state.Name}\" reads its items with an ItemReader (S3); samc runs Map states over the items in their input only. Pass the items in the input (ItemsPath / Items) for a local run.");
        }

        if (items is not JsonArray array)
        {
            throw new AslError(ErrorNames.Runtime, $"The items of the Map state \"{state.Name}\" must be an array; they are {AslJson.Write(items)}.");
        }

        var processor = state.Processor!;
        var distributed = AslJson.AsString(processor.Raw["ProcessorConfig"]?["Mode"]) == "DISTRIBUTED";
        var maxConcurrency = MapNumber(step, "MaxConcurrency", effective) is { } mc && mc > 0 ? (int)mc : int.MaxValue;
        var toleratedCount = MapNumber(step, "ToleratedFailureCount", effective);
        var toleratedPercentage = MapNumber(step, "ToleratedFailurePercentage", effective);

        // Batches (ItemBatcher): each iteration gets {"Items": [...]} plus BatchInput.
        var inputs = new List<JsonNode?>();
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            JsonNode? iterationInput;
            var selector = state.Has("ItemSelector") ? state["ItemSelector"] : state.Has("Parameters") ? state["Parameters"] : null;
            if (selector is not null)
            {
                step.MapItem = new JsonObject { ["Index"] = i, ["Value"] = AslJson.Clone(item) };
                iterationInput = step.IsJsonata
                    ? JsonataTemplate.Apply(selector, step.Bindings(null, null), _time.GetUtcNow(), services.Random)
                    : PayloadTemplate.Apply(selector, step.Scope(effective));
                step.MapItem = null;
            }
            else
            {
                iterationInput = AslJson.Clone(item);
            }

            inputs.Add(iterationInput);
        }

        if (state["ItemBatcher"] is JsonObject batcher)
        {
            var size = AslJson.IsNumber(batcher["MaxItemsPerBatch"]) ? Math.Max(1, (int)AslJson.ToDouble(batcher["MaxItemsPerBatch"])) : int.MaxValue;
            var batches = new List<JsonNode?>();
            for (var i = 0; i < inputs.Count; i += size)
            {
                var batch = new JsonObject { ["Items"] = new JsonArray(inputs.Skip(i).Take(size).Select(AslJson.Clone).ToArray()) };
                if (batcher["BatchInput"] is JsonObject batchInput)
                {
                    foreach (var (k, v) in step.IsJsonata ? (JsonObject)JsonataTemplate.Apply(batchInput, step.Bindings(null, null), _time.GetUtcNow(), services.Random)! : (JsonObject)PayloadTemplate.Apply(batchInput, step.Scope(effective))!)
                    {
                        batch[k] = AslJson.Clone(v);
                    }
                }

                batches.Add(batch);
            }

            inputs = batches;
        }

        var started = execution.AddEvent(step.Thread.Last, "MapStateStarted", "mapStateStartedEventDetails", new JsonObject { ["length"] = inputs.Count });
        step.Thread.Last = started;
        if (distributed)
        {
            step.Thread.Last = execution.AddEvent(step.Thread.Last, "MapRunStarted", "mapRunStartedEventDetails", new JsonObject { ["mapRunArn"] = execution.ExecutionArn.Replace(":execution:", ":mapRun:", StringComparison.Ordinal) + "/" + state.Name });
        }

        using var gate = new SemaphoreSlim(Math.Min(maxConcurrency, Math.Max(1, inputs.Count)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results = new JsonNode?[inputs.Count];
        var failures = 0;
        AslError? firstFailure = null;
        var previous = started;
        var iterationTasks = new List<Task>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var index = i;
            try
            {
                await gate.WaitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // An item failed past the tolerance: no more iterations start.
                break;
            }

            var iterationThread = new BranchThread(0);
            iterationThread.Last = execution.AddEvent(maxConcurrency == 1 ? previous : started, "MapIterationStarted", "mapIterationStartedEventDetails", new JsonObject { ["name"] = state.Name, ["index"] = index });
            iterationTasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        results[index] = await RunMachineAsync(processor, inputs[index], iterationThread, new Variables(step.Variables), null, cancel.Token).ConfigureAwait(false);
                        execution.AddEvent(iterationThread.Last, "MapIterationSucceeded", "mapIterationSucceededEventDetails", new JsonObject { ["name"] = state.Name, ["index"] = index });
                    }
                    catch (AslError e)
                    {
                        execution.AddEvent(iterationThread.Last, "MapIterationFailed", "mapIterationFailedEventDetails", new JsonObject { ["name"] = state.Name, ["index"] = index });
                        var errorOutput = new JsonObject { ["Error"] = e.Error };
                        if (e.Cause is not null)
                        {
                            errorOutput["Cause"] = e.Cause;
                        }

                        results[index] = errorOutput;
                        lock (results)
                        {
                            failures++;
                            firstFailure ??= e;
                            if (!Tolerated(failures, inputs.Count, toleratedCount, toleratedPercentage))
                            {
                                cancel.Cancel();
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        execution.AddEvent(iterationThread.Last, "MapIterationAborted", "mapIterationAbortedEventDetails", new JsonObject { ["name"] = state.Name, ["index"] = index });
                    }
                    finally
                    {
                        previous = iterationThread.Last;
                        gate.Release();
                    }
                },
                CancellationToken.None));
            if (maxConcurrency == 1)
            {
                await iterationTasks[^1].ConfigureAwait(false);
                previous = iterationThread.Last;
                if (cancel.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        try
        {
            await Task.WhenAll(iterationTasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Iterations stopped because one failed or the execution stopped.
        }

        if (cancellationToken.IsCancellationRequested)
        {
            step.Thread.Last = execution.AddEvent(LastEventId, "MapStateAborted", null, null);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (failures > 0 && !Tolerated(failures, inputs.Count, toleratedCount, toleratedPercentage))
        {
            if (distributed)
            {
                execution.AddEvent(LastEventId, "MapRunFailed", "mapRunFailedEventDetails", new JsonObject { ["error"] = ErrorNames.ExceedToleratedFailureThreshold });
            }

            step.Thread.Last = execution.AddEvent(LastEventId, "MapStateFailed", null, null);
            if (toleratedCount is not null || toleratedPercentage is not null)
            {
                throw new AslError(ErrorNames.ExceedToleratedFailureThreshold, $"The Map state \"{state.Name}\" had {failures.ToString(CultureInfo.InvariantCulture)} failed items of {inputs.Count.ToString(CultureInfo.InvariantCulture)}, more than it tolerates.");
            }

            throw firstFailure!;
        }

        if (distributed)
        {
            execution.AddEvent(LastEventId, "MapRunSucceeded", null, null);
        }

        step.Thread.Last = execution.AddEvent(LastEventId, "MapStateSucceeded", null, null);
        return new JsonArray(results.Select(r => r).ToArray());
    }

    private static bool Tolerated(int failures, int total, double? count, double? percentage)
    {
        if (count is null && percentage is null)
        {
            return failures == 0;
        }

        return (count is { } c && failures <= c) || (percentage is { } p && total > 0 && failures * 100.0 / total <= p);
    }

    private double? MapNumber(StepContext step, string field, JsonNode? effective)
    {
        var state = step.State;
        if (step.IsJsonata)
        {
            return state.Has(field) ? NumberOrNull(EvalJsonataField(step, state[field], null)) : null;
        }

        if (state.Has(field + "Path"))
        {
            return NumberOrNull(PayloadTemplate.EvaluatePath(AslJson.AsString(state[field + "Path"])!, step.Scope(effective), field + "Path"));
        }

        return NumberOrNull(state[field]);
    }
}
