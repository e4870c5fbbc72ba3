using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Tessera.Storage.Tests.Pipeline;

/// <summary>
/// An Azure.Core transport that never touches the network: it records every request that reaches it and answers
/// from a script (status codes, or exceptions to simulate timeouts). Requests are real Azure.Core requests.
/// </summary>
internal sealed class FakeTransport : HttpPipelineTransport
{
    private readonly Queue<Func<HttpMessage, FakeResponse>> _script = new();

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Status to answer once all scripted answers are used.</summary>
    public int DefaultStatus { get; set; } = 200;

    public FakeTransport Then(int status, params (string Name, string Value)[] headers)
    {
        _script.Enqueue(_ => new FakeResponse(status, headers));
        return this;
    }

    public FakeTransport ThenThrow(Exception exception)
    {
        _script.Enqueue(_ => throw exception);
        return this;
    }

    /// <summary>Simulates the caller cancelling while the request is in flight.</summary>
    public FakeTransport ThenCancel(CancellationTokenSource source)
    {
        _script.Enqueue(_ =>
        {
            source.Cancel();
            throw new OperationCanceledException(source.Token);
        });
        return this;
    }

    public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

    public override void Process(HttpMessage message) => Answer(message);

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Answer(message);
        return ValueTask.CompletedTask;
    }

    private void Answer(HttpMessage message)
    {
        var headers = message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(message.Request.Method.Method, message.Request.Uri.ToUri(), headers));
        var next = _script.Count > 0 ? _script.Dequeue() : _ => new FakeResponse(DefaultStatus, []);
        message.Response = next(message);
    }

    internal sealed record RecordedRequest(string Method, Uri Uri, Dictionary<string, string> Headers);

    private sealed class FakeResponse(int status, (string Name, string Value)[] headers) : Response
    {
        private readonly Dictionary<string, string> _headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

        public override int Status => status;

        public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = "fake";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            var found = _headers.TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}
