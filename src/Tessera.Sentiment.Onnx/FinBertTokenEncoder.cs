using Microsoft.ML.Tokenizers;

namespace Tessera.Sentiment.Onnx;

/// <summary>
/// Turns a text into BERT input ids, <c>[CLS] wordpieces [SEP]</c>, truncated to the maximum sequence length, with the
/// WordPiece tokenizer of Microsoft.ML.Tokenizers over the user's vocab.txt (one token per line, the line number is the
/// id). The vocabulary must hold the special tokens BERT's input format uses; it is checked here so a wrong file fails
/// at load with the token named, not deep inside the tokenizer.
/// </summary>
internal sealed class FinBertTokenEncoder
{
    // [CLS] opens and [SEP] closes every sequence, [UNK] stands for words the vocabulary cannot spell, [PAD] fills the
    // tail of shorter rows in a batch, and the tokenizer itself refuses a vocabulary without [MASK].
    private static readonly string[] RequiredSpecialTokens = ["[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]"];

    private readonly BertTokenizer _tokenizer;

    private FinBertTokenEncoder(BertTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    public int ClassificationId => _tokenizer.ClassificationTokenId;

    public int SeparatorId => _tokenizer.SeparatorTokenId;

    public int PaddingId => _tokenizer.PaddingTokenId;

    public static FinBertTokenEncoder Load(string vocabPath, bool lowerCase)
    {
        if (!File.Exists(vocabPath))
        {
            throw new SentimentModelException(nameof(OnnxFinBertOptions.VocabPath), vocabPath, "the vocabulary file must exist");
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(vocabPath))
        {
            present.Add(line.Trim());
        }

        foreach (var token in RequiredSpecialTokens)
        {
            if (!present.Contains(token))
            {
                throw new SentimentModelException(nameof(OnnxFinBertOptions.VocabPath), vocabPath, $"the vocabulary must contain the special token {token}");
            }
        }

        var options = new BertOptions { LowerCaseBeforeTokenization = lowerCase };
        return new FinBertTokenEncoder(BertTokenizer.Create(vocabPath, options));
    }

    /// <summary>
    /// Writes <c>[CLS] pieces [SEP]</c> into <paramref name="ids"/> (length = the maximum sequence length) and returns
    /// how many positions were written. Word pieces beyond <c>ids.Length − 2</c> are dropped: the tokenizer stops at the
    /// last whole word that fits, so a long text is scored on its beginning.
    /// </summary>
    public int Encode(string text, Span<long> ids)
    {
        var room = ids.Length - 2;
        var pieces = _tokenizer.EncodeToIds(text, room, addSpecialTokens: false, out _, out _);
        ids[0] = ClassificationId;
        var count = Math.Min(pieces.Count, room);
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[count + 1] = SeparatorId;
        return count + 2;
    }
}
