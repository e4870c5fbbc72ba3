using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Orchestrations.Trading;
using Tessera.Stream.Engine;
using Tessera.Stream.Hosting;

namespace Tessera.Local.Hosting;

/// <summary>
/// Starts the stream service (docs/STREAM.md) in this process on the order path of <paramref name="runtime"/>: used by
/// `tessera stream` and by `tessera serve --trade`, so the embedded default trades with the WebSocket heartbeat, SOP-01
/// safety mode, virtual stops and the 10 s circuit-breaker poll exactly as the Container App does in Azure.
/// </summary>
public static class LocalStreamService
{
    /// <summary>
    /// Lag (receive minus event time) is measured only against a real venue: the local exchange's clock may be replayed
    /// or advanced by hand, so there the heartbeat is the silence watchdog and the connection checks.
    /// </summary>
    public static bool MeasuresLag(BrokerTarget broker, bool replay) => !replay && broker != BrokerTarget.Local;

    public static async Task<StreamWorker> StartAsync(TradingRuntime runtime, Func<string, string?> environment, StreamSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(settings);
        var client = runtime.Settings.BrokerOptions(environment);
        var desk = await runtime.Services.OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        return await StreamWorker.StartAsync(new StreamWorkerParts(desk, client, settings, DataFeed.Iex), cancellationToken).ConfigureAwait(false);
    }
}
