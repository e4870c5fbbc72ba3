using Tessera.Storage.Configuration.Secrets;
using Xunit;

namespace Tessera.Storage.Tests.Configuration.Secrets;

public sealed class DotEnvFileTests
{
    [Fact]
    public void Parses_comments_blank_lines_export_quotes_escapes_and_trailing_comments()
    {
        const string text = """
            # Alpaca
            APCA_API_KEY_ID=PKTEST123

            export APCA_API_SECRET_KEY = 'sec#ret "literal" \n'
            TESSERA_API_KEY="line1\nline2 \"quoted\" back\\slash"   # a comment after the quotes
            TESSERA_BROKER=alpaca-paper # trailing comment
            WITH_HASH=abc#def
            EMPTY=
            EMPTY_QUOTED=""
            """;
        var values = DotEnvFile.Parse(text, ".env");
        Assert.Equal("PKTEST123", values["APCA_API_KEY_ID"]);
        Assert.Equal("sec#ret \"literal\" \\n", values["APCA_API_SECRET_KEY"]);
        Assert.Equal("line1\nline2 \"quoted\" back\\slash", values["TESSERA_API_KEY"]);
        Assert.Equal("alpaca-paper", values["TESSERA_BROKER"]);
        Assert.Equal("abc#def", values["WITH_HASH"]);
        Assert.Equal(string.Empty, values["EMPTY"]);
        Assert.Equal(string.Empty, values["EMPTY_QUOTED"]);
        Assert.Equal(7, values.Count);
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var values = DotEnvFile.Parse("A=1\r\nB='2'\r\n", ".env");
        Assert.Equal("1", values["A"]);
        Assert.Equal("2", values["B"]);
    }

    [Theory]
    [InlineData("A=1\nno equals sign here\n", 2, null, "expected KEY=VALUE")]
    [InlineData("=value-without-key\n", 1, null, "expected KEY=VALUE")]
    [InlineData("1ABC=x\n", 1, null, "the key must be letters")]
    [InlineData("BAD-KEY=x\n", 1, null, "the key must be letters")]
    [InlineData("A=1\n\nA=2\n", 3, "A", "set twice (first on line 1)")]
    [InlineData("# c\nSECRET=\"topsecret-value\n", 2, "SECRET", "never closed")]
    [InlineData("SECRET='topsecret-value' trailing\n", 1, "SECRET", "only a comment may follow")]
    [InlineData("SECRET=top\"secret-value\n", 1, "SECRET", "a quote inside an unquoted value")]
    [InlineData("SECRET=\"topsecret-value\\q\"\n", 1, "SECRET", "unknown escape")]
    public void A_bad_line_is_a_typed_error_naming_file_line_and_key_but_never_the_value(string text, int line, string? key, string rule)
    {
        var e = Assert.Throws<DotEnvFormatException>(() => DotEnvFile.Parse(text, "/home/me/.env"));
        Assert.Equal(line, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Equal("/home/me/.env", e.File);
        Assert.Contains($"/home/me/.env:{line}", e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<Tessera.Core.Errors.TesseraValidationException>(e);
    }
}
