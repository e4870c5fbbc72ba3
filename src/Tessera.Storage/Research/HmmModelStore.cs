using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Research;

/// <summary>
/// The persisted regime models (seed 000 hmm_models/, "versioned by fit date"): research/hmm_models/SYMBOL/
/// yyyy-MM-dd-NNN.json, one immutable blob per fit (create-only; a second fit on one day takes the next NNN), so the
/// latest model is the greatest name and every earlier model stays readable. A model is written only after the fit
/// succeeded, whole, in one request: a failed fit leaves nothing behind.
/// </summary>
public sealed class HmmModelStore(IBlobStore blobs)
{
    public const string Prefix = "hmm_models/";
    private const int MaxFitsPerDay = 999;

    public static string Folder(string symbol) => Prefix + symbol.ToUpperInvariant() + "/";

    /// <summary>The latest model of <paramref name="symbol"/> with its blob name, or null when none was ever fitted.</summary>
    public async Task<(HmmModelRecord Model, string Name)?> LatestAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var names = await NamesAsync(symbol, cancellationToken).ConfigureAwait(false);
        if (names.Count == 0)
        {
            return null;
        }

        var name = names[^1];
        var download = await blobs.GetAsync(ResearchStore.Container, name, null, cancellationToken).ConfigureAwait(false);
        return (Parse(download.Content, name), name);
    }

    /// <summary>Every stored fit of <paramref name="symbol"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string symbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var names = new List<string>();
        try
        {
            await foreach (var blob in blobs.ListAsync(ResearchStore.Container, Folder(symbol), cancellationToken).ConfigureAwait(false))
            {
                if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    names.Add(blob.Name);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            return names; // no research container yet: nothing was ever fitted
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Writes a new fit create-only; returns its blob name.</summary>
    public async Task<string> SaveAsync(HmmModelRecord model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        _ = model.ToParameters(); // never persist a model that would not load back
        var bytes = JsonSerializer.SerializeToUtf8Bytes(model, ResearchStore.Json);
        await blobs.CreateContainerIfNotExistsAsync(ResearchStore.Container, cancellationToken).ConfigureAwait(false);
        var day = model.FitDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var existing = await NamesAsync(model.Symbol, cancellationToken).ConfigureAwait(false);
        var sequence = existing.Count(n => n.StartsWith(Folder(model.Symbol) + day + "-", StringComparison.Ordinal)) + 1;
        for (; sequence <= MaxFitsPerDay; sequence++)
        {
            var name = $"{Folder(model.Symbol)}{day}-{sequence.ToString("D3", CultureInfo.InvariantCulture)}.json";
            try
            {
                await blobs.PutAsync(ResearchStore.Container, name, bytes, BlobWriteCondition.CreateOnly, "application/json", cancellationToken).ConfigureAwait(false);
                return name;
            }
            catch (StorageConflictException)
            {
                // Another fit took this number first: take the next one.
            }
        }

        throw new TesseraValidationException("hmm_models", day, $"at most {MaxFitsPerDay} fits per symbol and day");
    }

    /// <summary>Reads a stored model strictly: malformed JSON or an invalid model is a typed error naming the blob.</summary>
    public static HmmModelRecord Parse(byte[] content, string name)
    {
        HmmModelRecord? model;
        try
        {
            model = JsonSerializer.Deserialize<HmmModelRecord>(content, ResearchStore.Json);
        }
        catch (JsonException e)
        {
            throw new TesseraValidationException(name, e.Path, "not a stored HMM model: " + e.Message);
        }

        if (model is null || model.States is null || string.IsNullOrEmpty(model.Version) || string.IsNullOrEmpty(model.Symbol))
        {
            throw new TesseraValidationException(name, null, "not a stored HMM model (version, symbol and states are required)");
        }

        _ = model.ToParameters();
        _ = model.RegimeLabel;
        return model;
    }
}
