using Tessera.Core.Data;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Data;

public sealed class TradeTapeAppendTests
{
    private static TradeTape History() => new("ZZZ", [1_000, 2_000], [10.0, 10.5], [300, 400], [(byte)'N', (byte)'Q'], [0, 12], [false, true]);

    [Fact]
    public void Appended_prints_follow_the_history_which_keeps_every_column()
    {
        var tape = History().Append([3_000, 4_000, 5_000], [11.0, 11.25, 11.5], 50, (byte)'P');

        Assert.Equal("ZZZ", tape.Symbol);
        Assert.Equal([1_000L, 2_000, 3_000, 4_000, 5_000], tape.Timestamps);
        Assert.Equal([10.0, 10.5, 11.0, 11.25, 11.5], tape.Price);
        Assert.Equal([300.0, 400, 50, 50, 50], tape.Size);
        Assert.Equal("NQPPP"u8.ToArray(), tape.Exchange);
        Assert.Equal([0, 12, 0, 0, 0], tape.Condition);
        Assert.Equal([false, true, false, false, false], tape.Suspicious);
    }

    [Fact]
    public void Prices_and_timestamps_of_different_lengths_are_refused()
    {
        var e = Assert.Throws<TesseraValidationException>(() => History().Append([3_000, 4_000], [11.0], 50, (byte)'P'));
        Assert.Equal("trades", e.Field);
    }
}
