using System.Globalization;
using System.Reflection;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;

namespace Tessera.Core.Backtest;

/// <summary>
/// Builds a registered strategy with parameter overrides given as <c>key=value,key=value</c> (backtest CLI
/// <c>--params</c>, validation grids). Keys are the property names of the strategy's parameter record(s)
/// (case-insensitive, e.g. <c>MaxHoldBars=3</c>); a key applies to every parameter record of the strategy that has it
/// (RSI-2 AND IBS shares TrendPeriod, MaxHoldBars, AllowShort). Values are parsed with the invariant culture.
/// Unknown keys and unparsable values raise <see cref="TesseraValidationException"/>; range checks are the strategy's own.
/// </summary>
public static class StrategyFactory
{
    public static IStrategy Create(string name, string? parameters, StrategyRegistry? registry = null)
    {
        registry ??= StrategyRegistry.Default;
        var prototype = registry.Create(name);
        var overrides = Parse(parameters);
        if (overrides.Count == 0)
        {
            return prototype;
        }

        var ctor = prototype.GetType().GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => IsParameterRecord(p.ParameterType)))
            ?? throw new TesseraValidationException("--params", parameters, $"strategy '{name}' takes no parameters");
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var args = new List<object?>();
        foreach (var p in ctor.GetParameters())
        {
            args.Add(Build(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, overrides, used));
        }

        var unknown = overrides.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new TesseraValidationException("--params", unknown[0], $"unknown parameter for '{name}'; known: {string.Join(", ", KnownKeys(ctor))}");
        }

        // DoNotWrapExceptions: the strategy's own range checks surface as TesseraValidationException, not TargetInvocationException.
        return (IStrategy)ctor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, [.. args], culture: null);
    }

    /// <summary>Parses <c>k=v,k2=v2</c> (whitespace trimmed; empty = no overrides).</summary>
    public static Dictionary<string, string> Parse(string? parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(parameters))
        {
            return result;
        }

        foreach (var part in parameters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new TesseraValidationException("--params", part, "each parameter must be key=value");
            }

            if (!result.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim()))
            {
                throw new TesseraValidationException("--params", part, "parameter given twice");
            }
        }

        return result;
    }

    private static bool IsParameterRecord(Type t)
    {
        var type = Nullable.GetUnderlyingType(t) ?? t;
        return type.IsClass && type.Name.EndsWith("Parameters", StringComparison.Ordinal) && type.GetConstructors().Any(c => c.GetParameters().All(p => p.HasDefaultValue));
    }

    private static IEnumerable<string> KnownKeys(ConstructorInfo ctor) =>
        ctor.GetParameters().SelectMany(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).GetConstructors()[0].GetParameters().Select(x => x.Name!)).Distinct(StringComparer.Ordinal);

    private static object Build(Type record, Dictionary<string, string> overrides, HashSet<string> used)
    {
        var ctor = record.GetConstructors().First(c => c.GetParameters().All(p => p.HasDefaultValue));
        var values = new List<object?>();
        foreach (var p in ctor.GetParameters())
        {
            if (overrides.TryGetValue(p.Name!, out var text))
            {
                used.Add(p.Name!);
                values.Add(Convert(text, p.ParameterType, p.Name!));
            }
            else
            {
                values.Add(p.DefaultValue);
            }
        }

        return ctor.Invoke([.. values]);
    }

    private static object Convert(string text, Type type, string name)
    {
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d;
        }

        if (type == typeof(bool) && bool.TryParse(text, out var b))
        {
            return b;
        }

        // Enums by member name only (e.g. Exit=AtrStopAndTime): a number would name a member by accident.
        if (type.IsEnum && !text.AsSpan().ContainsAny("0123456789-+") && Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e))
        {
            return e;
        }

        throw new TesseraValidationException(name, text, type.IsEnum
            ? "must be one of " + string.Join(", ", Enum.GetNames(type))
            : "must be a valid " + type.Name.ToLowerInvariant());
    }
}
