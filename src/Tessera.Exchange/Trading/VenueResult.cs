using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Trading;

/// <summary>The outcome of a venue operation: a value, or an Alpaca-shaped error (and then nothing changed).</summary>
public readonly record struct VenueResult<T>(T? Value, ExchangeError? Error)
    where T : class
{
    public bool IsSuccess => Error is null;

    public static implicit operator VenueResult<T>(ExchangeError error) => new(null, error);

    public static VenueResult<T> Ok(T value) => new(value, null);
}

/// <summary>An accepted order, and its JSON as it stood at acceptance (the POST answer, before any fill).</summary>
public sealed record AcceptedOrder(ExchangeOrder Order, byte[] Json);
