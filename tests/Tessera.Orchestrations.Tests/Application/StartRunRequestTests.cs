using System.Text;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application;

public sealed class StartRunRequestTests
{
    private static StartRunRequest Parse(string json) => StartRunRequest.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parses_profile_and_optional_run_id()
    {
        Assert.Equal(new StartRunRequest("default", null), Parse("""{"profile":"default"}"""));
        Assert.Equal(new StartRunRequest("default", "r1"), Parse("""{"profile":"default","run_id":"r1"}"""));
    }

    [Theory]
    [InlineData("{\"profile\":", "body")]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("", "body")]
    [InlineData("{}", "profile")]
    [InlineData("{\"profile\":42}", "profile")]
    [InlineData("{\"profile\":\"\"}", "profile")]
    [InlineData("{\"profile\":\"default\",\"run_id\":7}", "run_id")]
    [InlineData("{\"profile\":\"default\",\"sneaky\":true}", "sneaky")]
    public void Bad_bodies_name_the_field(string json, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Parse(json));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Oversized_bodies_are_refused_without_echoing_them()
    {
        var big = "{\"profile\":\"" + new string('x', StartRunRequest.MaxBodyBytes) + "\"}";
        var ex = Assert.Throws<PayloadTooLargeException>(() => Parse(big));
        Assert.Equal("body", ex.Field);
        Assert.Equal("request body must be at most 16384 bytes", ex.Rule);
        Assert.True(ex.Message.Length < 300);
    }
}
