using System.Text.Json;

namespace Tessera.Functions.Tests;

/// <summary>One function of the functions.metadata file the Worker SDK generates at build time.</summary>
public sealed record FunctionEntry(string Name, string TriggerType, string? Route, IReadOnlyList<string> Methods, string? Schedule);

/// <summary>
/// Reads functions/Tessera.Functions/bin/CONFIG/net10.0/functions.metadata: what the Azure Functions host will
/// index, as the SDK generated it from the [Function] attributes (not a parse of our sources).
/// </summary>
public static class FunctionsMetadata
{
    public static string FilePath()
    {
        // This test assembly is built with the same configuration as the functions project it references.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(Tessera.Testing.RepositoryPaths.Root(), "functions", "Tessera.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return File.Exists(path) ? path : throw new FileNotFoundException("functions.metadata not generated: build functions/Tessera.Functions first", path);
    }

    public static IReadOnlyList<FunctionEntry> Read()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(FilePath()));
        var entries = new List<FunctionEntry>();
        foreach (var function in doc.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                if (!type.EndsWith("Trigger", StringComparison.Ordinal))
                {
                    continue;
                }

                var methods = binding.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : [];
                entries.Add(new FunctionEntry(
                    name,
                    type,
                    binding.TryGetProperty("route", out var r) ? r.GetString() : null,
                    methods,
                    binding.TryGetProperty("schedule", out var s) ? s.GetString() : null));
            }
        }

        return entries;
    }
}
