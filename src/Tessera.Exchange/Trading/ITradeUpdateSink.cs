namespace Tessera.Exchange.Trading;

/// <summary>Receives each trade_updates frame as it happens (called under the venue's lock: must not block).</summary>
public interface ITradeUpdateSink
{
    void Publish(byte[] frame);
}
