namespace Tessera.Core.Data.Import;

/// <summary>Strict: the first invalid row aborts the import with a <see cref="DataImportException"/>. Lenient: invalid rows are dropped and tallied in the report.</summary>
public enum ImportMode
{
    Strict = 0,
    Lenient = 1,
}
