using Tessera.Core.Errors;
using Tessera.Core.Signals;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// The direction of a life-cycle atom as written in profiles and run artifacts ("LONG" / "SHORT"), parsed once
/// into <see cref="SignalSide"/> and named back the same way.
/// </summary>
public static class AtomDirection
{
    public const string Long = "LONG";
    public const string Short = "SHORT";

    public static SignalSide Parse(string text) => text switch
    {
        Long => SignalSide.Long,
        Short => SignalSide.Short,
        _ => throw new TesseraValidationException("direction", text, "an atom direction is LONG or SHORT"),
    };

    public static string Name(SignalSide direction) => direction switch
    {
        SignalSide.Long => Long,
        SignalSide.Short => Short,
        _ => throw new TesseraValidationException("direction", direction.ToString(), "an atom direction is LONG or SHORT"),
    };
}
