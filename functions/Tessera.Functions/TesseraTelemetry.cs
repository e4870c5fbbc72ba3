namespace Tessera.Functions;

/// <summary>The ActivitySource / Meter name Tessera's spans and metrics use (exported by Program.cs).</summary>
public static class TesseraTelemetry
{
    public const string SourceName = "Tessera";
}
