using Tessera.Core.Markets;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Trading;

/// <summary>
/// Replay: tape events and NYSE calendar events, merged in time order (on a tie the calendar event first, so a print
/// stamped 09:30:00.000 is a regular-session print and one stamped 16:00:00.000 is not; a quote before a trade).
/// </summary>
public sealed partial class Venue
{
    private readonly long[] _calendarMs = new long[4];
    private readonly List<SymbolState> _openBars = [];
    private DateTimeOffset _marketTime;
    private TradingSession _session = null!;
    private int _stage;
    private int _tradeCursor;
    private int _quoteCursor;

    /// <summary>The time up to which the market has been processed.</summary>
    internal DateTimeOffset MarketTime => _marketTime;

    internal MarketPhase Phase => _stage switch
    {
        1 => MarketPhase.PreMarket,
        2 => MarketPhase.Regular,
        3 => MarketPhase.PostMarket,
        _ => MarketPhase.Closed,
    };

    /// <summary>Tape events not yet replayed.</summary>
    public int PendingTapeEvents
    {
        get
        {
            lock (_gate)
            {
                return _tape.TradeCount - _tradeCursor + (_tape.QuoteCount - _quoteCursor);
            }
        }
    }

    /// <summary>The time of the next tape event, or null at the end of the tape.</summary>
    public DateTimeOffset? NextTapeTime
    {
        get
        {
            lock (_gate)
            {
                var next = NextTapeMs();
                return next == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(next);
            }
        }
    }

    /// <summary>Processes everything up to <paramref name="t"/> and moves the clock there; market events are appended to <paramref name="output"/>.</summary>
    public void AdvanceTo(DateTimeOffset t, List<MarketEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            Clock.AdvanceTo(t);
            ProcessUntil(t.ToUnixTimeMilliseconds(), int.MaxValue);
            if (t > _marketTime)
            {
                _marketTime = t;
            }

            output.AddRange(_marketOut);
            _marketOut.Clear();
        }
    }

    /// <summary>
    /// As-fast-as-possible replay: processes up to <paramref name="maxEvents"/> tape events (and the calendar events
    /// between them), moving the clock to each; returns how many tape events were processed (0 at the end).
    /// </summary>
    public int AdvanceEvents(int maxEvents, List<MarketEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            var next = NextTapeMs();
            if (next == long.MaxValue)
            {
                return 0;
            }

            // Process up to the time of the maxEvents-th event: every event of that millisecond is included.
            var processed = ProcessUntil(long.MaxValue, maxEvents);
            Clock.AdvanceTo(_marketTime);
            output.AddRange(_marketOut);
            _marketOut.Clear();
            return processed;
        }
    }

    /// <summary>Takes the market events produced by catch-ups since the last call.</summary>
    public void DrainMarketEvents(List<MarketEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            output.AddRange(_marketOut);
            _marketOut.Clear();
        }
    }

    /// <summary>Brings the market up to the clock (called under the lock by every operation).</summary>
    private void CatchUp()
    {
        var now = Clock.Now;
        if (now > _marketTime)
        {
            ProcessUntil(now.ToUnixTimeMilliseconds(), int.MaxValue);
            _marketTime = now;
        }
    }

    /// <summary>
    /// Tape events before the clock's start are history: replayed silently (calendar included) so a clock started
    /// mid-session finds prices, quotes and bars in place; nothing of it is streamed.
    /// </summary>
    private void WarmUp(DateTimeOffset start)
    {
        var first = _tape.First;
        if (first is null || first >= start)
        {
            InitCalendar(start);
            return;
        }

        InitCalendar(first.Value);
        ProcessUntil(start.ToUnixTimeMilliseconds(), int.MaxValue);
        _marketOut.Clear();
        _marketTime = start;
    }

    private void InitCalendar(DateTimeOffset t0)
    {
        _marketTime = t0;
        var date = UsEastern.DateOf(t0).AddDays(-1);
        TradingSession? s = null;
        for (var i = 0; i < 40 && s is null; i++)
        {
            if (NyseCalendar.Session(date.AddDays(i)) is { } candidate && candidate.PostClose > t0)
            {
                s = candidate;
            }
        }

        SetSession(s ?? throw new InvalidOperationException("no NYSE session found after the clock start"));
        var t0Ms = t0.ToUnixTimeMilliseconds();
        _stage = 0;
        while (_stage < 4 && _calendarMs[_stage] < t0Ms)
        {
            _stage++;
        }

        foreach (var sym in _symbols)
        {
            sym.AwaitingOpen = _stage < 2;
        }
    }

    private void SetSession(TradingSession s)
    {
        _session = s;
        _calendarMs[0] = s.PreOpen.ToUnixTimeMilliseconds();
        _calendarMs[1] = s.Open.ToUnixTimeMilliseconds();
        _calendarMs[2] = s.Close.ToUnixTimeMilliseconds();
        _calendarMs[3] = s.PostClose.ToUnixTimeMilliseconds();
        _stage = 0;
    }

    private long NextTapeMs()
    {
        var t = _tradeCursor < _tape.TradeCount ? _tape.TradeTs[_tradeCursor] : long.MaxValue;
        var q = _quoteCursor < _tape.QuoteCount ? _tape.QuoteTs[_quoteCursor] : long.MaxValue;
        return Math.Min(t, q);
    }

    /// <summary>Processes calendar and tape events with time &lt;= <paramref name="untilMs"/>, at most <paramref name="maxTapeEvents"/> tape events (finishing their millisecond).</summary>
    private int ProcessUntil(long untilMs, int maxTapeEvents)
    {
        var processed = 0;
        var stopAtMs = long.MaxValue;
        while (true)
        {
            var next = NextTapeMs();
            if (processed >= maxTapeEvents && stopAtMs == long.MaxValue)
            {
                stopAtMs = _marketTime.ToUnixTimeMilliseconds();
            }

            var limit = Math.Min(untilMs, stopAtMs);
            var cal = _calendarMs[_stage];
            if (cal <= next && cal <= limit && (next != long.MaxValue || untilMs != long.MaxValue))
            {
                ProcessCalendarEvent();
                continue;
            }

            if (next > limit || next == long.MaxValue)
            {
                break;
            }

            var tradeTs = _tradeCursor < _tape.TradeCount ? _tape.TradeTs[_tradeCursor] : long.MaxValue;
            var quoteTs = _quoteCursor < _tape.QuoteCount ? _tape.QuoteTs[_quoteCursor] : long.MaxValue;
            _marketTime = DateTimeOffset.FromUnixTimeMilliseconds(next);
            if (quoteTs <= tradeTs)
            {
                ProcessQuote(_quoteCursor++);
            }
            else
            {
                ProcessTrade(_tradeCursor++);
            }

            processed++;
        }

        var closeUpTo = untilMs == long.MaxValue ? _marketTime.ToUnixTimeMilliseconds() : untilMs;
        CompleteMinuteBars(closeUpTo);
        return processed;
    }

    private void ProcessCalendarEvent()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_calendarMs[_stage]);
        if (at > _marketTime)
        {
            _marketTime = at;
        }

        switch (_stage)
        {
            case 0:
                OnPreOpen(at);
                break;
            case 1:
                OnOpen(at);
                break;
            case 2:
                OnClose(at);
                break;
            default:
                OnPostClose(at);
                break;
        }

        _stage++;
        if (_stage == 4)
        {
            var next = _session.Date.AddDays(1);
            TradingSession? s = null;
            for (var i = 0; i < 40 && s is null; i++)
            {
                s = NyseCalendar.Session(next.AddDays(i));
            }

            SetSession(s ?? throw new InvalidOperationException("no NYSE session within 40 days"));
        }
    }

    private void OnPreOpen(DateTimeOffset at)
    {
        if (_account.CloseEquity is { } closeEquity)
        {
            _account.LastEquity = closeEquity;
            _account.CloseEquity = null;
            _dirty.Account = true;
        }

        foreach (var s in _symbols)
        {
            s.AwaitingOpen = true;
            s.HasDay = false;
            s.DayDate = _session.Date;
        }

        ActivateAccepted(at, extendedOnly: true);
    }

    private void OnOpen(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        foreach (var s in _symbols)
        {
            _marketOut.Add(new MarketEvent { Kind = MarketEventKind.Status, Symbol = s.Index, Time = ms, Text = "T", Text2 = "Trading" });
        }

        ActivateAccepted(at, extendedOnly: false);
    }

    private void OnClose(DateTimeOffset at)
    {
        // Market-on-close orders execute at the last regular price; then every regular day order ends.
        foreach (var o in OpenOrdersSnapshot())
        {
            if (o.TimeInForce == TimeInForce.Cls && o.IsWorking && o.Symbol.HasTrade)
            {
                AuctionFill(o, o.Symbol.LastPriceDecimal, at);
            }
        }

        foreach (var o in OpenOrdersSnapshot())
        {
            // Extended-hours day orders live on until the post-market ends; legs share their parent's time in force.
            if (o.IsOpen && o.TimeInForce is TimeInForce.Day or TimeInForce.Cls or TimeInForce.Opg && !o.ExtendedHours)
            {
                Expire(o, at);
            }
        }

        var ms = at.ToUnixTimeMilliseconds();
        foreach (var s in _symbols)
        {
            if (!s.HasDay)
            {
                continue;
            }

            var day = s.CurrentDay;
            s.DailyBars.Add(day);
            s.PreviousDay = day;
            s.PreviousClose = day.Close;
            _marketOut.Add(new MarketEvent { Kind = MarketEventKind.DailyBar, Symbol = s.Index, Time = ms, Bar = day });
        }

        _account.CloseEquity = _account.Equity;
        _dirty.Account = true;
    }

    private void OnPostClose(DateTimeOffset at)
    {
        foreach (var o in OpenOrdersSnapshot())
        {
            if (o.TimeInForce == TimeInForce.Day && o.ExtendedHours)
            {
                Expire(o, at);
            }
        }
    }

    private void ProcessQuote(int i)
    {
        var s = _symbols[_tape.QuoteSym[i]];
        s.SetQuote(_tape.Bid[i], _tape.Ask[i], _tape.BidSize[i], _tape.AskSize[i], 0);
        s.QuoteTime = _tape.QuoteTs[i];
        _marketOut.Add(new MarketEvent
        {
            Kind = MarketEventKind.Quote,
            Symbol = s.Index,
            Time = _tape.QuoteTs[i],
            Bid = s.Bid,
            Ask = s.Ask,
            BidSize = s.BidSize,
            AskSize = s.AskSize,
            Venue = (byte)'V',
        });
        if (s.WorkingOrders.Count > 0)
        {
            OnQuote(s, DateTimeOffset.FromUnixTimeMilliseconds(_tape.QuoteTs[i]));
        }
    }

    private void ProcessTrade(int i)
    {
        var s = _symbols[_tape.TradeSym[i]];
        var ts = _tape.TradeTs[i];
        var price = _tape.Price[i];
        var size = _tape.Size[i];
        var venue = _tape.Venue[i] == 0 ? (byte)'V' : _tape.Venue[i];
        var regular = _stage == 2;
        UpdateMinuteBar(s, ts, price, size);
        if (regular)
        {
            UpdateDay(s, price, size);
        }

        if (!_tape.SymbolHasQuotes[s.Index])
        {
            var bid = s.Bid;
            var ask = s.Ask;
            _quoteModel.OnTrade(s, price, size, venue);
            s.QuoteTime = ts;
            if (bid != s.Bid || ask != s.Ask || !regular)
            {
                _marketOut.Add(new MarketEvent { Kind = MarketEventKind.Quote, Symbol = s.Index, Time = ts, Bid = s.Bid, Ask = s.Ask, BidSize = s.BidSize, AskSize = s.AskSize, Venue = venue });
            }
        }

        s.RecordTrade(ts, price, size, venue);
        var id = ++s.TradeSequence;
        _marketOut.Add(new MarketEvent { Kind = MarketEventKind.Trade, Symbol = s.Index, Time = ts, Id = id, Price = price, Size = size, Venue = venue, Text = regular ? null : "T" });
        InjectCorrections(s, ts, id, price, size, venue);
        if (s.WorkingOrders.Count > 0)
        {
            OnPrint(s, price, size, ts, opening: regular && s.AwaitingOpen);
        }

        if (regular)
        {
            s.AwaitingOpen = false;
        }
    }

    /// <summary>
    /// Stream realism (rates from the options): a print may later be corrected (one tick up) or canceled. Corrections
    /// are published once the print's minute bar is out, followed by the bar corrected as an updated bar (u), the way
    /// late corrections reach Alpaca's stream. Matching keeps the original print.
    /// </summary>
    private void InjectCorrections(SymbolState s, long ts, long id, double price, double size, byte venue)
    {
        if (_options.CorrectionRate > 0 && _random.NextDouble() < _options.CorrectionRate)
        {
            var corrected = QuoteModel.OnGrid(price + QuoteModel.TickFor(price), QuoteModel.TickFor(price));
            var newId = ++s.TradeSequence;
            s.PendingCorrections.Add(new MarketEvent { Kind = MarketEventKind.Correction, Symbol = s.Index, Time = ts, Id = id, Price = price, Size = size, CorrectedId = newId, Bid = corrected, BidSize = size, Venue = venue });
        }

        if (_options.CancelErrorRate > 0 && _random.NextDouble() < _options.CancelErrorRate)
        {
            _marketOut.Add(new MarketEvent { Kind = MarketEventKind.CancelError, Symbol = s.Index, Time = ts, Id = id, Price = price, Size = size, Venue = venue, Text = "C" });
        }
    }

    private void PublishCorrections(SymbolState s)
    {
        if (s.PendingCorrections.Count == 0)
        {
            return;
        }

        var k = s.MinuteBars.Count - 1;
        var bar = s.MinuteBars[k];
        foreach (var c in s.PendingCorrections)
        {
            _marketOut.Add(c);
            var volume = bar.Volume;
            bar = bar with
            {
                High = Math.Max(bar.High, c.Bid),
                Low = Math.Min(bar.Low, c.Bid),
                Vwap = volume > 0 ? bar.Vwap + ((c.Bid - c.Price) * c.Size / volume) : bar.Vwap,
            };
        }

        s.PendingCorrections.Clear();
        s.MinuteBars[k] = bar;
        _marketOut.Add(new MarketEvent { Kind = MarketEventKind.UpdatedBar, Symbol = s.Index, Time = bar.Start, Bar = bar });
    }

    private void UpdateMinuteBar(SymbolState s, long ts, double price, double size)
    {
        var minute = ts - (((ts % 60_000) + 60_000) % 60_000);
        if (minute == s.BarStart)
        {
            s.BarHigh = Math.Max(s.BarHigh, price);
            s.BarLow = Math.Min(s.BarLow, price);
            s.BarClose = price;
            s.BarVolume += size;
            s.BarNotional += price * size;
            s.BarTrades++;
            return;
        }

        if (s.BarStart != long.MinValue && minute < s.BarStart)
        {
            UpdateCompletedBar(s, minute, price, size);
            return;
        }

        if (s.BarStart != long.MinValue)
        {
            CompleteMinuteBar(s);
        }

        s.BarStart = minute;
        s.BarOpen = s.BarHigh = s.BarLow = s.BarClose = price;
        s.BarVolume = size;
        s.BarNotional = price * size;
        s.BarTrades = 1;
        _openBars.Add(s);
    }

    /// <summary>A late print for a minute already published: the bar is corrected and sent again as an updated bar (u).</summary>
    private void UpdateCompletedBar(SymbolState s, long minute, double price, double size)
    {
        for (var k = s.MinuteBars.Count - 1; k >= 0 && k >= s.MinuteBars.Count - 120; k--)
        {
            if (s.MinuteBars[k].Start == minute)
            {
                var b = s.MinuteBars[k];
                var volume = b.Volume + size;
                var updated = b with
                {
                    High = Math.Max(b.High, price),
                    Low = Math.Min(b.Low, price),
                    Volume = volume,
                    Trades = b.Trades + 1,
                    Vwap = ((b.Vwap * b.Volume) + (price * size)) / volume,
                };
                s.MinuteBars[k] = updated;
                _marketOut.Add(new MarketEvent { Kind = MarketEventKind.UpdatedBar, Symbol = s.Index, Time = minute, Bar = updated });
                return;
            }
        }
    }

    private void CompleteMinuteBars(long upToMs)
    {
        for (var k = _openBars.Count - 1; k >= 0; k--)
        {
            var s = _openBars[k];
            if (s.BarStart != long.MinValue && s.BarStart + 60_000 <= upToMs)
            {
                CompleteMinuteBar(s);
            }
        }
    }

    private void CompleteMinuteBar(SymbolState s)
    {
        var bar = s.CurrentMinute;
        s.MinuteBars.Add(bar);
        _marketOut.Add(new MarketEvent { Kind = MarketEventKind.Bar, Symbol = s.Index, Time = bar.Start, Bar = bar });
        if (_stage == 2 && s.HasDay)
        {
            _marketOut.Add(new MarketEvent { Kind = MarketEventKind.DailyBar, Symbol = s.Index, Time = bar.Start, Bar = s.CurrentDay });
            PublishLuld(s, bar);
        }

        PublishCorrections(s);
        s.BarStart = long.MinValue;
        _openBars.Remove(s);
    }

    /// <summary>Tier-1 LULD bands (5% around the reference price), republished when the reference moves 1% or more.</summary>
    private void PublishLuld(SymbolState s, BarRecord bar)
    {
        var reference = bar.Vwap;
        if (!double.IsNaN(s.LuldReference) && Math.Abs(reference - s.LuldReference) < 0.01 * s.LuldReference)
        {
            return;
        }

        s.LuldReference = reference;
        var tick = QuoteModel.TickFor(reference);
        _marketOut.Add(new MarketEvent
        {
            Kind = MarketEventKind.Luld,
            Symbol = s.Index,
            Time = bar.Start + 60_000,
            Bid = QuoteModel.OnGrid(Math.Round(reference * 0.95 / tick) * tick, tick),
            Ask = QuoteModel.OnGrid(Math.Round(reference * 1.05 / tick) * tick, tick),
            Text = "B",
        });
    }

    private void UpdateDay(SymbolState s, double price, double size)
    {
        if (!s.HasDay)
        {
            s.HasDay = true;
            s.DayDate = _session.Date;
            s.DayStart = UsEastern.At(_session.Date, TimeOnly.MinValue).ToUnixTimeMilliseconds();
            s.DayOpen = s.DayHigh = s.DayLow = s.DayClose = price;
            s.DayVolume = size;
            s.DayNotional = price * size;
            s.DayTrades = 1;
            return;
        }

        s.DayHigh = Math.Max(s.DayHigh, price);
        s.DayLow = Math.Min(s.DayLow, price);
        s.DayClose = price;
        s.DayVolume += size;
        s.DayNotional += price * size;
        s.DayTrades++;
    }

    /// <summary>Orders queued while the market was closed start working: extended-hours ones at 04:00, the rest at the open.</summary>
    private void ActivateAccepted(DateTimeOffset at, bool extendedOnly)
    {
        foreach (var o in OpenOrdersSnapshot())
        {
            if (o.Status != OrderStatus.Accepted || (extendedOnly && !o.ExtendedHours))
            {
                continue;
            }

            o.Status = OrderStatus.New;
            o.UpdatedAt = at;
            MarkOrder(o);
            Emit(TradeEvent.New, o, at);
        }
    }

    private List<ExchangeOrder> OpenOrdersSnapshot()
    {
        var list = new List<ExchangeOrder>();
        foreach (var s in _symbols)
        {
            list.AddRange(s.WorkingOrders);
        }

        list.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return list;
    }
}
