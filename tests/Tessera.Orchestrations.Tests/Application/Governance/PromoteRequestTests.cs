using System.Text;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Application.Governance;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application.Governance;

/// <summary>The promote body is parsed strictly: every refusal names its field.</summary>
public sealed class PromoteRequestTests
{
    [Fact]
    public void A_valid_body_parses_to_the_request()
    {
        var r = PromoteRequestBody.Parse("run-1", Encoding.UTF8.GetBytes("""{"to":"canary","reason":" coverage ok ","coverage_exception":"vendor gap 2024-01-02"}"""), "api");
        Assert.Equal(new PromoteRequest("run-1", GovernanceState.Canary, "coverage ok", "api", "vendor gap 2024-01-02"), r);
    }

    [Theory]
    [InlineData("""{"to":"canary"}""", "reason")]
    [InlineData("""{"to":"canary","reason":"  "}""", "reason")]
    [InlineData("""{"reason":"x"}""", "to")]
    [InlineData("""{"to":"heaven","reason":"x"}""", "to")]
    [InlineData("""{"to":"canary","reason":"x","force":"yes"}""", "force")]
    [InlineData("""{"to":"canary","reason":"x","reason":"y"}""", "reason")]
    [InlineData("""{"to":"canary","reason":5}""", "reason")]
    [InlineData("""{"to":"canary","reason":"x"} {}""", "body")]
    [InlineData("""["canary"]""", "body")]
    [InlineData("""{"to":"canary",""", "body")]
    [InlineData("""{"to":"canary","reason":"x","coverage_exception":""}""", "coverage_exception")]
    public void A_bad_body_is_refused_naming_the_field(string body, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PromoteRequestBody.Parse("run-1", Encoding.UTF8.GetBytes(body), "api"));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void The_run_id_follows_the_one_run_id_rule()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PromoteRequest.Create("RUN-1", "canary", "x", "cli"));
        Assert.Contains("lowercase", ex.Rule, StringComparison.Ordinal);
    }
}
