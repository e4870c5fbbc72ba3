using Tessera.Sentiment.Onnx.Tests.Support;
using Xunit;

namespace Tessera.Sentiment.Onnx.Tests;

/// <summary>The model's declared signature is checked at load; each wrong model names what is missing or mis-shaped.</summary>
public sealed class FinBertModelContractTests : IDisposable
{
    private readonly ModelDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Model_without_attention_mask_is_refused_naming_it()
    {
        var options = _files.Write(new TinyFinBert.Shape { AttentionMask = false });

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal("model.inputs", error.Field);
        Assert.Equal("input_ids", error.Value);
        Assert.Contains("'attention_mask'", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Attention_mask_of_the_wrong_element_type_is_refused()
    {
        var options = _files.Write(new TinyFinBert.Shape { AttentionMaskType = OnnxGraph.Float });

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal("model.inputs.attention_mask", error.Field);
        Assert.Equal("float[batch, seq]", error.Value);
        Assert.Equal("must be an int64 tensor", error.Rule);
    }

    [Fact]
    public void Logits_with_two_columns_are_refused()
    {
        var options = _files.Write(new TinyFinBert.Shape { LabelColumns = 2 });

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal("model.outputs.logits", error.Field);
        Assert.Equal("float[batch, 2]", error.Value);
    }

    [Fact]
    public void Differently_named_output_is_refused_unless_configured()
    {
        var options = _files.Write();

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath) { LogitsName = "scores" }));

        Assert.Equal("model.outputs", error.Field);
        Assert.Equal("logits", error.Value);
        Assert.Contains("'scores'", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_the_scorer_cannot_feed_is_refused_naming_it()
    {
        var options = _files.Write(new TinyFinBert.Shape { ExtraInput = "position_ids" });

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal("model.inputs.position_ids", error.Field);
    }

    [Fact]
    public void Fixed_sequence_axis_too_short_for_CLS_token_SEP_is_refused()
    {
        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(_files.Write(new TinyFinBert.Shape { SequenceDim = 2L })));

        Assert.Equal("model.inputs.input_ids", error.Field);
        Assert.Equal("int64[batch, 2]", error.Value);
        Assert.Contains("at least 3", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_file_is_refused_as_not_an_onnx_model()
    {
        _files.Write();
        File.WriteAllText(_files.ModelPath, "this is not an ONNX model, just text");

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(new OnnxFinBertOptions(_files.ModelPath, _files.VocabPath)));

        Assert.Equal(nameof(OnnxFinBertOptions.ModelPath), error.Field);
        Assert.Equal(_files.ModelPath, error.Value);
        Assert.StartsWith("must be an ONNX model", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_file_is_refused()
    {
        var options = _files.Write();
        File.Delete(options.ModelPath);

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal(nameof(OnnxFinBertOptions.ModelPath), error.Field);
        Assert.Equal("the model file must exist", error.Rule);
    }
}
