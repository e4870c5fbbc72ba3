using System.Text.Json;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Tests.Support;

/// <summary>Collects trade update frames as (event, order id, client order id, status, filled qty, price, qty).</summary>
public sealed class CapturedUpdates : ITradeUpdateSink
{
    public List<Update> All { get; } = [];

    public void Publish(byte[] frame)
    {
        using var doc = JsonDocument.Parse(frame);
        var data = doc.RootElement.GetProperty("data");
        var order = data.GetProperty("order");
        All.Add(new Update(
            data.GetProperty("event").GetString()!,
            order.GetProperty("id").GetString()!,
            order.GetProperty("client_order_id").GetString()!,
            order.GetProperty("status").GetString()!,
            decimal.Parse(order.GetProperty("filled_qty").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            data.TryGetProperty("price", out var p) ? decimal.Parse(p.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
            data.TryGetProperty("qty", out var q) ? decimal.Parse(q.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    public IReadOnlyList<string> EventsOf(Guid orderId) => All.Where(u => u.OrderId == orderId.ToString("D")).Select(u => u.Event).ToList();

    public sealed record Update(string Event, string OrderId, string ClientOrderId, string Status, decimal FilledQty, decimal? Price, decimal? Qty);
}
