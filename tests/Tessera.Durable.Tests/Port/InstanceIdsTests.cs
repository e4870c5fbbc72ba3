using Xunit;

namespace Tessera.Durable.Tests.Port;

public sealed class InstanceIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("run-2026_01")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void Accepts_1_to_64_safe_characters(string id) => Assert.Equal(id, InstanceIds.Validate(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")] // 65
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("a'b")]
    [InlineData("a b")]
    [InlineData("a\u0000b")]
    [InlineData("ａ")] // full-width letter, not ASCII
    public void Rejects_everything_else_with_a_typed_error(string? id)
    {
        Assert.False(InstanceIds.IsValid(id));
        var ex = Assert.Throws<InvalidInstanceIdException>(() => InstanceIds.Validate(id));
        Assert.Equal("instanceId", ex.Field);
    }

    [Fact]
    public void New_ids_are_valid_and_distinct() =>
        Assert.NotEqual(InstanceIds.Validate(InstanceIds.NewId()), InstanceIds.Validate(InstanceIds.NewId()));
}
