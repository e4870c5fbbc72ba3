using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>
/// Warnings and errors of the runtime (backend, sidecar, worker) into the test's output, and kept so a test can show
/// them when it fails. Logging outlives the test by a little (background loops): late lines are dropped.
/// </summary>
public sealed class TestLogging : ILoggerProvider
{
    private readonly ITestOutputHelper _output;

    private TestLogging(ITestOutputHelper output) => _output = output;

    public ConcurrentQueue<string> Lines { get; } = new();

    public static (ILoggerFactory Factory, TestLogging Log) Create(ITestOutputHelper output)
    {
        var log = new TestLogging(output);
        var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning).AddProvider(log));
        return (factory, log);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        Lines.Enqueue(line);
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished.
        }
    }

    private sealed class Logger(TestLogging owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
