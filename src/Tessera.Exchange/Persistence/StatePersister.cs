using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Persistence;

/// <summary>
/// Write-behind: every <see cref="Interval"/> the changes since the last save are taken from the venue (under its
/// lock, as JSON) and written outside the lock, so trading is never slowed by storage. A failed save is retried
/// before newer changes (order kept). <see cref="FlushAsync"/> runs at shutdown: a clean stop loses nothing; a crash
/// can lose at most the last interval (documented in docs/BROKER.md).
/// </summary>
public sealed class StatePersister : IAsyncDisposable
{
    private readonly Venue _venue;
    private readonly IExchangeStateStore _store;
    private readonly string _accountKey;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly Action<string>? _log;
    private ExchangeChanges? _failed;
    private Task? _loop;

    public StatePersister(Venue venue, IExchangeStateStore store, string accountKey, TimeSpan interval, Action<string>? log = null)
    {
        _venue = venue;
        _store = store;
        _accountKey = accountKey;
        Interval = interval;
        _log = log;
    }

    public TimeSpan Interval { get; }

    public long Saves { get; private set; }

    public long Failures { get; private set; }

    public void Start() => _loop = Task.Run(RunAsync);

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_failed is { } retry)
            {
                await _store.SaveAsync(_accountKey, retry, cancellationToken).ConfigureAwait(false);
                _failed = null;
            }

            var changes = _venue.TakeChanges();
            if (changes is null)
            {
                return;
            }

            try
            {
                await _store.SaveAsync(_accountKey, changes, cancellationToken).ConfigureAwait(false);
                Saves++;
            }
            catch
            {
                _failed = changes;
                throw;
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        _stop.Dispose();
        _saving.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
                await FlushAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or IOException or HttpRequestException)
            {
                Failures++;
                _log?.Invoke("exchange state save failed (will retry): " + ex.Message.Split('\n')[0]);
            }
        }
    }
}
