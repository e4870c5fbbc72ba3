using Tessera.Core.Errors;

namespace Tessera.Trading.Events;

/// <summary>
/// Who writes the log: the process name (<c>execution</c>, <c>stream</c>, <c>functions</c>, …), the session id set
/// once at process start (seed: "Unique ID per trading session; set at process start") and the host name.
/// </summary>
public sealed record EventEnvironment
{
    public EventEnvironment(string process, Guid sessionId, string hostname)
    {
        if (string.IsNullOrWhiteSpace(process))
        {
            throw new TesseraValidationException("process", process, "must be a non-empty name");
        }

        if (sessionId == Guid.Empty)
        {
            throw new TesseraValidationException("session_id", sessionId.ToString(), "must not be the empty UUID");
        }

        if (string.IsNullOrWhiteSpace(hostname))
        {
            throw new TesseraValidationException("hostname", hostname, "must be a non-empty name");
        }

        Process = process;
        SessionId = sessionId;
        Hostname = hostname;
    }

    public string Process { get; }

    public Guid SessionId { get; }

    public string Hostname { get; }

    /// <summary>A new session for this process on this machine.</summary>
    public static EventEnvironment ForThisProcess(string process) => new(process, Guid.NewGuid(), Environment.MachineName);
}
