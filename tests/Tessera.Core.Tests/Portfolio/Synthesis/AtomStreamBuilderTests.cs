using Tessera.Core.Data;
using Tessera.Core.Portfolio.Synthesis;
using Tessera.Core.Signals;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Synthesis;

public sealed class AtomStreamBuilderTests
{
    private static readonly long[] Times = [0, 86_400_000, 172_800_000, 259_200_000, 345_600_000];

    private static BarSeries Bars(double[] open, double[] close) =>
        new("XYZ", Times, open, open.Zip(close, Math.Max).ToArray(), open.Zip(close, Math.Min).ToArray(), close, [1, 1, 1, 1, 1]);

    private static Signal S(int t, Side side, string reason = "entry", double? stop = null) =>
        new(Times[t], "XYZ", side, side == Side.Short ? -1 : 1, "demo", "h", reason) { StopPrice = stop };

    [Fact]
    public void Long_atom_earns_open_to_close_on_entry_close_to_close_while_held_and_close_to_open_on_exit()
    {
        // Entry decided at close 0 fills at open 1 (11); exit decided at close 2 fills at open 3 (14).
        var bars = Bars([10, 11, 12, 14, 12], [10, 12, 15, 13, 12]);
        var s = AtomStreamBuilder.Build(new StrategyAtom("XYZ", "demo", Side.Long), bars, [S(0, Side.Long), S(2, Side.Flat, "exit:rsi")]);
        Assert.Equal([0, (12.0 / 11) - 1, (15.0 / 12) - 1, (14.0 / 15) - 1, 0], s.Returns);
        Assert.Equal(3, s.BarsInPosition);
    }

    [Fact]
    public void Short_atom_is_the_negated_asset_return_while_short()
    {
        var bars = Bars([10, 11, 12, 14, 12], [10, 12, 15, 13, 12]);
        var s = AtomStreamBuilder.Build(new StrategyAtom("XYZ", "demo", Side.Short), bars, [S(0, Side.Short), S(2, Side.Flat, "exit:rsi")]);
        Assert.Equal([0, -((12.0 / 11) - 1), -((15.0 / 12) - 1), -((14.0 / 15) - 1), 0], s.Returns);
    }

    [Fact]
    public void Short_stream_clips_asset_returns_above_100_percent()
    {
        // Asset triples on bar 2 (r = 2): the short loses at most 100%: -clip(2, upper = 1) = -1.
        var bars = Bars([1, 1, 1, 3, 3], [1, 1, 3, 3, 3]);
        var s = AtomStreamBuilder.Build(new StrategyAtom("XYZ", "demo", Side.Short), bars, [S(0, Side.Short)]);
        Assert.Equal(-1.0, s.Returns[2]);
    }

    [Fact]
    public void Stop_exit_fills_at_the_stop_intrabar_or_at_the_open_when_gapped_through()
    {
        var bars = Bars([10, 11, 12, 14, 12], [10, 12, 15, 13, 12]);
        var atom = new StrategyAtom("XYZ", "demo", Side.Long);
        var s = AtomStreamBuilder.Build(atom, bars, [S(0, Side.Long), S(2, Side.Flat, "exit:stop", 11.5)]);
        Assert.Equal([0, (12.0 / 11) - 1, (11.5 / 12) - 1, 0, 0], s.Returns);

        var gapped = AtomStreamBuilder.Build(atom, bars, [S(0, Side.Long), S(2, Side.Flat, "exit:stop", 12.5)]);
        Assert.Equal(0.0, gapped.Returns[2]);
    }

    [Fact]
    public void Opposite_entry_closes_a_long_atom_and_is_ignored_when_flat()
    {
        var bars = Bars([10, 11, 12, 14, 12], [10, 12, 15, 13, 12]);
        var s = AtomStreamBuilder.Build(new StrategyAtom("XYZ", "demo", Side.Long), bars, [S(0, Side.Short), S(1, Side.Long), S(2, Side.Short)]);
        Assert.Equal([0, 0, (15.0 / 12) - 1, (14.0 / 15) - 1, 0], s.Returns);
    }
}
