namespace Tessera.Alpaca.Streaming;

/// <summary>Every error code of Alpaca's market data stream (ALPACA.md). Unlisted codes keep their number in <see cref="StreamError.RawCode"/>.</summary>
public enum StreamErrorCode
{
    Unknown = 0,
    InvalidSyntax = 400,
    NotAuthenticated = 401,
    AuthFailed = 402,
    AlreadyAuthenticated = 403,
    AuthTimeout = 404,
    SymbolLimitExceeded = 405,
    ConnectionLimitExceeded = 406,
    SlowClient = 407,
    V2NotEnabled = 408,
    InsufficientSubscription = 409,
    InvalidSubscribeAction = 410,
    InsufficientScope = 411,
    InternalError = 500,
}

public static class StreamErrorCodes
{
    /// <summary>Errors that reconnecting cannot cure: wrong keys, a plan or scope without the feed. The stream gives up.</summary>
    public static bool IsFatal(StreamErrorCode code) =>
        code is StreamErrorCode.AuthFailed or StreamErrorCode.V2NotEnabled or StreamErrorCode.InsufficientSubscription or StreamErrorCode.InsufficientScope;

    public static StreamErrorCode FromRaw(int raw) =>
        Enum.IsDefined(typeof(StreamErrorCode), raw) ? (StreamErrorCode)raw : StreamErrorCode.Unknown;
}
