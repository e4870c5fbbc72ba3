using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tessera.Core.Telemetry;

/// <summary>
/// Tessera's one <see cref="ActivitySource"/> and one <see cref="Meter"/> (both named "Tessera"), the instruments and
/// the tag names every span uses. Hosts export them (Azure Monitor, OTLP) and record a run's spans into its
/// <c>forensic_trace.json</c>; the code that does the work only starts spans and adds to instruments. With no listener
/// attached, <see cref="Source"/> returns null activities and the instruments cost nothing.
/// </summary>
public static class TesseraTelemetry
{
    public const string Name = "Tessera";

    /// <summary>The Durable Task SDK's source: orchestration and activity spans, carrying W3C context across workers.</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    public static readonly ActivitySource Source = new(Name, "1.0");

    public static readonly Meter Meter = new(Name, "1.0");

    public static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>("tessera.runs.started", description: "Runs accepted (life cycle, meta, backtest)");

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("tessera.step.duration", unit: "ms", description: "Duration of one orchestration step (activity)");

    public static readonly Counter<long> OrdersSubmitted = Meter.CreateCounter<long>("tessera.orders.submitted", description: "Orders sent to the broker");

    public static readonly Counter<long> Vetoes = Meter.CreateCounter<long>("tessera.orders.vetoed", description: "Decisions vetoed by a risk gate (tag: tessera.veto)");

    public static readonly Histogram<double> StreamLag = Meter.CreateHistogram<double>("tessera.stream.lag", unit: "ms", description: "Market data lag: receive minus event time");

    public static readonly Counter<long> StreamReconnects = Meter.CreateCounter<long>("tessera.stream.reconnects", description: "Stream reconnections");

    public static readonly UpDownCounter<long> SafetyMode = Meter.CreateUpDownCounter<long>("tessera.stream.safety_mode", description: "1 while SOP-01 safety mode is active");

    public static class Tags
    {
        public const string RunId = "tessera.run_id";
        public const string Step = "tessera.step";
        public const string Profile = "tessera.profile";
        public const string Workflow = "tessera.workflow";
        public const string Symbol = "tessera.symbol";
        public const string Veto = "tessera.veto";
        public const string ClientOrderId = "tessera.client_order_id";

        /// <summary>The Durable Task SDK's tag holding the orchestration instance id (a run id, for Tessera's runs).</summary>
        public const string DurableInstanceId = "durabletask.task.instance_id";
    }
}
