using System.Text;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Application;
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
    [InlineData("""{"to":"canary"}""", "reason", "a non-empty text (required: every transition is recorded with its reason)")]
    [InlineData("""{"to":"canary","reason":"  "}""", "reason", "a non-empty text (required: every transition is recorded with its reason)")]
    [InlineData("""{"reason":"x"}""", "to", PromoteRequestBody.ToRequiredRule)]
    [InlineData("""{"to":"heaven","reason":"x"}""", "to", null)]
    [InlineData("""{"to":"canary","reason":"x","force":"yes"}""", "force", PromoteRequestBody.UnknownFieldRule)]
    [InlineData("""{"to":"canary","reason":"x","reason":"y"}""", "reason", StrictJsonBody.DuplicateKeyRule)]
    [InlineData("""{"to":"canary","reason":5}""", "reason", PromoteRequestBody.StringRule)]
    [InlineData("""{"to":null,"reason":"x"}""", "to", PromoteRequestBody.StringRule)]
    [InlineData("""{"to":"canary","reason":"x"} {}""", "body", null)]
    [InlineData("""["canary"]""", "body", "must be a JSON object")]
    [InlineData("""{"to":"canary",""", "body", null)]
    [InlineData("", "body", PromoteRequestBody.EmptyRule)]
    [InlineData("""{"to":"canary","reason":"x","coverage_exception":""}""", "coverage_exception", "a non-empty text (omit it when there is none)")]
    [InlineData("""{"to":"canary","reason":"x","coverage_exception":{"a":{"b":{"c":{"d":1}}}}}""", "body", "JSON nesting is at most 4 levels")]
    [InlineData("""{"to":"canary","reason":"\ud800"}""", "reason", StrictJsonBody.TextRule)]
    public void A_bad_body_is_refused_naming_the_field_and_the_rule(string body, string field, string? rule)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PromoteRequestBody.Parse("run-1", Encoding.UTF8.GetBytes(body), "api"));
        Assert.Equal(field, ex.Field);
        if (rule is not null)
        {
            Assert.Equal(rule, ex.Rule);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Rule));
        }
    }

    [Fact]
    public void Malformed_json_and_trailing_content_are_refused_by_the_shared_strict_prelude()
    {
        var trailing = Assert.Throws<TesseraValidationException>(() => PromoteRequestBody.Parse("run-1", """{"to":"canary","reason":"x"} {}"""u8, "api"));
        Assert.StartsWith("malformed JSON at line 1", trailing.Rule, StringComparison.Ordinal);
        var unknownState = Assert.Throws<TesseraValidationException>(() => PromoteRequestBody.Parse("run-1", """{"to":"heaven","reason":"x"}"""u8, "api"));
        Assert.Equal("heaven", unknownState.Value);
    }

    [Fact]
    public void Invalid_utf8_in_a_field_is_refused_naming_the_field()
    {
        byte[] body = [.. """{"to":"canary","reason":"a"""u8, 0xC3, 0x28, .. "\"}"u8];
        var ex = Assert.Throws<TesseraValidationException>(() => PromoteRequestBody.Parse("run-1", body, "api"));
        Assert.Equal("reason", ex.Field);
        Assert.Equal(StrictJsonBody.TextRule, ex.Rule);
    }

    [Fact]
    public void A_body_over_the_limit_is_a_payload_too_large_refusal()
    {
        var big = Encoding.UTF8.GetBytes("""{"to":"canary","reason":" """ + new string('x', PromoteRequestBody.MaxBodyBytes) + "\"}");
        var ex = Assert.Throws<Tessera.Orchestrations.Application.PayloadTooLargeException>(() => PromoteRequestBody.Parse("run-1", big, "api"));

        // The refusal quotes this route's own limit (8 KiB), not the 16 KiB of the run routes.
        Assert.Equal(8 * 1024, ex.MaxBytes);
        Assert.Equal("request body must be at most 8192 bytes", ex.Rule);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_accepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"to":"frozen","reason":"done"}"""u8];
        Assert.Equal(GovernanceState.Frozen, PromoteRequestBody.Parse("run-1", body, "api").To);
    }

    [Fact]
    public void The_run_id_follows_the_one_run_id_rule()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PromoteRequest.Create("RUN-1", "canary", "x", "cli"));
        Assert.Contains("lowercase", ex.Rule, StringComparison.Ordinal);
    }
}
