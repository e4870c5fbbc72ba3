using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Storage;
using Tessera.Storage.Tables;
using Tessera.Trading.Decisions;
using Tessera.Trading.Orders;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>An order manager over Azurite tables unique to the test, a counting broker, a ledger and an event recorder.</summary>
internal sealed class OrdersHarness
{
    public const string Account = "acct-test";

    private OrdersHarness(ITableStore tables, string ordersTable, string keysTable, CountingBroker broker)
    {
        Tables = tables;
        OrdersTable = ordersTable;
        KeysTable = keysTable;
        Broker = broker;
        Manager = NewManager();
    }

    public ITableStore Tables { get; }

    public string OrdersTable { get; }

    public string KeysTable { get; }

    public CountingBroker Broker { get; }

    public InMemoryAuditLedger Ledger { get; } = new();

    public RecordingEventPublisher Events { get; } = new();

    public OrderManager Manager { get; }

    public static async Task<OrdersHarness> CreateAsync(string azuriteConnectionString, IBroker broker)
    {
        var tables = StorageAccount.FromConnectionString(azuriteConnectionString).Tables;
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var h = new OrdersHarness(tables, "ord" + suffix, "key" + suffix, new CountingBroker(broker));
        await h.Manager.EnsureTablesAsync();
        return h;
    }

    /// <summary>Another manager over the same tables, broker, ledger and events (a restarted process).</summary>
    public OrderManager NewManager(TimeProvider? clock = null, TimeSpan? unresolvedAfter = null) => new(
        Broker,
        Tables,
        Ledger,
        Events,
        new OrderManagerOptions { AccountId = Account, ConfigPin = "pin-0123", Clock = clock ?? TimeProvider.System, UnresolvedAfter = unresolvedAfter ?? TimeSpan.FromSeconds(30) },
        OrdersTable,
        KeysTable);

    /// <summary>An IOC buy of SPY at ask x 1.001 (the order path's intent shape); the ids derive from <paramref name="n"/>.</summary>
    public static OrderIntent Buy(int n, decimal qty = 1m, decimal limit = 100.10m, TimeInForce tif = TimeInForce.Ioc) => new(
        "dec-" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        "cid-" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        "SPY",
        OrderSide.Buy,
        qty,
        null,
        OrderType.Limit,
        tif,
        limit,
        false);
}
