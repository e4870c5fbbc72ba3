namespace Tessera.Sentiment.Onnx;

/// <summary>
/// Where the user's FinBERT export and its vocabulary live, and how the export is wired. Defaults are those of
/// ProsusAI/finbert exported with Hugging Face Optimum / torch.onnx: inputs <c>input_ids</c>, <c>attention_mask</c> and
/// (optionally) <c>token_type_ids</c>, int64 [batch, seq]; output <c>logits</c>, float [batch, 3], columns in the order
/// positive, negative, neutral; an uncased vocabulary; at most 512 tokens.
/// </summary>
public sealed class OnnxFinBertOptions
{
    /// <summary>BERT's position-embedding table has 512 rows: longer sequences cannot be fed to FinBERT.</summary>
    public const int DefaultMaxSequenceLength = 512;

    public OnnxFinBertOptions(string modelPath, string vocabPath)
    {
        ModelPath = modelPath;
        VocabPath = vocabPath;
    }

    public string ModelPath { get; }

    public string VocabPath { get; }

    /// <summary>Tokens per text including [CLS] and [SEP]; longer texts are truncated to this (see docs/SENTIMENT.md).</summary>
    public int MaxSequenceLength { get; init; } = DefaultMaxSequenceLength;

    public string InputIdsName { get; init; } = "input_ids";

    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>Fed (all zeros: one segment) only when the model declares an input of this name.</summary>
    public string TokenTypeIdsName { get; init; } = "token_type_ids";

    public string LogitsName { get; init; } = "logits";

    /// <summary>Which label each logit column holds, column 0 first; a permutation of the three labels.</summary>
    public IReadOnlyList<FinBertLabel> LabelOrder { get; init; } = [FinBertLabel.Positive, FinBertLabel.Negative, FinBertLabel.Neutral];

    /// <summary>True for uncased vocabularies (FinBERT's); false for cased ones.</summary>
    public bool LowerCaseBeforeTokenization { get; init; } = true;

    internal void Validate()
    {
        RequireText(nameof(ModelPath), ModelPath);
        RequireText(nameof(VocabPath), VocabPath);
        RequireText(nameof(InputIdsName), InputIdsName);
        RequireText(nameof(AttentionMaskName), AttentionMaskName);
        RequireText(nameof(TokenTypeIdsName), TokenTypeIdsName);
        RequireText(nameof(LogitsName), LogitsName);

        // [CLS] and [SEP] take two positions; a sequence with no room for a word token scores nothing.
        if (MaxSequenceLength < 3)
        {
            throw new SentimentModelException(nameof(MaxSequenceLength), MaxSequenceLength.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 3 ([CLS], one token, [SEP])");
        }

        if (string.Equals(InputIdsName, AttentionMaskName, StringComparison.Ordinal)
            || string.Equals(InputIdsName, TokenTypeIdsName, StringComparison.Ordinal)
            || string.Equals(AttentionMaskName, TokenTypeIdsName, StringComparison.Ordinal))
        {
            throw new SentimentModelException("InputNames", InputIdsName + "," + AttentionMaskName + "," + TokenTypeIdsName, "the three input names must differ");
        }

        ValidateLabelOrder(LabelOrder);
    }

    private static void ValidateLabelOrder(IReadOnlyList<FinBertLabel>? order)
    {
        if (order is null || order.Count != 3)
        {
            throw new SentimentModelException(nameof(LabelOrder), order is null ? null : string.Join(',', order), "must list exactly three labels");
        }

        var seen = 0;
        for (var i = 0; i < order.Count; i++)
        {
            var label = order[i];
            if (!Enum.IsDefined(label))
            {
                throw new SentimentModelException(nameof(LabelOrder), string.Join(',', order), "must contain only Positive, Negative and Neutral");
            }

            seen |= 1 << (int)label;
        }

        if (seen != 0b111)
        {
            throw new SentimentModelException(nameof(LabelOrder), string.Join(',', order), "must name each of Positive, Negative and Neutral exactly once");
        }
    }

    private static void RequireText(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SentimentModelException(field, value, "must not be empty");
        }
    }
}
