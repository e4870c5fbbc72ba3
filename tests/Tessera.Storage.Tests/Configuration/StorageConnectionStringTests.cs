using Tessera.Storage.Configuration;
using Tessera.Storage.Local;
using Xunit;

namespace Tessera.Storage.Tests.Configuration;

public sealed class StorageConnectionStringTests
{
    // A syntactically valid, made-up key: it must never show up in an error message.
    private const string SecretKey = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwYWJjZGVmZ2hpams=";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("usedevelopmentstorage=TRUE;")]
    public void Development_storage_means_azurite_on_default_ports(string text)
    {
        var cs = StorageConnectionString.Parse(text);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), cs.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), cs.TableEndpoint);
        Assert.Equal(AzuriteLauncher.DevAccountName, cs.AccountName);
    }

    [Fact]
    public void Account_strings_build_https_endpoints_from_name_and_suffix()
    {
        var cs = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=tessera01;AccountKey={SecretKey};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(new Uri("https://tessera01.blob.core.chinacloudapi.cn"), cs.BlobEndpoint);
        Assert.Equal(new Uri("https://tessera01.table.core.chinacloudapi.cn"), cs.TableEndpoint);
        Assert.Equal("tessera01", cs.AccountName);
    }

    [Fact]
    public void Defaults_are_https_and_core_windows_net()
    {
        var cs = StorageConnectionString.Parse($"AccountName=acct;AccountKey={SecretKey}");
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), cs.BlobEndpoint);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), cs.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_as_produced_by_the_azurite_launcher_are_used_verbatim_without_trailing_slash()
    {
        var text = $"DefaultEndpointsProtocol=http;AccountName={AzuriteLauncher.DevAccountName};AccountKey={AzuriteLauncher.DevAccountKey};" +
            "BlobEndpoint=http://127.0.0.1:41001/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:41002/devstoreaccount1;TableEndpoint=http://127.0.0.1:41003/devstoreaccount1;";
        var cs = StorageConnectionString.Parse(text);
        Assert.Equal("http://127.0.0.1:41001/devstoreaccount1", cs.BlobEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:41003/devstoreaccount1", cs.TableEndpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("AccountKey=" + SecretKey, "AccountName")]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=not*base64!" + SecretKey, "AccountKey")]
    [InlineData("AccountName=bad_name;AccountKey=" + SecretKey, "AccountName")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";BlobEndpoint=not a uri", "BlobEndpoint")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";TableEndpoint=ftp://x/y", "TableEndpoint")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";EndpointSuffix=a/b", "EndpointSuffix")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";AccountName=other", "AccountName")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";Colour=blue", "Colour")]
    [InlineData("AccountName=acct;" + SecretKey, "segment 2")]
    [InlineData("AccountName=acct;" + SecretKey + "x=y", "segment 2")]
    [InlineData("AccountName=acct;justtext" + SecretKey, "segment 2")]
    [InlineData("UseDevelopmentStorage=yes;AccountKey=" + SecretKey, "UseDevelopmentStorage")]
    [InlineData("AccountName=acct;SharedAccessSignature=sv=2020&sig=" + SecretKey, "SharedAccessSignature")]
    [InlineData("", "ConnectionString")]
    public void Malformed_strings_name_the_key_and_never_echo_the_account_key(string text, string field)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageConnectionString.Parse(text));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey[..16], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey[..16], error.Value ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void ToString_hides_the_key()
    {
        var cs = StorageConnectionString.Parse($"AccountName=acct;AccountKey={SecretKey}");
        Assert.DoesNotContain(SecretKey[..16], cs.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey[..16], cs.Credential.ToString(), StringComparison.Ordinal);
    }
}
