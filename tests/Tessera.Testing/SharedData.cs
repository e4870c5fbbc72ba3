namespace Tessera.Testing;

/// <summary>
/// Locates the real market data in ../shared/data (present on developer machines and in CI, absent on a
/// user's machine). Tests that need it use <see cref="SharedDataFactAttribute"/> so they are skipped with a
/// visible reason when the data is missing instead of silently passing.
/// </summary>
public static class SharedData
{
    public static string? Directory { get; } = Locate();

    public static string? TryPath(string fileName)
    {
        if (Directory is null)
        {
            return null;
        }

        var path = Path.Combine(Directory, fileName);
        return File.Exists(path) ? path : null;
    }

    public static string Path_(string fileName) =>
        TryPath(fileName) ?? throw new FileNotFoundException("shared data file missing: " + fileName);

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TESSERA_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv) && System.IO.Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                // The repository root has FunctionApp.sln; shared/ sits beside the repository.
                if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                    return System.IO.Directory.Exists(candidate) ? candidate : null;
                }
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only when every named file exists in ../shared/data; otherwise it is reported as skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : Xunit.FactAttribute
{
    public SharedDataFactAttribute(params string[] files)
    {
        Files = files;
        foreach (var f in files)
        {
            if (SharedData.TryPath(f) is null)
            {
                Skip = $"SKIPPED: needs ../shared/data/{f} (real market data, not shipped with Tessera)";
                break;
            }
        }
    }

    public IReadOnlyList<string> Files { get; }
}
