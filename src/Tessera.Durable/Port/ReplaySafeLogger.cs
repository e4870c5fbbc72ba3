using Microsoft.Extensions.Logging;

namespace Tessera.Durable;

/// <summary>Forwards to an inner logger only when the orchestration is not replaying (no duplicate log lines).</summary>
public sealed class ReplaySafeLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly Func<bool> _isReplaying;

    public ReplaySafeLogger(ILogger inner, Func<bool> isReplaying)
    {
        _inner = inner;
        _isReplaying = isReplaying;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !_isReplaying() && _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_isReplaying())
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
