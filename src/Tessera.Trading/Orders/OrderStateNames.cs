using Tessera.Core.Errors;

namespace Tessera.Trading.Orders;

/// <summary>The seed's spelling of each state (PARTIALLY_FILLED, SUBMISSION_UNKNOWN, ...), used in storage, ledger and events.</summary>
public static class OrderStateNames
{
    private static readonly string[] Names = Build();

    public static string Wire(OrderState state) => Names[(int)state];

    /// <summary>Parses a stored name; a name that is not a state is a typed error naming the field.</summary>
    public static OrderState Parse(string field, string? name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return (OrderState)i;
            }
        }

        throw new TesseraValidationException(field, name, "must be one of " + string.Join(", ", Names));
    }

    private static string[] Build()
    {
        var states = Enum.GetValues<OrderState>();
        var names = new string[states.Length];
        foreach (var s in states)
        {
            // PartiallyFilled -> PARTIALLY_FILLED
            var text = s.ToString();
            var sb = new System.Text.StringBuilder(text.Length + 4);
            for (var i = 0; i < text.Length; i++)
            {
                if (i > 0 && char.IsUpper(text[i]))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToUpperInvariant(text[i]));
            }

            names[(int)s] = sb.ToString();
        }

        return names;
    }
}
