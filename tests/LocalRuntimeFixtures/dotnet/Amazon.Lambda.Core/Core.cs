// Test-only stand-in for Amazon.Lambda.Core (same namespace and member shapes).
#pragma warning disable CA1040, CA1716, CA1720, CA1813, CA1019, CA1002, CA2227, CA1707
namespace Amazon.Lambda.Core
{
    using System;
    using System.Collections.Generic;
    using System.IO;

    public interface ILambdaLogger
    {
        void Log(string message);

        void LogLine(string message);
    }

    public interface ICognitoIdentity
    {
        string IdentityId { get; }

        string IdentityPoolId { get; }
    }

    public interface IClientContext
    {
        IDictionary<string, string> Environment { get; }

        IDictionary<string, string> Custom { get; }
    }

    public interface ILambdaContext
    {
        string AwsRequestId { get; }

        IClientContext ClientContext { get; }

        string FunctionName { get; }

        string FunctionVersion { get; }

        ICognitoIdentity Identity { get; }

        string InvokedFunctionArn { get; }

        ILambdaLogger Logger { get; }

        string LogGroupName { get; }

        string LogStreamName { get; }

        int MemoryLimitInMB { get; }

        TimeSpan RemainingTime { get; }
    }

    public interface ILambdaSerializer
    {
        T Deserialize<T>(Stream requestStream);

        void Serialize<T>(T response, Stream responseStream);
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
    public sealed class LambdaSerializerAttribute : Attribute
    {
        public LambdaSerializerAttribute(Type serializerType)
        {
            SerializerType = serializerType;
        }

        public Type SerializerType { get; set; }
    }
}
