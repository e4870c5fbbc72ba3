using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Tessera.Sentiment.Onnx;

/// <summary>
/// What the scorer learned from the model's declared inputs and outputs at load: whether to feed token type ids, and
/// any fixed batch or sequence length the export baked in (0 = dynamic axis).
/// </summary>
internal sealed record FinBertModelContract(bool FeedsTokenTypeIds, int FixedBatch, int FixedSequence)
{
    public const int LabelCount = 3;

    /// <summary>
    /// Checks the session's declared signature against what the scorer feeds (int64 [batch, seq] ids, mask and
    /// optionally token types) and reads (float [batch, 3] logits), naming the input or output that is missing or
    /// mis-shaped. A model that declares an input the scorer cannot feed is refused too: running it would fail later.
    /// </summary>
    public static FinBertModelContract Read(
        IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, NodeMetadata> outputs, OnnxFinBertOptions options)
    {
        var batch = 0;
        var sequence = 0;
        CheckIdsInput(inputs, options.InputIdsName, required: true, ref batch, ref sequence);
        CheckIdsInput(inputs, options.AttentionMaskName, required: true, ref batch, ref sequence);
        var feedsTokenTypes = CheckIdsInput(inputs, options.TokenTypeIdsName, required: false, ref batch, ref sequence);

        foreach (var name in inputs.Keys)
        {
            if (!string.Equals(name, options.InputIdsName, StringComparison.Ordinal)
                && !string.Equals(name, options.AttentionMaskName, StringComparison.Ordinal)
                && !string.Equals(name, options.TokenTypeIdsName, StringComparison.Ordinal))
            {
                throw new SentimentModelException("model.inputs." + name, Describe(inputs[name]), $"is an input the scorer cannot feed (it feeds {options.InputIdsName}, {options.AttentionMaskName} and optionally {options.TokenTypeIdsName}; set the input names in the options if the model names them differently)");
            }
        }

        CheckLogitsOutput(outputs, options.LogitsName, ref batch);

        if (sequence > 0 && options.MaxSequenceLength > sequence)
        {
            throw new SentimentModelException(nameof(OnnxFinBertOptions.MaxSequenceLength), options.MaxSequenceLength.ToString(CultureInfo.InvariantCulture), $"must be at most the model's fixed sequence length {sequence}");
        }

        return new FinBertModelContract(feedsTokenTypes, batch, sequence);
    }

    private static bool CheckIdsInput(IReadOnlyDictionary<string, NodeMetadata> inputs, string name, bool required, ref int batch, ref int sequence)
    {
        if (!inputs.TryGetValue(name, out var meta))
        {
            if (required)
            {
                throw new SentimentModelException("model.inputs", string.Join(',', inputs.Keys), $"must declare the input '{name}'");
            }

            return false;
        }

        var field = "model.inputs." + name;
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Int64)
        {
            throw new SentimentModelException(field, Describe(meta), "must be an int64 tensor");
        }

        if (meta.Dimensions.Length != 2)
        {
            throw new SentimentModelException(field, Describe(meta), "must have shape [batch, seq] (rank 2)");
        }

        batch = Agree(field, meta, "batch", batch, meta.Dimensions[0]);
        sequence = Agree(field, meta, "sequence", sequence, meta.Dimensions[1]);
        if (sequence is > 0 and < 3)
        {
            throw new SentimentModelException(field, Describe(meta), "a fixed sequence length must be at least 3 ([CLS], one token, [SEP])");
        }

        return true;
    }

    private static void CheckLogitsOutput(IReadOnlyDictionary<string, NodeMetadata> outputs, string name, ref int batch)
    {
        if (!outputs.TryGetValue(name, out var meta))
        {
            throw new SentimentModelException("model.outputs", string.Join(',', outputs.Keys), $"must declare the output '{name}'");
        }

        var field = "model.outputs." + name;
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            throw new SentimentModelException(field, Describe(meta), "must be a float tensor");
        }

        if (meta.Dimensions.Length != 2)
        {
            throw new SentimentModelException(field, Describe(meta), "must have shape [batch, 3] (rank 2)");
        }

        // A dynamic label axis is accepted here and checked on the first run's actual output shape.
        if (meta.Dimensions[1] > 0 && meta.Dimensions[1] != LabelCount)
        {
            throw new SentimentModelException(field, Describe(meta), "must have 3 label columns (positive, negative, neutral in some order)");
        }

        batch = Agree(field, meta, "batch", batch, meta.Dimensions[0]);
    }

    // Symbolic axes are reported as -1; fixed ones must agree across every input and output.
    private static int Agree(string field, NodeMetadata meta, string axis, int known, int declared)
    {
        if (declared <= 0)
        {
            return known;
        }

        if (known > 0 && known != declared)
        {
            throw new SentimentModelException(field, Describe(meta), $"its fixed {axis} size {declared} differs from another input's or output's {known}");
        }

        return declared;
    }

    internal static string Describe(NodeMetadata meta)
    {
        if (!meta.IsTensor)
        {
            return meta.OnnxValueType.ToString();
        }

        var dims = new string[meta.Dimensions.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            var symbolic = i < meta.SymbolicDimensions.Length ? meta.SymbolicDimensions[i] : null;
            dims[i] = meta.Dimensions[i] > 0 || string.IsNullOrEmpty(symbolic)
                ? meta.Dimensions[i].ToString(CultureInfo.InvariantCulture)
                : symbolic;
        }

        return meta.ElementDataType.ToString().ToLowerInvariant() + "[" + string.Join(", ", dims) + "]";
    }
}
