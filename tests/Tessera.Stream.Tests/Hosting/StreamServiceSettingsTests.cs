using Tessera.Core.Errors;
using Tessera.Stream.Hosting;
using Xunit;

namespace Tessera.Stream.Tests.Hosting;

/// <summary>Storage settings of the container: a connection string, else the managed identity's endpoints as infra/ sets them.</summary>
public sealed class StreamServiceSettingsTests
{
    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.TryGetValue(name, out var v) ? v : null;

    [Fact]
    public void A_connection_string_wins_and_no_identity_is_used()
    {
        var settings = StreamServiceSettings.From(Env(new()
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage__blobServiceUri"] = "https://st.blob.core.windows.net/",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://st.table.core.windows.net/",
        }));
        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnectionString);
        Assert.Null(settings.StorageIdentity);
    }

    [Fact]
    public void Without_a_connection_string_the_identity_endpoints_and_client_id_are_read()
    {
        var settings = StreamServiceSettings.From(Env(new()
        {
            ["AzureWebJobsStorage__blobServiceUri"] = "https://st.blob.core.windows.net/",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://st.table.core.windows.net/",
            ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        }));
        Assert.Null(settings.StorageConnectionString);
        Assert.Equal(new StorageIdentity(new Uri("https://st.blob.core.windows.net/"), new Uri("https://st.table.core.windows.net/"), "00000000-0000-0000-0000-000000000001"), settings.StorageIdentity);
        var account = settings.OpenStorage();
        Assert.NotNull(account.Blobs);
        Assert.NotNull(account.Tables);
    }

    [Fact]
    public void No_storage_at_all_is_a_typed_error_naming_the_settings()
    {
        var e = Assert.Throws<TesseraValidationException>(() => StreamServiceSettings.From(Env([])));
        Assert.Equal("TESSERA_STORAGE_CONNECTION_STRING", e.Field);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://st.blob.core.windows.net/")]
    [InlineData("not-a-uri")]
    public void A_non_https_endpoint_is_refused_by_name(string blob)
    {
        var e = Assert.Throws<TesseraValidationException>(() => StreamServiceSettings.From(Env(new()
        {
            ["AzureWebJobsStorage__blobServiceUri"] = blob,
            ["AzureWebJobsStorage__tableServiceUri"] = "https://st.table.core.windows.net/",
        })));
        Assert.Equal("AzureWebJobsStorage__blobServiceUri", e.Field);
    }
}
