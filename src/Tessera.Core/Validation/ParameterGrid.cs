using Tessera.Core.Errors;

namespace Tessera.Core.Validation;

/// <summary>
/// Expands a grid <c>key=v1|v2|v3;key2=a|b</c> into every combination as <c>key=v1,key2=a</c> strings (first key
/// varies slowest). An empty grid gives one empty parameter string (the defaults).
/// </summary>
public static class ParameterGrid
{
    public const int MaxCombinations = 10_000;

    public static List<string> Expand(string? grid)
    {
        var result = new List<string> { string.Empty };
        if (string.IsNullOrWhiteSpace(grid))
        {
            return result;
        }

        foreach (var axis in grid.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = axis.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new TesseraValidationException("--grid", axis, "each axis must be key=v1|v2|...");
            }

            var key = axis[..eq].Trim();
            var values = axis[(eq + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0)
            {
                throw new TesseraValidationException("--grid", axis, "an axis needs at least one value");
            }

            var next = new List<string>(result.Count * values.Length);
            foreach (var prefix in result)
            {
                foreach (var v in values)
                {
                    next.Add(prefix.Length == 0 ? key + "=" + v : prefix + "," + key + "=" + v);
                }
            }

            if (next.Count > MaxCombinations)
            {
                throw new TesseraValidationException("--grid", next.Count.ToString(), "at most " + MaxCombinations + " combinations");
            }

            result = next;
        }

        return result;
    }
}
