namespace Tessera.Sentiment.Onnx.Tests.Support;

/// <summary>
/// A tiny stand-in for FinBERT whose logits can be computed by hand: each token id picks a row of a 3-column
/// embedding table, the rows of the unmasked tokens are averaged, and a bias is added:
/// <c>logits = mean over positions with mask 1 of W[input_id] + b</c>. "profit"/"growth" push the positive column,
/// "loss"/"lawsuit" the negative one, ordinary words the neutral one. [PAD]'s row is large and negative on purpose:
/// if the scorer failed to mask padding, a padded row would score visibly differently from the same text alone.
/// </summary>
internal static class TinyFinBert
{
    /// <summary>vocab.txt in BERT's format: line number = token id.</summary>
    public static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "company", "reported", "profit", "growth", "loss", "lawsuit", "##s",
    ];

    /// <summary>Rows of W in vocabulary order; columns (positive, negative, neutral) in FinBERT's order.</summary>
    public static readonly float[][] Embedding =
    [
        [0f, 9f, 0f],   // [PAD]: never averaged in when the attention mask is honoured
        [0f, 0f, 0.5f], // [UNK]
        [0f, 0f, 0f],   // [CLS]
        [0f, 0f, 0f],   // [SEP]
        [0f, 0f, 0f],   // [MASK]
        [0f, 0f, 1f],   // the
        [0f, 0f, 1f],   // company
        [0f, 0f, 1f],   // reported
        [3f, 0f, 0f],   // profit
        [2f, 0f, 0f],   // growth
        [0f, 3f, 0f],   // loss
        [0f, 2f, 0f],   // lawsuit
        [0f, 0f, 0f],   // ##s: a WordPiece continuation ("profits" = profit ##s)
    ];

    public static readonly float[] Bias = [0f, 0f, 0.5f];

    /// <summary>Which parts of the FinBERT signature the generated model declares; defaults give a valid model.</summary>
    internal sealed record Shape
    {
        public bool AttentionMask { get; init; } = true;

        public int AttentionMaskType { get; init; } = OnnxGraph.Int64;

        public bool TokenTypeIds { get; init; }

        public string? ExtraInput { get; init; }

        public int LabelColumns { get; init; } = 3;

        /// <summary>Column permutation: logits column j holds FinBERT column ColumnOrder[j].</summary>
        public int[] ColumnOrder { get; init; } = [0, 1, 2];

        public object BatchDim { get; init; } = "batch";

        public object SequenceDim { get; init; } = "seq";
    }

    public static void WriteVocabulary(string path, params string[] omit)
    {
        var lines = new List<string>();
        foreach (var token in Vocabulary)
        {
            // An omitted token's line becomes an unused placeholder so every other id keeps its row in the embedding table.
            lines.Add(Array.IndexOf(omit, token) >= 0 ? "[unused" + lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" : token);
        }

        File.WriteAllLines(path, lines);
    }

    public static void WriteModel(string path, Shape? shape = null)
    {
        shape ??= new Shape();
        var columns = shape.LabelColumns;
        var table = new float[Embedding.Length * columns];
        var bias = new float[columns];
        for (var j = 0; j < columns; j++)
        {
            var source = shape.ColumnOrder[j];
            bias[j] = Bias[source];
            for (var v = 0; v < Embedding.Length; v++)
            {
                table[(v * columns) + j] = Embedding[v][source];
            }
        }

        var graph = new OnnxGraph()
            .Input("input_ids", OnnxGraph.Int64, shape.BatchDim, shape.SequenceDim)
            .FloatInitializer("W", [Embedding.Length, columns], table)
            .FloatInitializer("b", [columns], bias)
            .Int64Initializer("axis1", [1], [1])
            .Int64Initializer("axis2", [1], [2])
            .Node("Gather", ["W", "input_ids"], "rows");

        if (shape.AttentionMask)
        {
            graph.Input("attention_mask", shape.AttentionMaskType, shape.BatchDim, shape.SequenceDim)
                .Node("Cast", ["attention_mask"], "maskf", ("to", OnnxGraph.Float))
                .Node("Unsqueeze", ["maskf", "axis2"], "mask3")
                .Node("Mul", ["rows", "mask3"], "masked")
                .Node("ReduceSum", ["masked", "axis1"], "sum", ("keepdims", 0))
                .Node("ReduceSum", ["maskf", "axis1"], "count", ("keepdims", 1))
                .Node("Div", ["sum", "count"], "mean");
        }
        else
        {
            graph.Node("ReduceSum", ["rows", "axis1"], "mean", ("keepdims", 0));
        }

        var logitsSource = "mean";
        if (shape.TokenTypeIds)
        {
            // Segment ids add 5 to the neutral column per position of segment 1: fed zeros (one segment), they add nothing.
            graph.Input("token_type_ids", OnnxGraph.Int64, shape.BatchDim, shape.SequenceDim)
                .FloatInitializer("segmentWeight", [columns], SegmentWeight(columns, shape.ColumnOrder))
                .Node("Cast", ["token_type_ids"], "typesf", ("to", OnnxGraph.Float))
                .Node("ReduceSum", ["typesf", "axis1"], "segments", ("keepdims", 1))
                .Node("Mul", ["segments", "segmentWeight"], "segmentShift")
                .Node("Add", ["mean", "segmentShift"], "meanWithSegments");
            logitsSource = "meanWithSegments";
        }

        if (shape.ExtraInput is not null)
        {
            graph.Input(shape.ExtraInput, OnnxGraph.Int64, shape.BatchDim, shape.SequenceDim);
        }

        graph.Node("Add", [logitsSource, "b"], "logits")
            .Output("logits", OnnxGraph.Float, shape.BatchDim, (long)columns);
        File.WriteAllBytes(path, graph.ToModelBytes());
    }

    private static float[] SegmentWeight(int columns, int[] order)
    {
        var weight = new float[columns];
        for (var j = 0; j < columns; j++)
        {
            weight[j] = order[j] == 2 ? 5f : 0f;
        }

        return weight;
    }
}
