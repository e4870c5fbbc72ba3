using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Synthesis;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Synthesis;

public sealed class AtomCompositionTests
{
    [Fact]
    public void Pair_stream_is_half_the_long_plus_half_the_short_stream()
    {
        var pair = CompositeAtom.Pair("A", "B", "ibs");
        long[] t = [1, 2, 3];
        var streams = new Dictionary<string, SyntheticStream>(StringComparer.Ordinal)
        {
            [pair.Components[0].Atom.Key] = new(pair.Components[0].Atom, t, [0.02, -0.01, 0.0], 2),
            [pair.Components[1].Atom.Key] = new(pair.Components[1].Atom, t, [-0.01, 0.03, 0.01], 3),
        };
        var s = pair.Compose(streams);
        double[] expected = [0.005, 0.01, 0.005];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], s.Returns[i], 15);
        }

        Assert.Equal(Side.Short, pair.Components[1].Atom.Direction);
    }

    [Fact]
    public void Ensemble_weights_are_equal_and_mismatched_calendars_are_rejected()
    {
        var e = CompositeAtom.Ensemble("A", Side.Long, ["ibs", "connors-rsi2", "donchian-breakout", "turtle-soup"]);
        Assert.All(e.Components, c => Assert.Equal(0.25, c.Weight));
        var streams = e.Components.Select((c, i) => new SyntheticStream(c.Atom, i == 3 ? [1, 2] : [1, 3], [0.0, 0.0], 0)).ToDictionary(s => s.Atom.Key, StringComparer.Ordinal);
        Assert.Throws<TesseraValidationException>(() => e.Compose(streams));
        Assert.Throws<TesseraValidationException>(() => new CompositeAtom("bad", [new(new StrategyAtom("A", "ibs", Side.Long), 0.7)]).Validate());
    }
}
