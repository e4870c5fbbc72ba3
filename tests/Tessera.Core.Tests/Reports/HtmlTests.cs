using Tessera.Core.Reports;
using Xunit;

namespace Tessera.Core.Tests.Reports;

public sealed class HtmlTests
{
    [Theory]
    [InlineData("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")]
    [InlineData("a & b \"c\"", "a &amp; b &quot;c&quot;")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("NYSE:SYN0001|hold|LONG", "NYSE:SYN0001|hold|LONG")]
    [InlineData("Société générale — 5 % é ü 🙂", "Société générale — 5 % é ü 🙂")] // UTF-8 documents: only markup characters become entities
    [InlineData("", "")]
    public void Markup_characters_become_entities_and_everything_else_is_kept(string text, string expected) =>
        Assert.Equal(expected, Html.Escape(text));

    [Fact]
    public void Null_is_empty_and_clean_text_is_returned_as_is()
    {
        Assert.Equal(string.Empty, Html.Escape(null));
        const string clean = "min_variance (lowest in-sample annualized volatility (1.63 %))";
        Assert.Same(clean, Html.Escape(clean));
    }
}
