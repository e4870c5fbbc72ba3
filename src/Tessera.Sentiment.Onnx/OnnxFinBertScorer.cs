using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Tessera.Core.Errors;
using Tessera.Core.Sentiment;

namespace Tessera.Sentiment.Onnx;

/// <summary>
/// Sentiment from a FinBERT model the user exports to ONNX and supplies with its vocab.txt: each text becomes
/// <c>[CLS] wordpieces [SEP]</c> (truncated to <see cref="OnnxFinBertOptions.MaxSequenceLength"/> tokens), the model's
/// three logits are softmaxed, and the score is P(positive) − P(negative), in [−1, 1]. The model's declared inputs and
/// outputs are checked at load (<see cref="Load"/>), so a wrong file fails there with the input or output named.
/// Scoring is thread-safe (ONNX Runtime sessions are); dispose only once no call is in flight.
/// </summary>
public sealed class OnnxFinBertScorer : ISentimentScorer, IDisposable
{
    /// <summary>Texts per model run when the model's batch axis is dynamic: bounds the input tensors' memory.</summary>
    public const int DynamicBatchSize = 32;

    private readonly InferenceSession _session;
    private readonly FinBertTokenEncoder _encoder;
    private readonly FinBertModelContract _contract;
    private readonly IReadOnlyList<FinBertLabel> _labelOrder;
    private readonly int _maxSequenceLength;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private bool _disposed;

    private OnnxFinBertScorer(InferenceSession session, FinBertTokenEncoder encoder, FinBertModelContract contract, OnnxFinBertOptions options)
    {
        _session = session;
        _encoder = encoder;
        _contract = contract;
        _labelOrder = [.. options.LabelOrder];
        _maxSequenceLength = options.MaxSequenceLength;
        _inputNames = contract.FeedsTokenTypeIds
            ? [options.InputIdsName, options.AttentionMaskName, options.TokenTypeIdsName]
            : [options.InputIdsName, options.AttentionMaskName];
        _outputNames = [options.LogitsName];
    }

    public string Name => "onnx-finbert";

    /// <summary>
    /// Loads and checks the vocabulary and the model. Throws <see cref="SentimentModelException"/> when a file is
    /// missing, the model file is not an ONNX model, the vocabulary lacks a BERT special token, or the model's declared
    /// inputs/outputs differ from the options (the exception's Field names which one).
    /// </summary>
    public static OnnxFinBertScorer Load(OnnxFinBertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(options.ModelPath))
        {
            throw new SentimentModelException(nameof(OnnxFinBertOptions.ModelPath), options.ModelPath, "the model file must exist");
        }

        var encoder = FinBertTokenEncoder.Load(options.VocabPath, options.LowerCaseBeforeTokenization);
        InferenceSession session;
        try
        {
            session = new InferenceSession(options.ModelPath);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new SentimentModelException(nameof(OnnxFinBertOptions.ModelPath), options.ModelPath, "must be an ONNX model that ONNX Runtime can load (" + ex.Message + ")");
        }

        try
        {
            var contract = FinBertModelContract.Read(session.InputMetadata, session.OutputMetadata, options);
            return new OnnxFinBertScorer(session, encoder, contract, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classify(text).Score;
    }

    public FinBertProbabilities Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ClassifyBatch([text])[0];
    }

    /// <summary>One score per text, in order; identical to scoring each text alone (padding is masked out).</summary>
    public IReadOnlyList<double> ScoreBatch(IReadOnlyList<string> texts)
    {
        var probabilities = ClassifyBatch(texts);
        var scores = new double[probabilities.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = probabilities[i].Score;
        }

        return scores;
    }

    public IReadOnlyList<FinBertProbabilities> ClassifyBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new TesseraValidationException("texts[" + i.ToString(CultureInfo.InvariantCulture) + "]", null, "must not be null");
            }
        }

        var results = new FinBertProbabilities[texts.Count];
        var chunk = _contract.FixedBatch > 0 ? _contract.FixedBatch : DynamicBatchSize;
        for (var start = 0; start < texts.Count; start += chunk)
        {
            RunChunk(texts, start, Math.Min(chunk, texts.Count - start), results);
        }

        return results;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
    }

    private void RunChunk(IReadOnlyList<string> texts, int start, int count, FinBertProbabilities[] results)
    {
        // A model exported with a fixed batch size gets filler rows ([CLS][SEP]) whose results are dropped.
        var rows = _contract.FixedBatch > 0 ? _contract.FixedBatch : count;
        var scratch = new long[rows * _maxSequenceLength];
        var lengths = new int[rows];
        var longest = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = scratch.AsSpan(r * _maxSequenceLength, _maxSequenceLength);
            lengths[r] = _encoder.Encode(r < count ? texts[start + r] : string.Empty, row);
            longest = Math.Max(longest, lengths[r]);
        }

        // Dynamic sequence axis: pad to the longest row of this run only; fixed: pad to the model's length.
        var width = _contract.FixedSequence > 0 ? _contract.FixedSequence : longest;
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var source = scratch.AsSpan(r * _maxSequenceLength, lengths[r]);
            var target = ids.AsSpan(r * width, width);
            source.CopyTo(target);
            target[lengths[r]..].Fill(_encoder.PaddingId);
            mask.AsSpan(r * width, lengths[r]).Fill(1);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _contract.FeedsTokenTypeIds ? OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        var logits = outputs[0];
        var outputShape = logits.GetTensorTypeAndShape().Shape;
        if (outputShape.Length != 2 || outputShape[0] != rows || outputShape[1] != FinBertModelContract.LabelCount)
        {
            throw new SentimentModelException("model.outputs." + _outputNames[0], "[" + string.Join(", ", outputShape) + "]", $"must have shape [{rows}, 3] for a batch of {rows}");
        }

        var values = logits.GetTensorDataAsSpan<float>();
        for (var r = 0; r < count; r++)
        {
            results[start + r] = FinBertProbabilities.FromLogits(values.Slice(r * 3, 3), _labelOrder);
        }
    }
}
