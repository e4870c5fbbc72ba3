namespace Tessera.Core.Sentiment;

/// <summary>
/// Turns a text (a headline, a filing paragraph) into a sentiment score in [−1, 1]. Implementations: the financial
/// lexicon that ships with Tessera (<see cref="LexiconSentimentScorer"/>, the default) and an ONNX FinBERT model the user
/// supplies (its own project, since the runtime is large).
/// </summary>
public interface ISentimentScorer
{
    string Name { get; }

    double Score(string text);
}
