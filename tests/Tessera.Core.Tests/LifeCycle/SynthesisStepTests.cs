using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Synthesis;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class SynthesisStepTests
{
    private static readonly long[] Calendar = [1, 2, 3, 4, 5];

    private static AtomLogic Logic(string name) => AtomLogic.Parse(name, "logic");

    private static SynthesisResult Synthesize(int minimumAtoms = 2)
    {
        double[] a = [0.01, -0.02, 1.5, 0.0, 0.03];
        double[] b = [0, 0, 0, 0, 0];
        SynthesisAsset[] assets = [new("X:A", Side.Short, "Tech"), new("X:B", Side.Long, "Energy")];
        SyntheticStream[] strategies =
        [
            new(new StrategyAtom("X:A", "connors-rsi2", Side.Short), [2, 4, 5], [0.05, -0.01, 0.0], 2), // no value on dates 1 and 3
            new(new StrategyAtom("X:B", "connors-rsi2", Side.Long), [1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 0), // never in position
        ];
        return SynthesisStep.Run(Calendar, ["X:A", "X:B"], [a, b], assets, [AtomLogic.Hold, Logic("connors-rsi2")], strategies, minimumAtoms);
    }

    [Fact]
    public void Hold_atoms_earn_the_normalized_asset_return_and_strategy_atoms_their_stream_aligned_with_zero_on_missing_dates()
    {
        var result = Synthesize();

        Assert.Equal(["X:A|hold|SHORT", "X:A|connors-rsi2|SHORT"], result.Atoms);

        // SHORT hold: -min(r, 1) on every date: 1.5 is clipped to 1 (a short loses at most 100%).
        Assert.Equal([-0.01, 0.02, -1.0, 0.0, -0.03], result.Streams[0]);

        // Strategy stream on the calendar 1..5 from values on 2, 4, 5: 0 where the stream has no value.
        Assert.Equal([0.0, 0.05, 0.0, -0.01, 0.0], result.Streams[1]);
        Assert.Equal(
            [new SynthesizedAtom("X:A|hold|SHORT", "X:A", "hold", Side.Short, "Tech", 5), new SynthesizedAtom("X:A|connors-rsi2|SHORT", "X:A", "connors-rsi2", Side.Short, "Tech", 2)],
            result.Descriptors);
    }

    [Fact]
    public void Constant_streams_are_dropped_and_recorded_and_too_few_atoms_left_is_a_typed_error()
    {
        Assert.Equal(
            ["X:B|hold|LONG: never in position over the sample (no risk to allocate)", "X:B|connors-rsi2|LONG: never in position over the sample (no risk to allocate)"],
            Synthesize().Dropped);
        var ex = Assert.Throws<TesseraValidationException>(() => Synthesize(minimumAtoms: 3));
        Assert.Equal("synthesis.atoms", ex.Field);
        Assert.Equal("2", ex.Value);
    }

    [Fact]
    public void A_strategy_atom_without_its_stream_is_a_typed_error()
    {
        var ex = Assert.Throws<TesseraValidationException>(() =>
            SynthesisStep.Run(Calendar, ["X:A"], [new double[5]], [new SynthesisAsset("X:A", Side.Long, "Tech")], [Logic("connors-rsi2")], [], 1));
        Assert.Equal("X:A|connors-rsi2|LONG", ex.Value);
    }

    [Fact]
    public void Strategy_atoms_are_every_logic_but_hold_asset_by_asset()
    {
        SynthesisAsset[] assets = [new("X:A", Side.Long, "Tech"), new("X:B", Side.Short, "Energy")];
        var atoms = SynthesisStep.StrategyAtoms(assets, [AtomLogic.Hold, Logic("connors-rsi2"), Logic("donchian-breakout")]);
        Assert.Equal(["X:A|connors-rsi2|LONG", "X:A|donchian-breakout|LONG", "X:B|connors-rsi2|SHORT", "X:B|donchian-breakout|SHORT"], atoms.Select(a => a.Key));
        Assert.Empty(SynthesisStep.StrategyAtoms(assets, [AtomLogic.Hold]));
    }

    [Fact]
    public void Strategies_run_over_the_bars_of_the_atoms_assets_only()
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(3, 120, 7));
        var chosen = market.Bars[1];
        StrategyAtom[] atoms = [new(chosen.Symbol, "connors-rsi2", Side.Long)];
        var streams = SynthesisStep.SynthesizeStrategies(atoms, market.Bars);
        var alone = new AtomSynthesizer().Synthesize(atoms, [chosen]);
        var stream = Assert.Single(streams);
        Assert.Equal(alone[0].Returns, stream.Returns);
        Assert.Equal(alone[0].Timestamps, stream.Timestamps);
        Assert.Empty(SynthesisStep.SynthesizeStrategies([], market.Bars));
    }

    [Fact]
    public void Alignment_takes_the_value_on_each_calendar_date_and_ignores_dates_outside_it()
    {
        Assert.Equal([0.0, 0.1, 0.0, 0.2], SynthesisStep.AlignToCalendar([2, 4, 9], [0.1, 0.2, 0.3], [1, 2, 3, 4]));
        Assert.Throws<TesseraValidationException>(() => SynthesisStep.AlignToCalendar([2, 4], [0.1], [1, 2]));
    }

    [Fact]
    public void A_series_is_constant_when_every_value_equals_the_first()
    {
        Assert.True(SynthesisStep.IsConstant([]));
        Assert.True(SynthesisStep.IsConstant([0.3]));
        Assert.True(SynthesisStep.IsConstant([0.0, 0.0, 0.0]));
        Assert.False(SynthesisStep.IsConstant([0.0, 0.0, 1e-12]));
        Assert.False(SynthesisStep.IsConstant([double.NaN, double.NaN])); // NaN never equals itself: not a flat stream
    }
}
