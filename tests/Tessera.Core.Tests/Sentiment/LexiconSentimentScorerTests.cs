using Tessera.Core.Errors;
using Tessera.Core.Sentiment;
using Xunit;

namespace Tessera.Core.Tests.Sentiment;

public sealed class LexiconSentimentScorerTests
{
    private static readonly LexiconSentimentScorer Scorer = new();

    [Theory]
    [InlineData("Revenue BEAT expectations; record growth!", 1.0)]
    [InlineData("Company reports a loss and a goodwill impairment", -1.0)]
    [InlineData("Strong quarter, but litigation weighs", 0.0)] // 1 positive, 1 negative
    [InlineData("Guidance raised; margins improved; one recall", 1.0 / 3)] // 2 positive, 1 negative
    [InlineData("The board met on Tuesday", 0.0)]
    [InlineData("", 0.0)]
    public void Scores_are_positive_minus_negative_over_their_sum(string text, double expected)
    {
        Assert.Equal(expected, Scorer.Score(text), 12);
    }

    [Fact]
    public void A_negation_within_three_words_flips_the_polarity()
    {
        Assert.Equal(-1.0, Scorer.Score("the unit is not profitable"));
        Assert.Equal(-1.0, Scorer.Score("the unit isn't profitable"));
        Assert.Equal(1.0, Scorer.Score("no layoffs planned"));
        Assert.Equal(1.0, Scorer.Score("not that it matters, the results are profitable")); // "profitable" is 6 words after "not"
    }

    [Fact]
    public void An_oversized_text_is_a_typed_error()
    {
        Assert.Throws<TesseraValidationException>(() => Scorer.Score(new string('a', LexiconSentimentScorer.MaxTextLength + 1)));
    }
}
