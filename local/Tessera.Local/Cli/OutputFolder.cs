using System.Text;
using Tessera.Orchestrations.Backtests;
using Tessera.Core.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// The <c>--out DIR</c> of the analysis commands (backtest, walkforward, validate, ic): nothing is created before the
/// inputs are valid and the work is done. <see cref="Validate"/> only checks the path; <see cref="WriteAsync"/> writes
/// every file into a temporary sibling folder (<c>.DIR.tmp-*</c>) and then moves it into place in one rename (into an
/// existing DIR: file by file, replacing same-named files). A run that fails - bad CSV, unknown strategy, a write
/// error - leaves no folder and no file behind.
/// </summary>
public static class OutputFolder
{
    /// <summary>Checks <paramref name="path"/> names a folder that can be created; creates nothing.</summary>
    public static string Validate(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new TesseraValidationException("--out", path, "must name an output directory");
        }

        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new TesseraValidationException("--out", path, "must name a directory, not an existing file");
        }

        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        if (parent is null)
        {
            throw new TesseraValidationException("--out", path, "must not be a filesystem root");
        }

        return path;
    }

    /// <summary>Writes <paramref name="files"/> under <paramref name="dir"/> through a temporary sibling folder, then moves them into place.</summary>
    public static async Task WriteAsync(string dir, IReadOnlyList<BacktestFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Validate(dir)));
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(target) + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var f in files)
            {
                // Names may hold folders (a walk-forward's splits/<strategy>/split-NNN/...), always '/'-separated.
                var path = Path.GetFullPath(Path.Combine(temp, f.Name.Replace('/', Path.DirectorySeparatorChar)));
                if (!path.StartsWith(temp + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new TesseraValidationException("file", f.Name, "an output file must stay inside the output folder");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, f.Content, new UTF8Encoding(false), ct).ConfigureAwait(false);
            }

            if (!Directory.Exists(target))
            {
                Directory.Move(temp, target);
                return;
            }

            MoveInto(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>An existing folder (a re-run into the same --out): every file of the finished temporary folder replaces its namesake.</summary>
    private static void MoveInto(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Move(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var sub in Directory.EnumerateDirectories(from))
        {
            MoveInto(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
