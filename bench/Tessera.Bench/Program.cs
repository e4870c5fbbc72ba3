using System.Diagnostics;
using System.Runtime.InteropServices;
using Tessera.Bench;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0)
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Tessera.Bench -- NAME|all");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-28} {b.Description}");
    }

    return 2;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
var selected = benchmarks.Where(b => args.Contains("all") || args.Contains(b.Name)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine("no benchmark named " + string.Join(", ", args));
    return 2;
}

var context = new BenchContext { Out = Console.Out };
foreach (var b in selected)
{
    Console.WriteLine($"== {b.Name}: {b.Description}");
    var sw = Stopwatch.StartNew();
    await b.RunAsync(context);
    Console.WriteLine($"  (benchmark wall time {sw.Elapsed.TotalSeconds:F1} s)");
}

return 0;
