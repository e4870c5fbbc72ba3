using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Xunit;

namespace Tessera.Local.Tests.Parity;

/// <summary>The local host maps exactly the routes of ApiRoutes (which the parity test compares with functions/).</summary>
public sealed class LocalRouteTableTests
{
    [Fact]
    public async Task Local_host_maps_exactly_the_api_route_table()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();
        LocalApi.Map(app, runs: null!, apiKey: "k", readiness: () => Task.FromResult(true));
        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, Method: e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single(), Route: e.RoutePattern.RawText!.TrimStart('/')))
            .OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var expected = ApiRoutes.All.Select(r => (r.Name, r.Method, Route: r.Template)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, mapped);
    }
}
