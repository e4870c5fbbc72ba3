using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Http;

/// <summary>Query string values, each parsed once and refused with a 422 that names the parameter.</summary>
internal sealed class QueryParams(HttpContext ctx)
{
    public ExchangeError? Error { get; private set; }

    public string? String(string name)
    {
        var v = ctx.Request.Query[name];
        return v.Count == 0 || string.IsNullOrEmpty(v[0]) ? null : v[0];
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return v;
        }

        Fail(name, $"must be an integer in {min}..{max}");
        return fallback;
    }

    public decimal? Decimal(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (AlpacaDecimal.TryParse(text, out var v))
        {
            return v;
        }

        Fail(name, "must be a decimal number");
        return null;
    }

    public bool? Bool(string name)
    {
        switch (String(name))
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Fail(name, "must be true or false");
                return null;
        }
    }

    public DateTimeOffset? Time(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (Rfc3339.TryParse(text, out var v))
        {
            return v;
        }

        Fail(name, "must be an RFC 3339 timestamp or a date (yyyy-MM-dd)");
        return null;
    }

    public T? Enum<T>(string name)
        where T : struct, System.Enum
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (Wire<T>.TryParse(text, out var v))
        {
            return v;
        }

        Fail(name, "must be one of " + Wire<T>.Expected);
        return null;
    }

    public IReadOnlyList<string>? List(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length > 1000)
        {
            Fail(name, "too many values");
            return null;
        }

        return items;
    }

    public void Fail(string name, string rule) => Error ??= ExchangeError.BadQuery(name, rule);
}
