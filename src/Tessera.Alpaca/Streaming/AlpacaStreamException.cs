namespace Tessera.Alpaca.Streaming;

/// <summary>A stream refused the session (auth failed, no subscription for the feed...) or could not be reached.</summary>
public sealed class AlpacaStreamException : Exception
{
    public AlpacaStreamException(StreamErrorCode code, int rawCode, string serverMessage)
        : base($"stream error {rawCode} ({code}): {serverMessage}")
    {
        Code = code;
        RawCode = rawCode;
        ServerMessage = serverMessage;
    }

    public AlpacaStreamException()
        : this(StreamErrorCode.Unknown, 0, "unspecified")
    {
    }

    public AlpacaStreamException(string message)
        : this(StreamErrorCode.Unknown, 0, message)
    {
    }

    public AlpacaStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    public StreamErrorCode Code { get; }

    public int RawCode { get; }

    public string ServerMessage { get; }
}
