using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Signals;

namespace Tessera.Core.Backtest;

/// <summary>
/// Event-driven backtest over one shared cash account. Each calendar bar is processed in four phases:
/// <list type="number">
/// <item>Open: (a) stops that the open gaps through fill at the open; (b) pending exits fill at the open;
/// (c) pending entries fill at the open, in symbol order, limited by buying power (see <see cref="BacktestOptions"/>),
/// reduced to the affordable whole shares or rejected.</item>
/// <item>Intrabar: a long whose low reaches its stop (a short whose high reaches it) exits at the stop price.</item>
/// <item>Close: equity = cash + sum of quantity * last close; time stops whose holding reached N bars queue an exit.</item>
/// <item>Signals at this close: Flat queues an exit; Long/Short queue an entry (sized now from the close and equity)
/// and, when the intended position is the opposite side, an exit first. Same-side signals are ignored.</item>
/// </list>
/// Orders queued at a close fill at that symbol's next bar's open (no look-ahead). Every fill pays slippage and
/// commission per <see cref="CostModel"/>; P&amp;L is FIFO per symbol. Sizes are whole shares.
/// The fast tier (<see cref="FastBacktester"/>) implements the same rules on arrays and must agree exactly.
/// </summary>
public sealed class EventBacktestEngine
{
    private readonly MarketData _data;
    private readonly BacktestOptions _o;
    private readonly int _n;
    private readonly double _cashInit;
    private readonly FifoPosition[] _pos;
    private readonly double[] _stop;
    private readonly int[] _held;
    private readonly Side[] _intended;
    private readonly double[] _lastClose;
    private readonly Order?[] _pendingExit;
    private readonly Order?[] _pendingEntry;
    private readonly double[] _pendingStop;
    private readonly List<Order> _orders = [];
    private readonly List<Fill> _fills = [];
    private readonly List<Trade> _trades = [];

    // Symbols with an open position or a pending order (a superset; pruned at the close): the phases visit only these,
    // in ascending order, so the result is that of visiting every symbol (each phase acts only on such symbols).
    private readonly ActiveSymbols _active;
    private double _cash;
    private double _peakEquity;

    // Sum of quantity * last close and of |quantity| * last close over open positions: recomputed at every close
    // (ascending symbols) and adjusted at every fill, so buying power needs no pass over all symbols.
    private double _net;
    private double _gross;

    private EventBacktestEngine(MarketData data, BacktestOptions options)
    {
        _data = data;
        _o = options;
        _n = data.SymbolCount;
        _cashInit = options.InitialCash;
        _cash = options.InitialCash;
        _peakEquity = options.InitialCash;
        _pos = new FifoPosition[_n];
        for (var s = 0; s < _n; s++)
        {
            _pos[s] = new FifoPosition(data.Symbols[s]);
        }

        _stop = new double[_n];
        Array.Fill(_stop, double.NaN);
        _held = new int[_n];
        _intended = new Side[_n];
        _lastClose = new double[_n];
        _pendingExit = new Order?[_n];
        _pendingEntry = new Order?[_n];
        _pendingStop = new double[_n];
        _active = new ActiveSymbols(_n);
    }

    public static BacktestResult Run(MarketData data, IReadOnlyList<Signal> signals, BacktestOptions options) =>
        Run(data, SignalBook.Create(data, signals), options);

    public static BacktestResult Run(MarketData data, SignalBook book, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(data);
        return new EventBacktestEngine(data, options).Simulate(book);
    }

    private BacktestResult Simulate(SignalBook book)
    {
        var start = _o.StartBar;
        var end = _o.EndBar ?? _data.BarCount;
        var len = end - start;
        var equity = new double[len];
        var cash = new double[len];
        var gross = new double[len];
        for (var t = start; t < end; t++)
        {
            OpenPhase(t);
            IntrabarStops(t);
            var (eq, g) = ClosePhase(t);
            equity[t - start] = eq;
            cash[t - start] = _cash;
            gross[t - start] = g;
            _peakEquity = Math.Max(_peakEquity, eq);
            SignalPhase(book, t, eq);
        }

        return new BacktestResult(_data.Symbols, _data.Calendar[start..end], start, _cashInit, equity, cash, gross, _orders, _fills, _trades);
    }

    private void OpenPhase(int t)
    {
        var open = _data.Open;
        for (var s = _active.Next(0); s >= 0; s = _active.Next(s + 1))
        {
            var q = _pos[s].Quantity;
            if (q == 0 || double.IsNaN(_stop[s]) || !_data.HasBar(s, t))
            {
                continue;
            }

            var o = open[s][t];
            if ((q > 0 && o <= _stop[s]) || (q < 0 && o >= _stop[s]))
            {
                var order = NewOrder(t, s, q > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(q), "exit:stop");
                Execute(order, t, s, o);
                _intended[s] = Side.Flat;
                if (_pendingExit[s] is { } pending)
                {
                    pending.Status = OrderStatus.Cancelled;
                    _pendingExit[s] = null;
                }
            }
        }

        for (var s = _active.Next(0); s >= 0; s = _active.Next(s + 1))
        {
            if (_pendingExit[s] is not { } order || !_data.HasBar(s, t))
            {
                continue;
            }

            _pendingExit[s] = null;
            Execute(order, t, s, open[s][t]);
        }

        for (var s = _active.Next(0); s >= 0; s = _active.Next(s + 1))
        {
            if (_pendingEntry[s] is not { } order || !_data.HasBar(s, t))
            {
                continue;
            }

            _pendingEntry[s] = null;
            var fill = _o.Costs.FillPrice(open[s][t], (int)order.Side);
            var qty = Math.Min(order.RequestedQuantity, Affordable(fill));
            if (qty < 1)
            {
                order.Status = OrderStatus.Rejected;
                order.FillBar = t;
                _intended[s] = Side.Flat;
                continue;
            }

            Fill(order, t, s, qty, fill);
            order.Status = qty < order.RequestedQuantity ? OrderStatus.Reduced : OrderStatus.Filled;
            _held[s] = 0;
            _stop[s] = StopLevel(_pendingStop[s], fill, order.Side.Opens(), _o);
        }
    }

    private void IntrabarStops(int t)
    {
        for (var s = _active.Next(0); s >= 0; s = _active.Next(s + 1))
        {
            var q = _pos[s].Quantity;
            if (q == 0 || double.IsNaN(_stop[s]) || !_data.HasBar(s, t))
            {
                continue;
            }

            if ((q > 0 && _data.Low[s][t] <= _stop[s]) || (q < 0 && _data.High[s][t] >= _stop[s]))
            {
                // A position opened at this open beyond its own stop is stopped at the open, never at a better price.
                var o = _data.Open[s][t];
                var reference = (q > 0 && o <= _stop[s]) || (q < 0 && o >= _stop[s]) ? o : _stop[s];
                var order = NewOrder(t, s, q > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(q), "exit:stop");
                Execute(order, t, s, reference);
                _intended[s] = Side.Flat;
            }
        }
    }

    private (double Equity, double Gross) ClosePhase(int t)
    {
        _net = 0;
        _gross = 0;
        var close = _data.Close;
        for (var s = 0; s < _n; s++)
        {
            var c = close[s][t];
            if (!double.IsNaN(c))
            {
                _lastClose[s] = c;
            }
        }

        for (var s = _active.Next(0); s >= 0; s = _active.Next(s + 1))
        {
            var q = _pos[s].Quantity;
            if (q == 0)
            {
                if (_pendingExit[s] is null && _pendingEntry[s] is null)
                {
                    _active.Remove(s);
                }

                continue;
            }

            var has = _data.HasBar(s, t);
            _net += q * _lastClose[s];
            _gross += Math.Abs(q) * _lastClose[s];
            if (has)
            {
                _held[s]++;
                if (_o.TimeStopBars is { } n && _held[s] >= n && _pendingExit[s] is null)
                {
                    _pendingExit[s] = NewOrder(t, s, q > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(q), "exit:time");
                    _intended[s] = Side.Flat;
                }
            }
        }

        return (_cash + _net, _gross);
    }

    private void SignalPhase(SignalBook book, int t, double equity)
    {
        for (var k = book.FirstOfBar[t]; k < book.FirstOfBar[t + 1]; k++)
        {
            var sig = book.Signals[k];
            var s = sig.Symbol;
            var side = sig.Side == Side.Short && !_o.AllowShort ? Side.Flat : sig.Side;
            if (side == _intended[s])
            {
                continue;
            }

            var q = _pos[s].Quantity;
            if (q != 0 && _pendingExit[s] is null)
            {
                _pendingExit[s] = NewOrder(t, s, q > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(q), side == Side.Flat ? ExitReason(sig.Reason) : "exit:reverse");
            }

            _intended[s] = Side.Flat;
            if (side == Side.Flat)
            {
                continue;
            }

            var close = _data.Close[s][t];
            var target = Math.Floor(_o.Sizer.TargetQuantity(new SizingRequest(_data, s, t, equity, close, side, sig.Strength, _cash, _peakEquity)));
            if (target >= 1 && double.IsFinite(target))
            {
                _pendingEntry[s] = NewOrder(t, s, OrderSides.Opening(side), target, EntryReason(sig.Reason));
                _active.Add(s);
                _pendingStop[s] = _o.UseSignalStops ? sig.StopPrice : double.NaN;
                _intended[s] = side;
            }
        }
    }

    /// <summary>The signal's stop when given, else StopLossPct from the fill, else none (NaN).</summary>
    internal static double StopLevel(double signalStop, double fill, Side side, BacktestOptions o) =>
        !double.IsNaN(signalStop) ? signalStop : o.StopLossPct is { } sl ? fill * (1 - (side.Sign() * sl)) : double.NaN;

    internal static string ExitReason(string reason) => reason.Length == 0 ? "exit:signal" : reason;

    internal static string EntryReason(string reason) => reason.Length == 0 ? "entry" : reason;

    /// <summary>Whole shares affordable at this fill price: L * equity - gross exposure, marked at the last closes.</summary>
    private double Affordable(double fill) =>
        FastBacktester.AffordableShares((_o.Leverage * (_cash + _net)) - _gross, fill, _o.Costs);

    private void Execute(Order order, int t, int s, double referencePrice)
    {
        var q = Math.Abs(_pos[s].Quantity);
        if (q == 0)
        {
            order.Status = OrderStatus.Cancelled;
            return;
        }

        Fill(order, t, s, q, _o.Costs.FillPrice(referencePrice, (int)order.Side));
        order.Status = OrderStatus.Filled;
        _stop[s] = double.NaN;
        _held[s] = 0;
    }

    private void Fill(Order order, int t, int s, double qty, double price)
    {
        var side = (int)order.Side;
        var commission = _o.Costs.Commission(qty, price);
        _cash += (-side * qty * price) - commission;
        var oldQ = _pos[s].Quantity;
        _pos[s].Apply(side, qty, price, commission, t, _data.Calendar[t], order.Reason, _trades);
        var newQ = _pos[s].Quantity;
        _net += (newQ - oldQ) * _lastClose[s];
        _gross += (Math.Abs(newQ) - Math.Abs(oldQ)) * _lastClose[s];
        order.FilledQuantity = qty;
        order.FillPrice = price;
        order.FillBar = t;
        _fills.Add(new Fill(order.Id, t, _data.Calendar[t], _data.Symbols[s], order.Side, qty, price, commission, order.Reason));
    }

    private Order NewOrder(int t, int s, OrderSide side, double qty, string reason)
    {
        var order = new Order(_orders.Count + 1, t, _data.Calendar[t], _data.Symbols[s], side, qty, reason);
        _orders.Add(order);
        return order;
    }
}
