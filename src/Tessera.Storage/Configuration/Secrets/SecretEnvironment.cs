using Tessera.Core.Secrets;

namespace Tessera.Storage.Configuration.Secrets;

/// <summary>Where a setting's value came from (printed by config check for secrets; the value never is).</summary>
public enum SecretOrigin
{
    Environment,
    KeyVault,
    DotEnv,
}

/// <summary>The process's settings after the secret sources were layered in, and where each secret came from.</summary>
public sealed record ResolvedEnvironment(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, SecretOrigin> SecretOrigins,
    string? DotEnvPath,
    Uri? KeyVault)
{
    public string? Get(string name) => Values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>Where a secret came from, in words (a path or a vault host, never a value); null when absent.</summary>
    public string? Describe(string variable) => SecretOrigins.TryGetValue(variable, out var origin)
        ? origin switch
        {
            SecretOrigin.Environment => "environment",
            SecretOrigin.KeyVault => "Key Vault " + KeyVault!.Host,
            SecretOrigin.DotEnv => DotEnvPath,
            _ => throw new ArgumentOutOfRangeException(nameof(variable)),
        }
        : null;
}

/// <summary>
/// Layers Tessera's configuration sources, first one wins: the process environment; then, when TESSERA_KEYVAULT_URI
/// is set (in the environment or the .env), the named secrets of <see cref="TesseraSecrets.All"/> from Key Vault with
/// the process's Azure identity; then the .env file (TESSERA_DOTENV, else ./.env, else .env at the repository root).
/// Hosts call this once at start-up and apply the result to their environment (local/ and stream/ Program.cs).
/// </summary>
public static class SecretEnvironment
{
    public static async Task<ResolvedEnvironment> ResolveAsync(
        IReadOnlyDictionary<string, string?> process,
        string workingDirectory,
        Func<string, KeyVaultSecretSource>? openVault,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var origins = new Dictionary<string, SecretOrigin>(StringComparer.Ordinal);
        foreach (var (k, v) in process)
        {
            if (!string.IsNullOrEmpty(v))
            {
                values[k] = v;
                origins[k] = SecretOrigin.Environment;
            }
        }

        var dotEnvPath = FindDotEnv(process, workingDirectory);
        var dotEnv = dotEnvPath is null ? new Dictionary<string, string>() : DotEnvFile.Load(dotEnvPath);

        Uri? vault = null;
        var vaultUri = values.GetValueOrDefault(TesseraSecrets.KeyVaultUriVariable) ?? dotEnv.GetValueOrDefault(TesseraSecrets.KeyVaultUriVariable);
        if (!string.IsNullOrWhiteSpace(vaultUri))
        {
            var source = (openVault ?? (uri => KeyVaultSecretSource.ForVault(uri)))(vaultUri);
            vault = source.VaultUri;
            var missing = TesseraSecrets.All.Select(s => s.Variable).Where(name => !values.ContainsKey(name)).ToArray();
            foreach (var (name, value) in await source.ReadAsync(missing, cancellationToken).ConfigureAwait(false))
            {
                values[name] = value;
                origins[name] = SecretOrigin.KeyVault;
            }
        }

        foreach (var (name, value) in dotEnv)
        {
            if (value.Length > 0 && values.TryAdd(name, value))
            {
                origins[name] = SecretOrigin.DotEnv;
            }
        }

        return new ResolvedEnvironment(values, origins, dotEnvPath, vault);
    }

    /// <summary>The .env to read: TESSERA_DOTENV (must exist), else .env in the working directory, else at the repository root above it.</summary>
    public static string? FindDotEnv(IReadOnlyDictionary<string, string?> process, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.GetValueOrDefault(TesseraSecrets.DotEnvVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new Tessera.Core.Errors.TesseraValidationException(TesseraSecrets.DotEnvVariable, explicitPath, "must name an existing .env file");
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".env");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            // The repository root is as far up as a .env is looked for.
            if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Sets every variable the sources added and the process lacks, so code reading the environment sees them.</summary>
    public static void ApplyToProcess(ResolvedEnvironment resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        foreach (var (name, value) in resolved.Values)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>The current process's environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            env[(string)e.Key] = e.Value as string;
        }

        return env;
    }
}
