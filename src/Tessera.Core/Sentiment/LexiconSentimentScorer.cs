using Tessera.Core.Errors;

namespace Tessera.Core.Sentiment;

/// <summary>
/// A financial-lexicon scorer: counts positive and negative words of a finance word list (in the spirit of
/// Loughran–McDonald: "loss", "impairment", "litigation" are negative in finance even where general-purpose lists call
/// them neutral), flips a word preceded within three tokens by a negation ("not", "no", "never", "without"), and scores
/// (positive − negative) / (positive + negative), 0 when the text has no sentiment word. Words are matched on
/// lower-cased letter runs, so punctuation and case do not matter. Deterministic; no model file.
/// </summary>
public sealed class LexiconSentimentScorer : ISentimentScorer
{
    /// <summary>Texts longer than this are refused: a scorer is for headlines and paragraphs, not whole filings.</summary>
    public const int MaxTextLength = 100_000;

    private const int NegationWindow = 3;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "never", "without", "nor", "neither", "cannot" };

    private readonly HashSet<string> _positive;
    private readonly HashSet<string> _negative;

    public LexiconSentimentScorer(IEnumerable<string>? positive = null, IEnumerable<string>? negative = null)
    {
        _positive = new HashSet<string>(positive ?? FinancialLexicon.Positive, StringComparer.Ordinal);
        _negative = new HashSet<string>(negative ?? FinancialLexicon.Negative, StringComparer.Ordinal);
    }

    public string Name => "lexicon";

    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw new TesseraValidationException("text", text[..40] + "...", $"must be at most {MaxTextLength} characters");
        }

        int positive = 0, negative = 0, sinceNegation = int.MaxValue;
        var span = text.AsSpan();
        Span<char> word = stackalloc char[64];
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsLetter(span[i]))
            {
                i++;
            }

            var length = 0;
            while (i < span.Length && (char.IsLetter(span[i]) || span[i] == '\''))
            {
                if (length < word.Length)
                {
                    word[length++] = char.ToLowerInvariant(span[i]);
                }

                i++;
            }

            if (length == 0)
            {
                continue;
            }

            var token = new string(word[..length]).Replace("n't", string.Empty, StringComparison.Ordinal);
            var negated = sinceNegation <= NegationWindow;
            if (Negations.Contains(token) || word[..length].EndsWith("n't"))
            {
                sinceNegation = 0;
                continue;
            }

            if (_positive.Contains(token))
            {
                _ = negated ? negative++ : positive++;
            }
            else if (_negative.Contains(token))
            {
                _ = negated ? positive++ : negative++;
            }

            if (sinceNegation != int.MaxValue)
            {
                sinceNegation++;
            }
        }

        var total = positive + negative;
        return total == 0 ? 0 : (double)(positive - negative) / total;
    }
}
