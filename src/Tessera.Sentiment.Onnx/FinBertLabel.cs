namespace Tessera.Sentiment.Onnx;

/// <summary>The three classes a FinBERT-style head predicts; the model's logit columns come in some order of these.</summary>
public enum FinBertLabel
{
    Positive,
    Negative,
    Neutral,
}
