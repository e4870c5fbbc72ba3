using Tessera.Core.Backtest;
using Xunit;

namespace Tessera.Core.Tests.Backtest;

/// <summary>The event engine's set of symbols to visit: ascending iteration across 64-bit words, additions and removals.</summary>
public class ActiveSymbolsTests
{
    [Fact]
    public void Visits_members_in_ascending_order_across_words()
    {
        var set = new ActiveSymbols(200);
        Assert.Equal(-1, set.Next(0));
        foreach (var s in new[] { 199, 0, 63, 64, 65, 127, 128, 5 })
        {
            set.Add(s);
        }

        set.Remove(65);
        set.Remove(7); // not a member: no effect
        var seen = new List<int>();
        for (var s = set.Next(0); s >= 0; s = set.Next(s + 1))
        {
            seen.Add(s);
        }

        Assert.Equal([0, 5, 63, 64, 127, 128, 199], seen);
        Assert.Equal(-1, set.Next(200));
        Assert.Equal(128, set.Next(128));
        Assert.Equal(199, set.Next(129));
    }
}
