using Tessera.Core.Errors;

namespace Tessera.Storage.Blobs;

/// <summary>Validation of container and blob names before any request (URL escaping is the SDK's).</summary>
public static class BlobNames
{
    public const int MaxBlobNameLength = 1024;

    /// <summary>Container names: 3-63 chars, lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static void ValidateContainer(string container)
    {
        if (container is null || container.Length is < 3 or > 63)
        {
            throw new TesseraValidationException("container", container, "must be 3-63 characters");
        }

        for (var i = 0; i < container.Length; i++)
        {
            var c = container[i];
            var ok = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '-' && i > 0 && i < container.Length - 1 && container[i - 1] != '-');
            if (!ok)
            {
                throw new TesseraValidationException("container", container, "must be lowercase letters, digits and single inner hyphens");
            }
        }
    }

    /// <summary>Blob names: 1-1024 chars, no control characters or backslash, no empty, "." or ".." segments.</summary>
    public static void ValidateBlobName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxBlobNameLength)
        {
            throw new TesseraValidationException("blob name", name, $"must be 1-{MaxBlobNameLength} characters");
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || c == '\\')
            {
                throw new TesseraValidationException("blob name", name, "must not contain control characters or '\\'");
            }
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new TesseraValidationException("blob name", name, "must not contain empty, '.' or '..' path segments");
            }
        }
    }
}
