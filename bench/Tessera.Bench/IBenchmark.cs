namespace Tessera.Bench;

/// <summary>
/// One benchmark. Implementations are discovered by reflection; run with
/// <c>dotnet run -c Release --project bench/Tessera.Bench -- NAME</c> (or <c>all</c>).
/// Each prints its figures as lines of <c>name: value unit</c> plus the machine and data it used.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchContext context);
}

public sealed class BenchContext
{
    public required TextWriter Out { get; init; }

    public void Report(string metric, double value, string unit) =>
        Out.WriteLine($"  {metric}: {value:G6} {unit}");
}
