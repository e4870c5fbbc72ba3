using System.Text.Json.Serialization;
using Tessera.Core.Errors;

namespace Tessera.Core;

/// <summary>
/// The side of a position, a signal or an atom: the one vocabulary for direction everywhere (signals, candidates,
/// atoms, backtest positions and trades, sizing requests). Flat = no position / exit. Parsed once at the edge
/// (<see cref="SideText"/>); its wire form in profiles and run artifacts is "FLAT" / "LONG" / "SHORT" whatever the
/// JSON options (the member names below override any naming policy). One byte, so hot paths keep arrays of it.
/// The numeric values are not signs (<see cref="SideText.Sign"/> is) and keep the order Flat &lt; Long &lt; Short.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Side>))]
public enum Side : byte
{
    [JsonStringEnumMemberName(SideText.Flat)]
    Flat = 0,

    [JsonStringEnumMemberName(SideText.Long)]
    Long = 1,

    [JsonStringEnumMemberName(SideText.Short)]
    Short = 2,
}

/// <summary>Parsing, naming and arithmetic of <see cref="Side"/>.</summary>
public static class SideText
{
    /// <summary>The wire form of <see cref="Side.Flat"/> (profiles, artifacts, candidate files).</summary>
    public const string Flat = "FLAT";

    /// <summary>The wire form of <see cref="Side.Long"/>.</summary>
    public const string Long = "LONG";

    /// <summary>The wire form of <see cref="Side.Short"/>.</summary>
    public const string Short = "SHORT";

    /// <summary>The rule a direction (an atom's or a candidate's side) must satisfy.</summary>
    public const string DirectionRule = "a direction is LONG or SHORT";

    /// <summary>"FLAT", "LONG" or "SHORT".</summary>
    public static string ToText(this Side side) => side switch
    {
        Side.Long => Long,
        Side.Short => Short,
        Side.Flat => Flat,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "not a side"),
    };

    /// <summary>"flat", "long" or "short" (the lower-case form of backtest trade files).</summary>
    public static string ToLowerText(this Side side) => side switch
    {
        Side.Long => "long",
        Side.Short => "short",
        Side.Flat => "flat",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "not a side"),
    };

    /// <summary>+1 long, -1 short, 0 flat: the sign a quantity or a return takes on this side.</summary>
    public static int Sign(this Side side) => side switch
    {
        Side.Long => 1,
        Side.Short => -1,
        _ => 0,
    };

    /// <summary>The side of a signed quantity: Long above 0, Short below, Flat at 0 (and NaN).</summary>
    public static Side OfSign(double signedQuantity) =>
        signedQuantity > 0 ? Side.Long : signedQuantity < 0 ? Side.Short : Side.Flat;

    /// <summary>Long or Short, never Flat.</summary>
    public static bool IsDirection(this Side side) => side is Side.Long or Side.Short;

    /// <summary>Exactly "FLAT", "LONG" or "SHORT" (the wire form; case and blanks matter).</summary>
    public static bool TryParse(string? text, out Side side)
    {
        switch (text)
        {
            case Long:
                side = Side.Long;
                return true;
            case Short:
                side = Side.Short;
                return true;
            case Flat:
                side = Side.Flat;
                return true;
            default:
                side = Side.Flat;
                return false;
        }
    }

    /// <summary>
    /// Parses a direction (an atom's or a candidate's side): exactly "LONG" or "SHORT"; anything else, FLAT
    /// included, is a <see cref="TesseraValidationException"/> naming <paramref name="field"/>, the value and the rule.
    /// </summary>
    public static Side ParseDirection(string? text, string field, string rule = DirectionRule) =>
        TryParse(text, out var side) && side.IsDirection() ? side : throw new TesseraValidationException(field, text, rule);

    /// <summary>Checks that <paramref name="side"/> is a direction (Long or Short), naming <paramref name="field"/> otherwise.</summary>
    public static Side RequireDirection(Side side, string field, string rule = DirectionRule) =>
        side.IsDirection() ? side : throw new TesseraValidationException(field, side.ToString(), rule);
}
