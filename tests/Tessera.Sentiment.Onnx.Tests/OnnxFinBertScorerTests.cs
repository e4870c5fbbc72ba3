using Tessera.Core.Errors;
using Tessera.Sentiment.Onnx.Tests.Support;
using Xunit;

namespace Tessera.Sentiment.Onnx.Tests;

/// <summary>
/// Real loading and inference through ONNX Runtime on the generated tiny model (Support/TinyFinBert). Expected values
/// are derived by hand from its table: logits = mean of the embedding rows of [CLS] tokens [SEP] + bias (0, 0, 0.5),
/// then softmax; the literals were computed independently (Python's math.exp) from those hand logits.
/// </summary>
public sealed class OnnxFinBertScorerTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private readonly ModelDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Positive_token_scores_the_hand_computed_softmax_difference()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());

        // [CLS] the company reported profit [SEP]: rows sum to (3, 0, 3) over 6 tokens -> (0.5, 0, 0.5) + bias = (0.5, 0, 1.0).
        var probabilities = scorer.Classify("The company reported profit");

        Assert.Equal(0.3071958857184984, probabilities.Positive, Tolerance);
        Assert.Equal(0.1863237232258476, probabilities.Negative, Tolerance);
        Assert.Equal(0.506480391055654, probabilities.Neutral, Tolerance);
        Assert.Equal(HandSoftmaxDifference(0.5, 0, 1.0), scorer.Score("The company reported profit"), Tolerance);
        Assert.Equal(0.12087216249265079, scorer.Score("The company reported profit"), Tolerance);
        Assert.True(scorer.Score("The company reported profit") > 0);
    }

    [Fact]
    public void Negative_tokens_score_the_hand_computed_softmax_difference()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());

        // [CLS] loss lawsuit [SEP]: rows sum to (0, 5, 0) over 4 tokens -> (0, 1.25, 0) + bias = (0, 1.25, 0.5).
        var score = scorer.Score("loss lawsuit");

        Assert.Equal(-0.4056551397585635, score, Tolerance);
        Assert.Equal(HandSoftmaxDifference(0, 1.25, 0.5), score, Tolerance);
        Assert.True(score < 0);
    }

    [Fact]
    public void Unknown_words_go_through_UNK_and_an_empty_text_is_CLS_SEP_only()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());

        // [CLS] [UNK] [SEP] -> (0, 0, 0.5/3) + bias: positive and negative logits tie, so the score is exactly 0.
        var unknown = scorer.Classify("zebra");
        Assert.Equal(0, unknown.Score, Tolerance);
        Assert.Equal(1 / (2 + Math.Exp(0.5 + (0.5 / 3))), unknown.Positive, Tolerance);

        // [CLS] [SEP] -> (0, 0, 0) + bias = (0, 0, 0.5).
        Assert.Equal(1 / (2 + Math.Exp(0.5)), scorer.Classify(string.Empty).Positive, Tolerance);
    }

    [Fact]
    public void Batch_equals_single_even_with_padding_of_shorter_rows()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());
        string[] texts = ["The company reported profit", "loss", "growth growth and the lawsuit", string.Empty, "The company reported loss"];

        var batch = scorer.ScoreBatch(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            // "loss" is padded with four [PAD]s in the batch; [PAD]'s row pushes negative by 9, so a missed mask would show.
            Assert.Equal(scorer.Score(texts[i]), batch[i], Tolerance);
        }

        Assert.Equal(HandSoftmaxDifference(0, 1.0, 0.5), batch[1], Tolerance);
    }

    [Fact]
    public void Batch_larger_than_one_run_is_split_and_keeps_order()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());
        var texts = new string[OnnxFinBertScorer.DynamicBatchSize + 5];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = i % 2 == 0 ? "profit" : "loss lawsuit";
        }

        var scores = scorer.ScoreBatch(texts);

        Assert.Equal(texts.Length, scores.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? HandSoftmaxDifference(1.0, 0, 0.5) : HandSoftmaxDifference(0, 1.25, 0.5), scores[i], Tolerance);
        }

        Assert.Empty(scorer.ScoreBatch([]));
    }

    [Fact]
    public void Text_longer_than_the_maximum_sequence_is_truncated_to_its_beginning()
    {
        var options = _files.Write();
        using var truncating = OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath) { MaxSequenceLength = 5 });
        using var full = OnnxFinBertScorer.Load(options);
        const string text = "profit profit profit loss loss loss loss";

        // Five positions: [CLS] profit profit profit [SEP] -> (9, 0, 0) / 5 + bias = (1.8, 0, 0.5); the losses are cut off.
        Assert.Equal(0.5805280987949868, truncating.Score(text), Tolerance);
        Assert.Equal(HandSoftmaxDifference(1.8, 0, 0.5), truncating.Score(text), Tolerance);

        // Not truncated at 512: (9, 12, 0) / 9 + bias.
        Assert.Equal(HandSoftmaxDifference(1.0, 12.0 / 9, 0.5), full.Score(text), Tolerance);
        Assert.True(full.Score(text) < 0);
    }

    [Fact]
    public void Words_are_split_into_WordPiece_continuations()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());

        // [CLS] profit ##s [SEP]: (3, 0, 0) / 4 + bias = (0.75, 0, 0.5).
        Assert.Equal(HandSoftmaxDifference(0.75, 0, 0.5), scorer.Score("Profits"), Tolerance);
    }

    [Fact]
    public void Truncation_drops_a_word_whose_pieces_do_not_all_fit()
    {
        var options = _files.Write();
        using var scorer = OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath) { MaxSequenceLength = 4 });

        // Room for two pieces: "growth" fits, "profit ##s" would need two more, so the text is [CLS] growth [SEP]:
        // (2, 0, 0) / 3 + bias = (2/3, 0, 0.5) — not [CLS] growth profit [SEP], which would give (5/4, 0, 0.5).
        Assert.Equal(HandSoftmaxDifference(2.0 / 3, 0, 0.5), scorer.Score("growth profits"), Tolerance);
        Assert.Equal(0.20618802463519573, scorer.Score("growth profits"), Tolerance);
    }

    [Fact]
    public void Configured_label_order_maps_permuted_logit_columns()
    {
        // The model emits (neutral, positive, negative); the options say so.
        var options = _files.Write(new TinyFinBert.Shape { ColumnOrder = [2, 0, 1] });
        using var scorer = OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath)
        {
            LabelOrder = [FinBertLabel.Neutral, FinBertLabel.Positive, FinBertLabel.Negative],
        });

        Assert.Equal(0.12087216249265079, scorer.Score("The company reported profit"), Tolerance);
        Assert.Equal(-0.4056551397585635, scorer.Score("loss lawsuit"), Tolerance);
    }

    [Fact]
    public void Token_type_ids_are_fed_as_one_segment_when_the_model_declares_them()
    {
        // The model adds 5 to neutral per position of segment 1: zeros leave the hand-computed score unchanged.
        using var scorer = OnnxFinBertScorer.Load(_files.Write(new TinyFinBert.Shape { TokenTypeIds = true }));

        Assert.Equal(0.12087216249265079, scorer.Score("The company reported profit"), Tolerance);
        Assert.Equal(scorer.Score("loss"), scorer.ScoreBatch(["loss", "The company reported profit"])[0], Tolerance);
    }

    [Fact]
    public void Fixed_batch_and_sequence_axes_are_honoured_with_filler_rows_and_full_padding()
    {
        var options = _files.Write(new TinyFinBert.Shape { BatchDim = 2L, SequenceDim = 8L });
        using var scorer = OnnxFinBertScorer.Load(new OnnxFinBertOptions(options.ModelPath, options.VocabPath) { MaxSequenceLength = 8 });

        var scores = scorer.ScoreBatch(["The company reported profit", "loss lawsuit", "profit"]);

        Assert.Equal([0.12087216249265079, -0.4056551397585635, HandSoftmaxDifference(1.0, 0, 0.5)], scores, new ToleranceComparer());
    }

    [Fact]
    public void Maximum_sequence_longer_than_a_fixed_model_axis_is_refused()
    {
        var options = _files.Write(new TinyFinBert.Shape { SequenceDim = 8L });

        var error = Assert.Throws<SentimentModelException>(() => OnnxFinBertScorer.Load(options));

        Assert.Equal(nameof(OnnxFinBertOptions.MaxSequenceLength), error.Field);
        Assert.Contains("fixed sequence length 8", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_calls_give_the_sequential_results()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());
        string[] texts = ["The company reported profit", "loss lawsuit", "Profits", "growth and the lawsuit"];
        var expected = scorer.ScoreBatch(texts);
        var actual = new double[64];

        Parallel.For(0, actual.Length, i => actual[i] = scorer.Score(texts[i % texts.Length]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], actual[i], Tolerance);
        }
    }

    [Fact]
    public void Null_text_is_refused()
    {
        using var scorer = OnnxFinBertScorer.Load(_files.Write());

        Assert.Throws<ArgumentNullException>(() => scorer.Score(null!));
        Assert.Throws<ArgumentNullException>(() => scorer.ScoreBatch(null!));
        var error = Assert.Throws<TesseraValidationException>(() => scorer.ScoreBatch(["profit", null!]));
        Assert.Equal("texts[1]", error.Field);
    }

    [Fact]
    public void Dispose_releases_the_session_and_later_calls_fail()
    {
        var scorer = OnnxFinBertScorer.Load(_files.Write());
        Assert.Equal("onnx-finbert", scorer.Name);

        scorer.Dispose();
        scorer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => scorer.Score("profit"));
    }

    // Independent of the scorer: softmax of hand-derived logits (positive, negative, neutral), P(positive) − P(negative).
    private static double HandSoftmaxDifference(double positive, double negative, double neutral)
    {
        var sum = Math.Exp(positive) + Math.Exp(negative) + Math.Exp(neutral);
        return (Math.Exp(positive) - Math.Exp(negative)) / sum;
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= Tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
