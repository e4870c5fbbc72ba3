using Tessera.Core.Errors;

namespace Tessera.Trading.Configuration;

/// <summary>
/// A bad trading configuration: names the field path (e.g. <c>profiles.canary.policy.per_order_usd</c>), the value
/// and the rule, and where it was found (<c>source:line</c>). A subclass of the validation error so hosts map it to
/// exit code 2 / HTTP 400 like any other bad input.
/// </summary>
public sealed class TradingConfigurationException : TesseraValidationException
{
    public TradingConfigurationException(string field, string? value, string rule, string? location = null)
        : base(field, value, rule, location)
    {
    }

    public TradingConfigurationException()
    {
    }

    public TradingConfigurationException(string message)
        : base(message)
    {
    }

    public TradingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
