using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Trading.Events;

/// <summary>
/// The alerting configuration (mapped from config/trading.yaml by the host). Defaults are the seed's: more than 20
/// deferrals in an hour, a reconnect attempt count of 3 or more within 10 minutes. <see cref="LocalChannels"/> receive
/// every alert on top of the rule's channels. <see cref="Rules"/> replaces or adds rules by code.
/// </summary>
public sealed record AlertingOptions
{
    public int OrderDeferralsPerHour { get; init; } = 20;

    public int ReconnectAttemptsPerTenMinutes { get; init; } = 2;

    public AlertChannels LocalChannels { get; init; } = AlertChannels.File | AlertChannels.Terminal;

    /// <summary>How long one channel may take to deliver one alert before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<AlertRule> Rules { get; init; } = [];

    public void Validate()
    {
        if (OrderDeferralsPerHour < 1)
        {
            throw new TesseraValidationException("alerting.order_deferrals_per_hour", OrderDeferralsPerHour.ToString(CultureInfo.InvariantCulture), "must be >= 1");
        }

        if (ReconnectAttemptsPerTenMinutes < 1)
        {
            throw new TesseraValidationException("alerting.reconnect_attempts_per_ten_minutes", ReconnectAttemptsPerTenMinutes.ToString(CultureInfo.InvariantCulture), "must be >= 1");
        }

        if ((LocalChannels & ~(AlertChannels.File | AlertChannels.Terminal)) != AlertChannels.None)
        {
            throw new TesseraValidationException("alerting.local_channels", LocalChannels.ToString(), "must be file and/or terminal");
        }

        if (DeliveryTimeout <= TimeSpan.Zero || DeliveryTimeout > TimeSpan.FromMinutes(5))
        {
            throw new TesseraValidationException("alerting.delivery_timeout", DeliveryTimeout.ToString("c", CultureInfo.InvariantCulture), "must be > 0 and <= 5 minutes");
        }

        foreach (var rule in Rules)
        {
            EventJson.ValidateCode(rule.Code);
            if (rule.Rate is { } rate && (rate.MoreThan < 0 || rate.Window <= TimeSpan.Zero))
            {
                throw new TesseraValidationException("alerting.rules." + rule.Code + ".rate", rate.MoreThan.ToString(CultureInfo.InvariantCulture), "needs more_than >= 0 and a positive window");
            }
        }
    }
}
