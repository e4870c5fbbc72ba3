namespace Tessera.Local;

internal static class Program
{
    public static int Main() => 0;
}
