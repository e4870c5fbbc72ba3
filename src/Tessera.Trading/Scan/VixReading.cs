using Tessera.Core.Data;
using Tessera.Storage.Lakehouse;

namespace Tessera.Trading.Scan;

/// <summary>The VIX close the sizing reads, and the day it is from (the pipeline notices when it is stale).</summary>
public sealed record VixReading(double Close, DateOnly AsOf);

/// <summary>
/// Where the scan's VIX comes from: the imported VIX series in the lakehouse (`tessera data import
/// ../shared/data/vix-daily-1990-2026.csv --symbol VIX --volume-optional`, or any feed written there), its last close
/// at or before the decision's day. No series, no reading: the Kelly sizer then sizes with a visible "no VIX" notice.
/// </summary>
public static class LakehouseVix
{
    public const string Symbol = "VIX";

    public static async Task<VixReading?> ReadAsync(Lakehouse lakehouse, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lakehouse);
        LakehouseSnapshot snapshot;
        try
        {
            snapshot = await lakehouse.OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Storage.Errors.StorageNotFoundException)
        {
            return null; // no lakehouse yet
        }

        if (!snapshot.Symbols.Contains(Symbol, StringComparer.Ordinal))
        {
            return null;
        }

        var series = await snapshot.LoadAsync(Symbol, cancellationToken).ConfigureAwait(false);
        return Last(series, asOf);
    }

    /// <summary>The last bar on or before <paramref name="asOf"/> (bars are stamped at their UTC date).</summary>
    public static VixReading? Last(BarSeries series, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(series);
        for (var i = series.Count - 1; i >= 0; i--)
        {
            var day = DateOnly.FromDateTime(BarSeries.ToUtc(series.Timestamps[i]));
            if (day <= asOf && double.IsFinite(series.Close[i]) && series.Close[i] > 0)
            {
                return new VixReading(series.Close[i], day);
            }
        }

        return null;
    }
}
