using Tessera.Sentiment.Onnx.Tests.Support;
using Xunit;

namespace Tessera.Sentiment.Onnx.Tests;

/// <summary>The vocabulary is checked at load for the special tokens BERT's input format needs.</summary>
public sealed class FinBertTokenEncoderTests : IDisposable
{
    private readonly ModelDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("[CLS]")]
    [InlineData("[SEP]")]
    [InlineData("[UNK]")]
    [InlineData("[PAD]")]
    [InlineData("[MASK]")]
    public void Vocabulary_without_a_special_token_is_refused_naming_it(string token)
    {
        var options = _files.Write();
        TinyFinBert.WriteVocabulary(options.VocabPath, token);

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal(nameof(OnnxFinBertOptions.VocabPath), error.Field);
        Assert.Equal(options.VocabPath, error.Value);
        Assert.Equal("the vocabulary must contain the special token " + token, error.Rule);
    }

    [Fact]
    public void Missing_vocabulary_file_is_refused()
    {
        var options = _files.Write();
        File.Delete(options.VocabPath);

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal(nameof(OnnxFinBertOptions.VocabPath), error.Field);
        Assert.Equal("the vocabulary file must exist", error.Rule);
    }

    [Fact]
    public void Cased_vocabulary_option_keeps_capitals_so_they_become_UNK()
    {
        var options = _files.Write();
        using var cased = OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath) { LowerCaseBeforeTokenization = false });
        using var uncased = OnnxFinBertScorer.Load(options);

        // "Profit" is not in the (lower-case) vocabulary when case is kept: [CLS] [UNK] [SEP] scores 0.
        Assert.Equal(0, cased.Score("Profit"), 1e-6);
        Assert.Equal(uncased.Score("profit"), uncased.Score("Profit"), 1e-6);
        Assert.True(uncased.Score("Profit") > 0);
    }
}
