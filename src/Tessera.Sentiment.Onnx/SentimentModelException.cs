using Tessera.Core.Errors;

namespace Tessera.Sentiment.Onnx;

/// <summary>
/// A user-supplied sentiment model or vocabulary that cannot be used: a missing file, a file that is not an ONNX model,
/// a model whose declared inputs/outputs differ from what the scorer feeds and reads, a vocabulary without the BERT
/// special tokens. A <see cref="TesseraValidationException"/> so hosts map it to "bad input" like any other.
/// </summary>
public sealed class SentimentModelException : TesseraValidationException
{
    public SentimentModelException(string field, string? value, string rule)
        : base(field, value, rule)
    {
    }

    public SentimentModelException()
        : base()
    {
    }

    public SentimentModelException(string message)
        : base(message)
    {
    }

    public SentimentModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
