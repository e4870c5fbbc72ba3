using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application.Listing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application.Listing;

public sealed class RunPageRequestTests
{
    [Fact]
    public void Nothing_given_is_the_first_page_of_the_default_size()
    {
        Assert.Equal(new RunPageRequest(50, null, null), RunPageRequest.Parse(null, null, null));
        Assert.Equal(new RunPageRequest(50, null, null), RunPageRequest.Parse(null, "", null));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    public void Page_sizes_from_1_to_1000_pass(string text, int expected) => Assert.Equal(expected, RunPageRequest.ParsePageSize(text));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("10000")]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("2.5")]
    [InlineData(" 5")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public void Other_page_sizes_are_refused_naming_the_field(string text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RunPageRequest.ParsePageSize(text));
        Assert.Equal("pageSize", ex.Field);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a b")]
    [InlineData("line\nbreak")]
    [InlineData("\"quoted\"")]
    [InlineData("dC0z")] // a runtime token as the runtime issues it, without Tessera's check
    [InlineData("ZEMweg.00000000")] // well formed, wrong check
    [InlineData("ZEMweg.1234567")] // check one character short
    [InlineData("!!!!.12345678")]
    [InlineData(".12345678")]
    public void Tokens_this_api_did_not_issue_are_refused(string token)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RunPageRequest.ParseToken(token));
        Assert.Equal("continuationToken", ex.Field);
    }

    [Theory]
    [InlineData("dC0z")]
    [InlineData("a+b/c=")]
    [InlineData("{\"NextPartitionKey\":\"run-9\"}")]
    public void An_issued_token_gives_back_the_runtime_token_and_one_changed_character_is_refused(string runtimeToken)
    {
        var issued = RunPageToken.Wrap(runtimeToken);
        Assert.Equal(runtimeToken, RunPageRequest.ParseToken(issued));
        var tampered = (issued[0] == 'A' ? 'B' : 'A') + issued[1..];
        Assert.Throws<TesseraValidationException>(() => RunPageRequest.ParseToken(tampered));
    }

    [Fact]
    public void Tokens_longer_than_2048_characters_are_refused_and_the_message_does_not_echo_them_whole()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RunPageRequest.ParseToken(new string('a', 2049)));
        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    [Theory]
    [InlineData("Completed", OrchestrationRuntimeStatus.Completed)]
    [InlineData("running", OrchestrationRuntimeStatus.Running)]
    public void Statuses_are_the_api_names_in_any_case(string text, OrchestrationRuntimeStatus expected) =>
        Assert.Equal(expected, RunPageRequest.ParseStatus(text));

    [Fact]
    public void An_unknown_status_is_refused_listing_the_known_ones()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RunPageRequest.ParseStatus("Lost"));
        Assert.Equal("status", ex.Field);
        Assert.Contains("Completed", ex.Rule, StringComparison.Ordinal);
    }
}
