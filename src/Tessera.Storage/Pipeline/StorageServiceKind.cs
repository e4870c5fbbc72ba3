namespace Tessera.Storage.Pipeline;

/// <summary>Which REST dialect a pipeline speaks: headers and the Shared Key form differ between Blob and Table.</summary>
public enum StorageServiceKind
{
    Blob,
    Table,
}
