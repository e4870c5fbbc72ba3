namespace Tessera.Testing;

/// <summary>A fresh durable task hub per test: "t" + 12 hex digits (hub names are 3-45 letters or digits starting with a letter).</summary>
public static class TestTaskHub
{
    public static string New() => "t" + Guid.NewGuid().ToString("N")[..12];
}
