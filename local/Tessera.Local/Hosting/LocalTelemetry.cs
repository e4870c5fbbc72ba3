using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tessera.Core.Telemetry;

namespace Tessera.Local.Hosting;

/// <summary>
/// OpenTelemetry export for the local processes (`tessera run`, `serve`, `worker`, `stream`): Tessera's and the
/// Durable Task SDK's spans and Tessera's metrics, to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set
/// and over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables configure it). With neither,
/// nothing is exported and no provider is built; every run's spans still go to its forensic_trace.json.
/// </summary>
public sealed class LocalTelemetry : IDisposable
{
    public const string AppInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private LocalTelemetry(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    public static LocalTelemetry? Start(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var appInsights = environment(AppInsightsVariable);
        var otlp = environment(OtlpVariable);
        if (string.IsNullOrEmpty(appInsights) && string.IsNullOrEmpty(otlp))
        {
            return null;
        }

        var traces = Sdk.CreateTracerProviderBuilder().AddSource(TesseraTelemetry.Name, TesseraTelemetry.DurableTaskSourceName);
        var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(TesseraTelemetry.Name);
        if (!string.IsNullOrEmpty(appInsights))
        {
            traces.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
            metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
        }

        if (!string.IsNullOrEmpty(otlp))
        {
            traces.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
        }

        return new LocalTelemetry(traces.Build()!, metrics.Build()!);
    }

    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }
}
