using Tessera.Durable.Local;
using Tessera.Storage.Tables;
using Xunit;

namespace Tessera.Durable.Tests.Local;

public sealed class PayloadColumnsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DurableLimits.PayloadChunkChars)]
    [InlineData(DurableLimits.PayloadChunkChars + 1)]
    [InlineData(DurableLimits.MaxPayloadChars)]
    public void Round_trips_payloads_split_into_chunks_within_the_property_limit(int length)
    {
        var value = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var entity = new TableEntity("p", "r");

        PayloadColumns.Write(entity, "Input", value);

        Assert.Equal(value, PayloadColumns.Read(entity, "Input"));
        Assert.Equal(Math.Max(1, (length + DurableLimits.PayloadChunkChars - 1) / DurableLimits.PayloadChunkChars), entity.GetInt64("InputChunks"));
        Assert.All(entity.Properties.Values.OfType<string>(), s => Assert.True(s.Length * 2 <= 64 * 1024)); // UTF-16 bytes per property
    }

    [Fact]
    public void Null_is_stored_as_zero_chunks()
    {
        var entity = new TableEntity("p", "r");
        PayloadColumns.Write(entity, "Output", null);

        Assert.Null(PayloadColumns.Read(entity, "Output"));
        Assert.Equal(0, entity.GetInt64("OutputChunks"));
    }

    [Fact]
    public void Beyond_the_limit_is_a_typed_error()
    {
        var ex = Assert.Throws<PayloadTooLargeException>(() =>
            PayloadColumns.Write(new TableEntity("p", "r"), "Input", new string('x', DurableLimits.MaxPayloadChars + 1)));

        Assert.Equal(DurableLimits.MaxPayloadChars + 1, ex.Length);
        Assert.Equal("Input", ex.Field);
    }
}
