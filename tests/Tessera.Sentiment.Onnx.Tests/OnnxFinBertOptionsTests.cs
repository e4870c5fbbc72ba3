using Xunit;

namespace Tessera.Sentiment.Onnx.Tests;

/// <summary>Options are checked before any file is opened (the paths here do not exist).</summary>
public sealed class OnnxFinBertOptionsTests
{
    [Fact]
    public void Defaults_are_FinBERTs()
    {
        var options = new OnnxFinBertOptions("m.onnx", "vocab.txt");

        Assert.Equal(512, options.MaxSequenceLength);
        Assert.Equal("input_ids", options.InputIdsName);
        Assert.Equal("attention_mask", options.AttentionMaskName);
        Assert.Equal("token_type_ids", options.TokenTypeIdsName);
        Assert.Equal("logits", options.LogitsName);
        Assert.Equal([FinBertLabel.Positive, FinBertLabel.Negative, FinBertLabel.Neutral], options.LabelOrder);
        Assert.True(options.LowerCaseBeforeTokenization);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Maximum_sequence_must_leave_room_for_one_token(int length, bool accepted)
    {
        var options = new OnnxFinBertOptions("missing.onnx", "missing.txt") { MaxSequenceLength = length };

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        // At 3 the options pass and the load gets as far as the missing model file.
        Assert.Equal(accepted ? nameof(OnnxFinBertOptions.ModelPath) : nameof(OnnxFinBertOptions.MaxSequenceLength), error.Field);
    }

    [Fact]
    public void Label_order_must_be_a_permutation_of_the_three_labels()
    {
        var repeated = new OnnxFinBertOptions("m.onnx", "v.txt") { LabelOrder = [FinBertLabel.Positive, FinBertLabel.Positive, FinBertLabel.Neutral] };
        var short2 = new OnnxFinBertOptions("m.onnx", "v.txt") { LabelOrder = [FinBertLabel.Positive, FinBertLabel.Negative] };

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(repeated));
        Assert.Equal(nameof(OnnxFinBertOptions.LabelOrder), error.Field);
        Assert.Equal("Positive,Positive,Neutral", error.Value);
        Assert.Equal(nameof(OnnxFinBertOptions.LabelOrder), Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(short2)).Field);
    }

    [Fact]
    public void Input_names_must_differ_and_not_be_empty()
    {
        var same = new OnnxFinBertOptions("m.onnx", "v.txt") { AttentionMaskName = "input_ids" };
        var empty = new OnnxFinBertOptions("m.onnx", "v.txt") { LogitsName = " " };

        Assert.Equal("InputNames", Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(same)).Field);
        Assert.Equal(nameof(OnnxFinBertOptions.LogitsName), Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(empty)).Field);
        Assert.Throws<ArgumentNullException>(() => OnnxFinBertScorer.Load(null!));
    }
}
