using Tessera.Core.Errors;

namespace Tessera.Alpaca.Configuration;

/// <summary>The broker a trading command talks to. Always chosen explicitly; the default is the local exchange.</summary>
public enum BrokerTarget
{
    Local,
    AlpacaPaper,
    AlpacaLive,
}

public static class BrokerTargets
{
    public static IReadOnlyList<string> Names { get; } = ["local", "alpaca-paper", "alpaca-live"];

    public static string Name(BrokerTarget target) => target switch
    {
        BrokerTarget.Local => "local",
        BrokerTarget.AlpacaPaper => "alpaca-paper",
        BrokerTarget.AlpacaLive => "alpaca-live",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static BrokerTarget Parse(string text, string field = "--broker") => text.Trim().ToLowerInvariant() switch
    {
        "local" => BrokerTarget.Local,
        "alpaca-paper" => BrokerTarget.AlpacaPaper,
        "alpaca-live" => BrokerTarget.AlpacaLive,
        _ => throw new TesseraValidationException(field, text, "must be one of " + string.Join(", ", Names)),
    };
}
