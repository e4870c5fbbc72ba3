using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Http;

/// <summary>Kestrel on 127.0.0.1 (never another interface) with every route of the exchange.</summary>
internal static class ExchangeServer
{
    public static WebApplication Build(ExchangeRuntime rt, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Use(RequestGate.Create(rt));
        TradingEndpoints.Map(app, rt);
        MarketDataEndpoints.Map(app, rt);
        AdminEndpoints.Map(app, rt);
        StreamEndpoints.Map(app, rt);
        app.MapFallback((RequestDelegate)(ctx => HttpIo.ErrorAsync(ctx, ExchangeError.RouteNotFound)));
        return app;
    }
}
