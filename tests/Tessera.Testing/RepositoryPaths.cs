namespace Tessera.Testing;

/// <summary>Paths in the checkout the tests run from (found by walking up to FunctionApp.sln).</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (FunctionApp.sln) not found above " + AppContext.BaseDirectory);
    }

    public static string Profiles => Path.Combine(Root(), "config", "profiles");
}
