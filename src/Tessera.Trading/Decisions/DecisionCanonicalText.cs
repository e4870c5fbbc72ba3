using System.Globalization;
using System.Text;
using Tessera.Core;

namespace Tessera.Trading.Decisions;

/// <summary>
/// The canonical text of a decision's inputs, hashed into the decision id: one <c>name=value</c> line per input in a
/// fixed order, numbers in round-trip invariant form (decimals without trailing zeros), times as UTC ISO-8601. Only
/// the account figures that can change this decision are included (this symbol's position, not the others').
/// </summary>
internal static class DecisionCanonicalText
{
    public static string Of(DecisionRequest request, string symbol, string profileName, string configPin)
    {
        var b = new StringBuilder(512);
        Line(b, "v", "1");
        Line(b, "profile", profileName);
        Line(b, "config_pin", configPin);
        Line(b, "now", Time(request.Now));
        Line(b, "symbol", symbol);
        switch (request.Input)
        {
            case TradingSignal s:
                Line(b, "kind", "signal");
                Line(b, "target", s.Target.ToText());
                Line(b, "strategy", s.Strategy);
                Line(b, "signal_time", Time(s.SignalTime));
                Line(b, "strength", s.Strength is { } x ? Num(x) : "none");
                break;
            case TargetOrder o:
                Line(b, "kind", "target_order");
                Line(b, "side", o.Side.ToString());
                Line(b, "quantity", Dec(o.Quantity));
                Line(b, "source", o.Source);
                break;
        }

        var m = request.Market;
        Line(b, "bid", m.Bid is { } bid ? Num(bid) : "none");
        Line(b, "ask", m.Ask is { } ask ? Num(ask) : "none");
        Line(b, "quote_time", m.QuoteTime is { } qt ? Time(qt) : "none");
        Line(b, "last", Num(m.LastPrice));
        Line(b, "adv20", Num(m.Adv20Shares));
        Line(b, "atr_pct", Num(m.AtrPct));
        b.Append("returns=");
        for (var i = 0; i < m.DailyReturns.Count; i++)
        {
            b.Append(i == 0 ? string.Empty : ",").Append(Num(m.DailyReturns[i]));
        }

        b.Append('\n');
        Line(b, "vix", Num(m.Vix));
        Line(b, "vix_as_of", m.VixAsOf is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none");
        var a = request.Account;
        Line(b, "equity", Dec(a.Equity));
        Line(b, "cash", Dec(a.Cash));
        Line(b, "buying_power", Dec(a.BuyingPower));
        Line(b, "margin_used", Dec(a.MarginUsed));
        Line(b, "margin_available", Dec(a.MarginAvailable));
        Line(b, "position", Dec(a.PositionOf(symbol)));
        Line(b, "used_today", Dec(a.NotionalUsedToday));
        Line(b, "order_open", a.OpenOrderSymbols is { } open && open.Contains(symbol) ? "true" : "false");
        Line(b, "kill_switch", request.Safety.KillSwitch ? "true" : "false");
        Line(b, "halted", request.Safety.Halted ? "true" : "false");
        if (request.Safety.StreamSafetyMode)
        {
            Line(b, "stream_safety_mode", "true"); // only when set: decision ids of every other request stay as they were
        }

        if (request.Safety.HaltAdds)
        {
            Line(b, "kill_switch_halt_adds", "true"); // the kill switch's actions, likewise only when in force
        }

        if (request.Safety.AllowedSymbols is { } allowed)
        {
            Line(b, "kill_switch_allowed", string.Join(",", allowed.Order(StringComparer.Ordinal)));
        }
        return b.ToString();
    }

    private static void Line(StringBuilder b, string name, string value) => b.Append(name).Append('=').Append(value).Append('\n');

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Dec(decimal x) => (x / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
