using Edge.Gateway.Api;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Demo;
using Edge.Gateway.Hosting;
using Edge.Gateway.Metrics;
using Prometheus;

namespace Edge.Gateway;

/// <summary>Builds the web application; tests call this too, so the test gateway is wired like the real one.</summary>
internal static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        args = DemoMode.Arguments(args, out bool demo);

        // Heartbeats are judged as they arrive on the thread pool: do not let a cold start wait for thread injection.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        // No reloading of configuration files: nothing here is reloadable, and the watcher it needs sees every write
        // of a database kept in the working directory (its thread was 3 % of the gateway's CPU under ingest load).
        WebApplicationBuilder builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        builder.Configuration.AddCommandLine(args, GatewayHostOptions.Switches);
        GatewayHostOptions options = GatewayHostOptions.From(builder.Configuration);
        if (demo)
        {
            options.Gateway.Supervisor = DemoMode.Supervisor(options.Gateway.Supervisor);
            builder.Services.AddSingleton<DemoFleet>();
            builder.Services.AddSingleton<IScaleActuator>(sp => sp.GetRequiredService<DemoFleet>());
        }
        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.HttpPort}");
        }

        // Per-request lines would drown the gateway's own log at dashboard scrape rates.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddEdgeGateway(options);
        if (demo)
        {
            // Registered after the gateway's own hosted service: the fleet starts once the broker is up.
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoFleet>());
            builder.Services.AddHostedService<DemoBanner>();
        }

        WebApplication app = builder.Build();
        if (demo)
        {
            app.MapSimApi();
        }

        app.MapGatewayApi();
        app.MapDashboard();
        GatewayMetrics metrics = app.Services.GetRequiredService<GatewayMetrics>();
        GatewayQueries queries = app.Services.GetRequiredService<GatewayQueries>();
        metrics.Observe(queries);
        FleetMetrics.Observe(metrics.Registry, queries);
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
