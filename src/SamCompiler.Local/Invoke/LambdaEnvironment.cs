using System.Globalization;
using SamCompiler.Local.Model;
using SamCompiler.Local.Runtimes;

namespace SamCompiler.Local.Invoke;

/// <summary>How layers reach the function.</summary>
public enum LayerMode
{
    /// <summary>The function has no layers.</summary>
    None,

    /// <summary>Layers are mounted on /opt in a private mount namespace.</summary>
    Opt,

    /// <summary>Layers stay where they are; PYTHONPATH, NODE_PATH and PATH point into them.</summary>
    LanguagePaths,
}

/// <summary>The environment variables of a function's runtime process, as Lambda sets them.</summary>
public static class LambdaEnvironment
{
    /// <summary>The access key used when the caller has no credentials in its environment.</summary>
    public const string DummyAccessKeyId = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>The secret key used when the caller has no credentials in its environment.</summary>
    public const string DummySecretAccessKey = "wJalrXUtnEXAMPLEKEY/bPxRfiCYEXAMPLEKEY";

    /// <summary>
    /// Builds the variables: the function's template variables (Globals merged, --env-vars applied), then the
    /// reserved ones Lambda sets (they win, as Lambda rejects templates that set them).
    /// </summary>
    public static Dictionary<string, string> Build(
        LocalFunction function,
        IReadOnlyList<KeyValuePair<string, string>> templateVariables,
        RuntimeFamily family,
        string region,
        string runtimeApi,
        LayerMode layerMode,
        IReadOnlyDictionary<string, string?> caller,
        DateTimeOffset now)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in templateVariables)
        {
            env[name] = value;
        }

        var callerPath = caller.TryGetValue("PATH", out var p) && !string.IsNullOrEmpty(p) ? p : "/usr/local/bin:/usr/bin:/bin";
        var layersFirst = function.Layers.Reverse().ToList();
        var binPaths = layerMode == LayerMode.LanguagePaths ? layersFirst.Select(l => Path.Combine(l, "bin")) : ["/opt/bin"];
        env["PATH"] = string.Join(':', new[] { callerPath }.Concat(binPaths));
        var libPaths = layerMode == LayerMode.LanguagePaths ? layersFirst.Select(l => Path.Combine(l, "lib")) : ["/opt/lib"];
        env["LD_LIBRARY_PATH"] = string.Join(':', new[] { Path.Combine(function.CodeDirectory, "lib") }.Concat(libPaths));
        env["LANG"] = "en_US.UTF-8";
        env["TZ"] = ":UTC";
        env["AWS_REGION"] = region;
        env["AWS_DEFAULT_REGION"] = region;
        env["AWS_LAMBDA_FUNCTION_NAME"] = function.LogicalId;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.LogicalId;
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = now.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/[$LATEST]" + Guid.NewGuid().ToString("N");
        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + function.Runtime;
        env["AWS_SAM_LOCAL"] = "true";
        env["_HANDLER"] = function.Handler;
        env["LAMBDA_TASK_ROOT"] = function.CodeDirectory;
        env["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR";
        var key = caller.TryGetValue("AWS_ACCESS_KEY_ID", out var k) ? k : null;
        var secret = caller.TryGetValue("AWS_SECRET_ACCESS_KEY", out var s) ? s : null;
        var hasKeys = !string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(secret);
        env["AWS_ACCESS_KEY_ID"] = hasKeys ? key! : DummyAccessKeyId;
        env["AWS_SECRET_ACCESS_KEY"] = hasKeys ? secret! : DummySecretAccessKey;
        if (hasKeys && caller.TryGetValue("AWS_SESSION_TOKEN", out var token) && !string.IsNullOrEmpty(token))
        {
            env["AWS_SESSION_TOKEN"] = token;
        }

        switch (family)
        {
            case RuntimeFamily.Node:
                var major = function.Runtime.Length > 6 ? function.Runtime[6..].Split('.')[0] : string.Empty;
                var nodePaths = layerMode == LayerMode.LanguagePaths
                    ? layersFirst.SelectMany(l => new[] { Path.Combine(l, "nodejs", "node" + major, "node_modules"), Path.Combine(l, "nodejs", "node_modules") })
                    : [$"/opt/nodejs/node{major}/node_modules", "/opt/nodejs/node_modules"];
                env["NODE_PATH"] = string.Join(':', nodePaths.Append(function.CodeDirectory));
                break;
            case RuntimeFamily.Python when layerMode == LayerMode.LanguagePaths:
                var version = function.Runtime["python".Length..];
                env["PYTHONPATH"] = string.Join(':', layersFirst.SelectMany(l => new[] { Path.Combine(l, "python", "lib", "python" + version, "site-packages"), Path.Combine(l, "python") }));
                break;
        }

        return env;
    }
}
