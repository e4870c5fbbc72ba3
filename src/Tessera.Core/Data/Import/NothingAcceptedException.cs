using System.Globalization;

namespace Tessera.Core.Data.Import;

/// <summary>
/// A lenient import that accepted no row at all: every row broke a rule, so there is nothing to publish. This is a
/// failure (rule <see cref="ImportRules.NothingAccepted"/>), not an "import ok" that changes nothing: hosts show the
/// rejection summary and exit with their own code for it (the CLI: ExitCodes.NothingImported).
/// </summary>
public sealed class NothingAcceptedException : DataImportException
{
    public NothingAcceptedException(string source, long rowsRead, long rowsRejected)
        : base(source, 0, "file", rowsRejected.ToString(CultureInfo.InvariantCulture) + " of " + rowsRead.ToString(CultureInfo.InvariantCulture) + " rows rejected",
            ImportRules.NothingAccepted + ": an import must accept at least one row (see the rejection summary by rule)")
    {
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
    }

    public NothingAcceptedException()
        : this("unknown", 0, 0)
    {
    }

    public NothingAcceptedException(string message)
        : this(message, 0, 0)
    {
    }

    public NothingAcceptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long RowsRead { get; }

    public long RowsRejected { get; }

    /// <summary>Throws when the reports of one import (a file, or every file of a folder) accepted no row.</summary>
    public static void ThrowIfNothingAccepted(IReadOnlyList<ImportReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        long read = 0, accepted = 0, rejected = 0;
        foreach (var r in reports)
        {
            read += r.DataRows;
            accepted += r.RowsAccepted;
            rejected += r.RowsRejected;
        }

        if (accepted == 0)
        {
            throw new NothingAcceptedException(reports.Count == 1 ? reports[0].Source : reports.Count.ToString(CultureInfo.InvariantCulture) + " files", read, rejected);
        }
    }
}
