using Edge.Gateway.Api;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Hosting;
using Prometheus;

namespace Edge.Gateway;

/// <summary>Builds the web application; tests call this too, so the test gateway is wired like the real one.</summary>
internal static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, GatewayHostOptions.Switches);
        GatewayHostOptions options = GatewayHostOptions.From(builder.Configuration);
        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.HttpPort}");
        }

        // Per-request lines would drown the gateway's own log at dashboard scrape rates.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddEdgeGateway(options);
        WebApplication app = builder.Build();
        app.MapGatewayApi();
        GatewayMetrics metrics = app.Services.GetRequiredService<GatewayMetrics>();
        metrics.ObserveRuntime(app.Services.GetRequiredService<GatewayRuntime>());
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
