namespace Tessera.Storage.Tests;

/// <summary>Unique container/table names so tests sharing one Azurite never see each other's data.</summary>
internal static class TestNames
{
    public static string Container(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    public static string Table(string prefix) => prefix + Guid.NewGuid().ToString("N")[..20];
}
