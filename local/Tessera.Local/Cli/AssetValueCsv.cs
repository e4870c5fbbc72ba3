using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// Two-column CSV files the portfolio commands read per asset: "asset,VALUE" header, then one row per asset
/// (sector maps: asset,sector; liquidity: asset,adv_dollars). Every asset of the returns file must appear; a missing
/// asset, a duplicate or (for numbers) a non-finite or negative value is a typed error naming the file and line.
/// </summary>
public static class AssetValueCsv
{
    public static IReadOnlyDictionary<string, string> ReadText(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new TesseraValidationException(option, path, "must name an existing CSV file with the header asset,value");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split(',');
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            {
                throw new TesseraValidationException(option, lines[i], "each row must be asset,value", $"{Path.GetFileName(path)} line {i + 1}");
            }

            if (!map.TryAdd(parts[0].Trim(), parts[1].Trim()))
            {
                throw new TesseraValidationException(option, parts[0], "each asset may appear once", $"{Path.GetFileName(path)} line {i + 1}");
            }
        }

        return map;
    }

    /// <summary>The value of every asset of <paramref name="assets"/>, in their order.</summary>
    public static string[] Text(string? path, string option, IReadOnlyList<string> assets)
    {
        var map = ReadText(path, option);
        var values = new string[assets.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = map.TryGetValue(assets[i], out var v) ? v : throw new TesseraValidationException(option, assets[i], "every asset of the returns file needs a row", Path.GetFileName(path));
        }

        return values;
    }

    public static double[] Numbers(string? path, string option, IReadOnlyList<string> assets)
    {
        var text = Text(path, option, assets);
        var values = new double[text.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            {
                throw new TesseraValidationException(option, text[i], "must be a finite number >= 0", assets[i]);
            }

            values[i] = v;
        }

        return values;
    }
}
