using Tessera.Trading.Desk;

namespace Tessera.Orchestrations.Trading;

/// <summary>How activities and commands get the account's desk: the host knows the broker, the storage and the configuration.</summary>
public sealed class TradingServices(Func<CancellationToken, Task<TradingDesk>> openDesk)
{
    public Task<TradingDesk> OpenDeskAsync(CancellationToken cancellationToken = default) => openDesk(cancellationToken);
}
