namespace Tessera.Local.Cli;

/// <summary>Process exit codes of the tessera CLI (documented in README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A run or job finished but its result is a failure (e.g. the orchestration failed).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: unknown profile, malformed file, invalid option value.</summary>
    public const int BadInput = 2;

    /// <summary>An external dependency is unavailable (storage not reachable, Azurite not installed).</summary>
    public const int Unavailable = 3;

    /// <summary>A lenient import (data import, or a --csv input) rejected every row: nothing to import; the rejection summary is printed.</summary>
    public const int NothingImported = 4;
}
