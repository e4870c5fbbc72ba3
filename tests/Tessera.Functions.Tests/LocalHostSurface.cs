using System.Reflection;
using Microsoft.DurableTask;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Functions.Tests;

/// <summary>What the local host registers and serves: orchestrators, activities (from its Durable Task registry), HTTP routes, timers.</summary>
public static class LocalHostSurface
{
    public static (IReadOnlyList<string> Orchestrators, IReadOnlyList<string> Activities) DurableTasks()
    {
        var registry = new DurableTaskRegistry();
        LocalRuntime.RegisterTasks(registry, new LifeCycleServices(new RunArtifactStore(null!)), new Tessera.Orchestrations.Trading.TradingServices(_ => throw new InvalidOperationException("not opened by the parity test")), new Tessera.Orchestrations.Backtests.BacktestServices(null!));
        return (Names(registry, "Orchestrators"), Names(registry, "Activities"));
    }

    /// <summary>(name, method, route) of every route the local host maps.</summary>
    public static IReadOnlyList<(string Name, string Method, string Route)> Routes() =>
        ApiRoutes.All.Select(r => (r.Name, r.Method, r.Template)).ToList();

    /// <summary>(name, NCRONTAB schedule) of every timer the local host's scheduler runs.</summary>
    public static IReadOnlyList<(string Name, string? Schedule)> Timers() =>
        LocalTimers.Jobs.Select(j => (j.Name, (string?)j.Schedule)).ToList();

    /// <summary>
    /// The registry keeps its tasks in non-public members (the SDK offers no enumeration); if the SDK renames
    /// them this fails loudly rather than comparing empty sets.
    /// </summary>
    private static List<string> Names(DurableTaskRegistry registry, string property)
    {
        var member = typeof(DurableTaskRegistry).GetProperty(property, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new MissingMemberException(nameof(DurableTaskRegistry), property);
        var names = new List<string>();
        foreach (var item in (System.Collections.IEnumerable)member.GetValue(registry)!)
        {
            var key = item.GetType().GetProperty("Key")!.GetValue(item)!;
            names.Add(key is TaskName t ? t.Name : key.ToString()!);
        }

        return names.Count > 0 ? names : throw new InvalidOperationException($"the local registry reports no {property}");
    }
}
