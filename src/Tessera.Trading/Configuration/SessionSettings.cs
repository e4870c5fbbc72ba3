namespace Tessera.Trading.Configuration;

/// <summary>
/// Section <c>profiles.NAME.session</c> (SEP, seed 004): no adds in the last <see cref="BlockAddsLastMinutes"/> of the
/// regular session; intraday positions are flattened <see cref="ExitBeforeCloseMinutes"/> before the close.
/// </summary>
public sealed record SessionSettings(int BlockAddsLastMinutes, int ExitBeforeCloseMinutes);
