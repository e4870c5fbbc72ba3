namespace Tessera.Sentiment.Onnx;

/// <summary>
/// The softmax of one text's three logits. <see cref="Score"/> is the scorer's sentiment: P(positive) − P(negative),
/// in [−1, 1], 0 for a text the model finds purely neutral or evenly split.
/// </summary>
public readonly record struct FinBertProbabilities(double Positive, double Negative, double Neutral)
{
    public double Score => Positive - Negative;

    /// <summary>
    /// Softmax over the three logits (computed in double after subtracting the largest, so large logits cannot
    /// overflow), each column mapped to its label by <paramref name="labelOrder"/>.
    /// </summary>
    internal static FinBertProbabilities FromLogits(ReadOnlySpan<float> logits, IReadOnlyList<FinBertLabel> labelOrder)
    {
        double max = Math.Max(logits[0], Math.Max(logits[1], logits[2]));
        Span<double> exp = stackalloc double[3];
        var sum = 0.0;
        for (var i = 0; i < 3; i++)
        {
            exp[i] = Math.Exp(logits[i] - max);
            sum += exp[i];
        }

        double positive = 0, negative = 0, neutral = 0;
        for (var i = 0; i < 3; i++)
        {
            var p = exp[i] / sum;
            switch (labelOrder[i])
            {
                case FinBertLabel.Positive:
                    positive = p;
                    break;
                case FinBertLabel.Negative:
                    negative = p;
                    break;
                default:
                    neutral = p;
                    break;
            }
        }

        return new FinBertProbabilities(positive, negative, neutral);
    }
}
