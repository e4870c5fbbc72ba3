namespace Tessera.Sentiment.Onnx.Tests.Support;

/// <summary>A temporary folder holding one test's generated model and vocabulary; deleted when the test ends.</summary>
internal sealed class ModelDirectory : IDisposable
{
    public ModelDirectory()
    {
        Root = Directory.CreateTempSubdirectory("tessera-onnx-").FullName;
        ModelPath = Path.Combine(Root, "model.onnx");
        VocabPath = Path.Combine(Root, "vocab.txt");
    }

    public string Root { get; }

    public string ModelPath { get; }

    public string VocabPath { get; }

    /// <summary>Writes the tiny model (in the given shape) and the full vocabulary; returns options pointing at them.</summary>
    public OnnxFinBertOptions Write(TinyFinBert.Shape? shape = null)
    {
        TinyFinBert.WriteModel(ModelPath, shape);
        TinyFinBert.WriteVocabulary(VocabPath);
        return new OnnxFinBertOptions(ModelPath, VocabPath);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
