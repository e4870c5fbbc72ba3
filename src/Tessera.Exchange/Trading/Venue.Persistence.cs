using System.Globalization;
using System.Text.Json;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Json;
using Tessera.Exchange.Persistence;

namespace Tessera.Exchange.Trading;

/// <summary>Saving and restoring the account state (cash, positions, orders with their working state, activities, id sequences).</summary>
public sealed partial class Venue
{
    private int _savedActivities;

    /// <summary>The changes since the last call, serialized under the lock; null when nothing changed.</summary>
    internal ExchangeChanges? TakeChanges()
    {
        lock (_gate)
        {
            if (_dirty.IsEmpty)
            {
                return null;
            }

            if (_dirty.Reset)
            {
                _savedActivities = 0;
            }

            var positions = new List<KeyValuePair<string, byte[]>>();
            foreach (var index in _dirty.Positions)
            {
                var s = _symbols[index];
                var qty = _account.PositionQty(index);
                var avg = _account.Positions.TryGetValue(index, out var p) ? p.AvgEntryPrice : 0m;
                positions.Add(new(s.Symbol, ExchangeJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", s.Symbol);
                    w.WriteString("qty", AlpacaDecimal.Format(qty));
                    w.WriteString("avg_entry_price", AlpacaDecimal.Format(avg));
                    w.WriteEndObject();
                })));
            }

            var orders = new List<KeyValuePair<string, byte[]>>();
            foreach (var id in _dirty.Orders)
            {
                if (_orders.TryGetValue(id, out var o))
                {
                    orders.Add(new(id.ToString("D"), OrderRecord(o)));
                }
            }

            var activities = new List<KeyValuePair<string, byte[]>>();
            foreach (var a in _dirty.Activities)
            {
                activities.Add(new((_savedActivities++).ToString("D12", CultureInfo.InvariantCulture), ExchangeJson.Write(w => ExchangeJson.WriteActivityRecord(w, a))));
            }

            // The account record carries the id sequences: it goes with every change (new orders consume ids).
            var changes = new ExchangeChanges(_dirty.Reset, AccountRecord(), positions, orders, activities);
            _dirty.Clear();
            return changes;
        }
    }

    /// <summary>Loads a saved state (before the replay starts). Positions in symbols the tape lacks are kept, marked at their entry price.</summary>
    public void Restore(ExchangeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            using (var doc = JsonDocument.Parse(snapshot.Account))
            {
                var a = doc.RootElement;
                _account = new ExchangeAccount
                {
                    Id = a.GetProperty("id").GetGuid(),
                    AccountNumber = a.GetProperty("account_number").GetString()!,
                    CreatedAt = Rfc3339.Parse(a.GetProperty("created_at").GetString()!),
                    StartingCash = Dec(a, "starting_cash"),
                    Cash = Dec(a, "cash"),
                    LastEquity = Dec(a, "last_equity"),
                    CloseEquity = a.TryGetProperty("close_equity", out var ce) && ce.ValueKind == JsonValueKind.String ? Dec(a, "close_equity") : null,
                    Multiplier = Dec(a, "multiplier"),
                    ShortingConfigured = a.GetProperty("shorting").GetBoolean(),
                    TradingBlocked = a.GetProperty("trading_blocked").GetBoolean(),
                };
                _ids = new IdGenerator(_options.Seed, a.GetProperty("id_next").GetInt64());
                _sequence = a.GetProperty("order_sequence").GetInt64();
            }

            foreach (var json in snapshot.Positions)
            {
                using var doc = JsonDocument.Parse(json);
                var p = doc.RootElement;
                var qty = Dec(p, "qty");
                if (qty == 0)
                {
                    continue;
                }

                var s = SymbolOrAdd(p.GetProperty("symbol").GetString()!);
                _account.Positions[s.Index] = new ExchangePosition(s) { Qty = qty, AvgEntryPrice = Dec(p, "avg_entry_price") };
            }

            RestoreOrders(snapshot.Orders);
            _activities.Clear();
            foreach (var json in snapshot.Activities)
            {
                using var doc = JsonDocument.Parse(json);
                _activities.Add(ReadActivity(doc.RootElement));
            }

            _savedActivities = _activities.Count;
            _dirty.Clear();
        }
    }

    private void RestoreOrders(IReadOnlyList<byte[]> records)
    {
        var loaded = new List<ExchangeOrder>();
        var docs = records.Select(r => JsonDocument.Parse(r)).ToList();
        try
        {
            // Parents first: a leg needs its parent object (init-only link).
            foreach (var doc in docs.OrderBy(d => d.RootElement.TryGetProperty("parent_id", out var p) && p.ValueKind == JsonValueKind.String ? 1 : 0))
            {
                var o = doc.RootElement;
                ExchangeOrder? parent = null;
                if (o.TryGetProperty("parent_id", out var pid) && pid.ValueKind == JsonValueKind.String)
                {
                    _orders.TryGetValue(pid.GetGuid(), out parent);
                }

                var order = ReadOrder(o, parent);
                parent?.Legs.Add(order);
                _orders[order.Id] = order;
                _byClientId[order.ClientOrderId] = order;
                loaded.Add(order);
            }
        }
        finally
        {
            foreach (var d in docs)
            {
                d.Dispose();
            }
        }

        loaded.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        _orderLog.Clear();
        _orderLog.AddRange(loaded);
        foreach (var o in loaded)
        {
            if (o.IsOpen)
            {
                o.Symbol.WorkingOrders.Add(o);
            }
        }
    }

    private ExchangeOrder ReadOrder(JsonElement o, ExchangeOrder? parent)
    {
        var order = new ExchangeOrder
        {
            Id = o.GetProperty("id").GetGuid(),
            ClientOrderId = o.GetProperty("client_order_id").GetString()!,
            Symbol = SymbolOrAdd(o.GetProperty("symbol").GetString()!),
            Side = Wire<OrderSide>.Parse(o.GetProperty("side").GetString()),
            Type = Wire<OrderType>.Parse(o.GetProperty("type").GetString()),
            TimeInForce = Wire<TimeInForce>.Parse(o.GetProperty("time_in_force").GetString()),
            Class = Wire<OrderClass>.Parse(o.GetProperty("order_class").GetString()),
            Qty = NDec(o, "qty"),
            Notional = NDec(o, "notional"),
            LimitPrice = NDec(o, "limit_price"),
            StopPrice = NDec(o, "stop_price"),
            TrailPrice = NDec(o, "trail_price"),
            TrailPercent = NDec(o, "trail_percent"),
            Hwm = NDec(o, "hwm"),
            ExtendedHours = o.GetProperty("extended_hours").GetBoolean(),
            Status = Wire<OrderStatus>.Parse(o.GetProperty("status").GetString()),
            FilledQty = Dec(o, "filled_qty"),
            FilledValue = Dec(o, "filled_value"),
            CreatedAt = Rfc3339.Parse(o.GetProperty("created_at").GetString()!),
            UpdatedAt = Rfc3339.Parse(o.GetProperty("updated_at").GetString()!),
            SubmittedAt = Rfc3339.Parse(o.GetProperty("submitted_at").GetString()!),
            FilledAt = NTime(o, "filled_at"),
            ExpiredAt = NTime(o, "expired_at"),
            CanceledAt = NTime(o, "canceled_at"),
            FailedAt = NTime(o, "failed_at"),
            ReplacedAt = NTime(o, "replaced_at"),
            ReplacedBy = o.TryGetProperty("replaced_by", out var rb) && rb.ValueKind == JsonValueKind.String ? rb.GetGuid() : null,
            Replaces = o.TryGetProperty("replaces", out var rp) && rp.ValueKind == JsonValueKind.String ? rp.GetGuid() : null,
            Parent = parent,
            Triggered = o.GetProperty("triggered").GetBoolean(),
            Sequence = o.GetProperty("seq").GetInt64(),
        };
        return order;
    }

    private byte[] AccountRecord() => ExchangeJson.Write(w =>
    {
        var a = _account;
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("account_number", a.AccountNumber);
        w.WriteString("created_at", Rfc3339.Format(a.CreatedAt));
        w.WriteString("starting_cash", AlpacaDecimal.Format(a.StartingCash));
        w.WriteString("cash", AlpacaDecimal.Format(a.Cash));
        w.WriteString("last_equity", AlpacaDecimal.Format(a.LastEquity));
        if (a.CloseEquity is { } ce)
        {
            w.WriteString("close_equity", AlpacaDecimal.Format(ce));
        }

        w.WriteString("multiplier", AlpacaDecimal.Format(a.Multiplier));
        w.WriteBoolean("shorting", a.ShortingConfigured);
        w.WriteBoolean("trading_blocked", a.TradingBlocked);
        w.WriteNumber("id_next", _ids.Next);
        w.WriteNumber("order_sequence", _sequence);
        w.WriteEndObject();
    });

    private static byte[] OrderRecord(ExchangeOrder o) => ExchangeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("client_order_id", o.ClientOrderId);
        w.WriteString("symbol", o.Symbol.Symbol);
        w.WriteString("side", Wire<OrderSide>.Name(o.Side));
        w.WriteString("type", Wire<OrderType>.Name(o.Type));
        w.WriteString("time_in_force", Wire<TimeInForce>.Name(o.TimeInForce));
        w.WriteString("order_class", Wire<OrderClass>.Name(o.Class));
        NDecW(w, "qty", o.Qty);
        NDecW(w, "notional", o.Notional);
        NDecW(w, "limit_price", o.LimitPrice);
        NDecW(w, "stop_price", o.StopPrice);
        NDecW(w, "trail_price", o.TrailPrice);
        NDecW(w, "trail_percent", o.TrailPercent);
        NDecW(w, "hwm", o.Hwm);
        w.WriteBoolean("extended_hours", o.ExtendedHours);
        w.WriteString("status", Wire<OrderStatus>.Name(o.Status));
        w.WriteString("filled_qty", AlpacaDecimal.Format(o.FilledQty));
        w.WriteString("filled_value", AlpacaDecimal.Format(o.FilledValue));
        w.WriteString("created_at", Rfc3339.Format(o.CreatedAt));
        w.WriteString("updated_at", Rfc3339.Format(o.UpdatedAt));
        w.WriteString("submitted_at", Rfc3339.Format(o.SubmittedAt));
        NTimeW(w, "filled_at", o.FilledAt);
        NTimeW(w, "expired_at", o.ExpiredAt);
        NTimeW(w, "canceled_at", o.CanceledAt);
        NTimeW(w, "failed_at", o.FailedAt);
        NTimeW(w, "replaced_at", o.ReplacedAt);
        if (o.ReplacedBy is { } rb)
        {
            w.WriteString("replaced_by", rb);
        }

        if (o.Replaces is { } rp)
        {
            w.WriteString("replaces", rp);
        }

        if (o.Parent is { } parent)
        {
            w.WriteString("parent_id", parent.Id);
        }

        w.WriteBoolean("triggered", o.Triggered);
        w.WriteNumber("seq", o.Sequence);
        w.WriteEndObject();
    });

    private static Activity ReadActivity(JsonElement a) => new()
    {
        Id = a.GetProperty("id").GetString()!,
        Type = Wire<ActivityType>.Parse(a.GetProperty("activity_type").GetString()),
        Time = Rfc3339.Parse(a.GetProperty("time").GetString()!),
        Symbol = a.GetProperty("symbol").GetString()!,
        FillType = a.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
        Price = Dec(a, "price"),
        Qty = Dec(a, "qty"),
        Side = Wire<OrderSide>.Parse(a.GetProperty("side").GetString()),
        LeavesQty = Dec(a, "leaves_qty"),
        CumQty = Dec(a, "cum_qty"),
        OrderId = a.GetProperty("order_id").GetGuid(),
        OrderStatus = Wire<OrderStatus>.Parse(a.GetProperty("order_status").GetString()),
        NetAmount = Dec(a, "net_amount"),
        Description = a.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
    };

    private Market.SymbolState SymbolOrAdd(string symbol) => FindSymbol(symbol) ?? AddSymbol(symbol);

    private static decimal Dec(JsonElement e, string name) => AlpacaDecimal.TryParse(e.GetProperty(name).GetString(), out var v) ? v : 0m;

    private static decimal? NDec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && AlpacaDecimal.TryParse(p.GetString(), out var v) ? v : null;

    private static DateTimeOffset? NTime(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Rfc3339.Parse(p.GetString()!) : null;

    private static void NDecW(Utf8JsonWriter w, string name, decimal? v)
    {
        if (v is { } d)
        {
            w.WriteString(name, AlpacaDecimal.Format(d));
        }
    }

    private static void NTimeW(Utf8JsonWriter w, string name, DateTimeOffset? v)
    {
        if (v is { } t)
        {
            w.WriteString(name, Rfc3339.Format(t));
        }
    }
}
