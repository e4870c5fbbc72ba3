namespace Tessera.Sentiment.Onnx.Tests.Support;

/// <summary>
/// Builds an ONNX ModelProto (opset 13) field by field, with the field numbers of onnx/onnx.proto: ModelProto
/// (ir_version 1, graph 7, opset_import 8), GraphProto (node 1, name 2, initializer 5, input 11, output 12), NodeProto
/// (input 1, output 2, op_type 4, attribute 5), AttributeProto (name 1, i 3, type 20), TensorProto (dims 1, data_type 2,
/// float_data 4, int64_data 7, name 8), ValueInfoProto (name 1, type 2), TypeProto.tensor_type 1 (elem_type 1,
/// shape 2), TensorShapeProto.dim 1 (dim_value 1, dim_param 2).
/// </summary>
internal sealed class OnnxGraph
{
    public const int Float = 1;
    public const int Int64 = 7;

    private const int AttributeTypeInt = 2;

    private readonly ProtoWriter _graph = new ProtoWriter().Text(2, "tiny_finbert");

    /// <summary>A graph input or output; a dimension is a long (fixed size) or a string (symbolic axis).</summary>
    public OnnxGraph Input(string name, int elementType, params object[] dims)
    {
        _graph.Message(11, ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraph Output(string name, int elementType, params object[] dims)
    {
        _graph.Message(12, ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraph FloatInitializer(string name, long[] dims, float[] values)
    {
        _graph.Message(5, new ProtoWriter().PackedInts(1, dims).Int(2, Float).PackedFloats(4, values).Text(8, name));
        return this;
    }

    public OnnxGraph Int64Initializer(string name, long[] dims, long[] values)
    {
        _graph.Message(5, new ProtoWriter().PackedInts(1, dims).Int(2, Int64).PackedInts(7, values).Text(8, name));
        return this;
    }

    public OnnxGraph Node(string opType, string[] inputs, string output, params (string Name, long Value)[] intAttributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.Text(1, input);
        }

        node.Text(2, output).Text(4, opType);
        foreach (var (name, value) in intAttributes)
        {
            node.Message(5, new ProtoWriter().Text(1, name).Int(3, value).Int(20, AttributeTypeInt));
        }

        _graph.Message(1, node);
        return this;
    }

    public byte[] ToModelBytes() =>
        new ProtoWriter()
            .Int(1, 8)
            .Text(2, "tessera-tests")
            .Message(7, _graph)
            .Message(8, new ProtoWriter().Text(1, string.Empty).Int(2, 13))
            .ToArray();

    private static ProtoWriter ValueInfo(string name, int elementType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            shape.Message(1, dim is string symbolic ? new ProtoWriter().Text(2, symbolic) : new ProtoWriter().Int(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var tensorType = new ProtoWriter().Int(1, elementType).Message(2, shape);
        return new ProtoWriter().Text(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
