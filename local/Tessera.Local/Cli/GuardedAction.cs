using System.CommandLine;
using Tessera.Core.Errors;
using Tessera.Storage.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// Wraps a command body so that every failure leaves as a clear message and a documented exit code
/// (ExitCodes) instead of a stack trace: bad input -> 2, unavailable dependency -> 3, a lenient import that accepted
/// no row -> 4.
/// </summary>
public static class GuardedAction
{
    public static void SetGuardedAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (Tessera.Core.Data.Import.NothingAcceptedException ex)
            {
                await WriteAsync(context, "error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.NothingImported;
            }
            catch (TesseraValidationException ex)
            {
                await WriteAsync(context, "error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (StorageUnreachableException ex)
            {
                await WriteAsync(context, "error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            catch (StorageRequestException ex)
            {
                await WriteAsync(context, $"error: storage request failed (HTTP {ex.Status} {ex.ErrorCode}): {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            catch (Tessera.Alpaca.Rest.AlpacaTransportException ex)
            {
                await WriteAsync(context, $"error: cannot reach the broker: {ex.Reason} (the local exchange: 'tessera exchange serve'; another broker: TESSERA_BROKER)").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            catch (Tessera.Alpaca.Errors.AlpacaApiException ex)
            {
                await WriteAsync(context, "error: the broker refused: " + ex.Message).ConfigureAwait(false);
                return ex.Kind is Tessera.Alpaca.Errors.AlpacaErrorKind.Unauthorized ? ExitCodes.Unavailable : ExitCodes.Failed;
            }
            catch (DependencyUnavailableException ex)
            {
                await WriteAsync(context, "error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
    }

    /// <summary>Every error line passes the redaction: a URL's password or a key in a message never reaches the terminal.</summary>
    private static Task WriteAsync(CliContext context, string line) => context.Error.WriteLineAsync(Redaction.Text(line));
}

/// <summary>A tool the command needs is missing (e.g. Azurite not installed); the message says how to get it.</summary>
public sealed class DependencyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
