using System.Diagnostics;
using System.Threading.Channels;
using Tessera.Core.Telemetry;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Telemetry;

/// <summary>
/// Records every finished span of Tessera's and the Durable Task SDK's sources into the <c>runspans</c> table, keyed
/// by trace id, from whichever worker process ran it: the store <see cref="ForensicTrace"/> reads a run's
/// forensic_trace.json from, unified across workers and sub-orchestrations. One per host process. Spans are queued
/// by the listener (never blocking the code that ends them) and written in the background; a write that fails is
/// dropped and counted (telemetry must never fail a run).
/// </summary>
public sealed class RunSpanRecorder : IAsyncDisposable
{
    private readonly ITableStore _tables;
    private readonly ActivityListener _listener;
    private readonly Channel<ForensicSpan> _queue = Channel.CreateUnbounded<ForensicSpan>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _queued;
    private long _written;

    public RunSpanRecorder(ITableStore tables)
    {
        _tables = tables ?? throw new ArgumentNullException(nameof(tables));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TesseraTelemetry.Name or TesseraTelemetry.DurableTaskSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                Interlocked.Increment(ref _queued);
                _queue.Writer.TryWrite(ForensicSpan.From(activity));
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Spans that could not be written (storage unreachable): a forensic trace may miss them.</summary>
    public long Dropped { get; private set; }

    /// <summary>Waits until every span ended before this call is written (or dropped), at most <paramref name="timeout"/>.</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _written) < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync()
    {
        var tableReady = false;
        await foreach (var span in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (!tableReady)
                {
                    await _tables.CreateTableIfNotExistsAsync(ForensicSpanRow.Table).ConfigureAwait(false);
                    tableReady = true;
                }

                await _tables.ReplaceAsync(ForensicSpanRow.Table, ForensicSpanRow.Of(span), ifMatch: null).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // telemetry must never fail the work it observes: a span that cannot be written is counted and dropped
            catch (Exception)
#pragma warning restore CA1031
            {
                Dropped++;
            }
            finally
            {
                Interlocked.Increment(ref _written);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
