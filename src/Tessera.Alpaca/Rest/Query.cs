using System.Globalization;
using System.Text;
using Tessera.Alpaca.Json;

namespace Tessera.Alpaca.Rest;

/// <summary>Builds an escaped query string; null values are left out.</summary>
internal sealed class Query
{
    private readonly StringBuilder _sb = new();

    public Query Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _sb.Append(_sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public Query Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public Query Add(string name, decimal? value) => Add(name, value is { } v ? AlpacaDecimal.Format(v) : null);

    public Query Add(string name, bool? value) => Add(name, value is { } v ? (v ? "true" : "false") : null);

    public Query Add(string name, DateTimeOffset? value) => Add(name, value is { } v ? Rfc3339.Format(v) : null);

    public Query Add(string name, IEnumerable<string>? values) => Add(name, values is null ? null : string.Join(',', values));

    public override string ToString() => _sb.ToString();
}
