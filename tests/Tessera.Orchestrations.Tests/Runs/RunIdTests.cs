using Tessera.Core.Errors;
using Tessera.Orchestrations.Runs;
using Xunit;

namespace Tessera.Orchestrations.Tests.Runs;

public sealed class RunIdTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("2026-11-21_run-1")]
    public void Accepts_safe_ids(string id) => Assert.Equal(id, RunId.Validate(id));

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("RUN-1")]
    [InlineData("Run-1")]
    public void Rejects_ids_with_path_or_special_characters_or_upper_case(string id)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RunId.Validate(id));
        Assert.Equal("run_id", ex.Field);
    }

    [Fact]
    public void Upper_case_is_refused_with_the_lowercase_spelling_never_silently_lowercased()
    {
        // Blob paths, table keys and durable instance ids are case-sensitive: RUN-1 and run-1 would be two runs in
        // storage, so only the lowercase spelling exists.
        Assert.Equal("run-1", RunId.Validate("run-1"));
        var ex = Assert.Throws<TesseraValidationException>(() => RunId.Validate("RUN-1"));
        Assert.Contains("lowercase", ex.Rule, StringComparison.Ordinal);
        Assert.Contains("'run-1'", ex.Rule, StringComparison.Ordinal);
        Assert.False(RunId.IsValid("RUN-1"));
    }

    [Fact]
    public void New_ids_are_lowercase_whatever_the_profile_name()
    {
        Assert.Equal("20261121-060708-compact-01234567", RunId.New(new DateTime(2026, 11, 21, 6, 7, 8, DateTimeKind.Utc), "Compact", Guid.Parse("0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public void Sixty_four_characters_pass_and_sixty_five_fail()
    {
        Assert.Equal(64, RunId.Validate(new string('a', 64)).Length);
        Assert.Throws<TesseraValidationException>(() => RunId.Validate(new string('a', 65)));
    }

    [Fact]
    public void New_ids_are_valid_sortable_and_carry_the_profile()
    {
        var id = RunId.New(new DateTime(2026, 11, 21, 6, 7, 8, DateTimeKind.Utc), "default", Guid.Parse("0123456789abcdef0123456789abcdef"));
        Assert.Equal("20261121-060708-default-01234567", id);
    }
}
