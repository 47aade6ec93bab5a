// Test-only handlers of each shape Lambda's .NET runtime accepts.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(TestFunctions.Serializer))]

namespace TestFunctions
{
    public sealed class Serializer : ILambdaSerializer
    {
        private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

        public T Deserialize<T>(Stream requestStream) => JsonSerializer.Deserialize<T>(requestStream, Options)!;

        public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, Options);
    }

    public sealed class Order
    {
        public string Id { get; set; } = "";

        public int Quantity { get; set; }

        public List<string> Tags { get; set; } = new();
    }

    public sealed class Receipt
    {
        public string OrderId { get; set; } = "";

        public int Items { get; set; }

        public string RequestId { get; set; } = "";
    }

    public class Functions
    {
        private readonly int _created = 42;

        public Stream EchoStream(Stream input)
        {
            var copy = new MemoryStream();
            input.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }

        public Stream ContextStream(Stream input, ILambdaContext context)
        {
            context.Logger.LogLine("hello from " + context.FunctionName);
            var text = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["requestId"] = context.AwsRequestId,
                ["functionName"] = context.FunctionName,
                ["version"] = context.FunctionVersion,
                ["arn"] = context.InvokedFunctionArn,
                ["memory"] = context.MemoryLimitInMB,
                ["remainingPositive"] = context.RemainingTime > TimeSpan.Zero,
                ["logGroup"] = context.LogGroupName,
                ["created"] = _created,
            });
            return new MemoryStream(Encoding.UTF8.GetBytes(text));
        }

        public string Upper(string input) => input.ToUpperInvariant();

        public static string StaticUpper(string input) => input.ToUpperInvariant() + "!";

        public async Task<Receipt> PocoAsync(Order order, ILambdaContext context)
        {
            await Task.Delay(1);
            return new Receipt { OrderId = order.Id, Items = order.Quantity * order.Tags.Count, RequestId = context.AwsRequestId };
        }

        public async Task NoResultAsync(Stream input)
        {
            await Task.Delay(1);
            Console.WriteLine("ran without a result");
        }

        public void Nothing(Stream input) => Console.WriteLine("void handler");

        public string Throws(string input) => throw new InvalidOperationException("bad input: " + input);

        public async Task<string> ThrowsAsync(string input)
        {
            await Task.Delay(1);
            throw new ArgumentException("async failure");
        }

        public int Hog(Stream input)
        {
            var blocks = new List<byte[]>();
            for (var i = 0; i < 64; i++)
            {
                var block = new byte[16 * 1024 * 1024];
                Array.Fill(block, (byte)1);
                blocks.Add(block);
            }

            return blocks.Count;
        }

        public void Sleep(Stream input) => Thread.Sleep(TimeSpan.FromSeconds(30));

        public string Overloaded(string input) => input;

        public string Overloaded(int input) => input.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string ThreeParameters(string a, string b, string c) => a + b + c;
    }

    public class BrokenConstructor
    {
        public BrokenConstructor() => throw new InvalidOperationException("constructor failed");

        public string Handle(string input) => input;
    }
}
