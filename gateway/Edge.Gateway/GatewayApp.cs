using Edge.Gateway.Api;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Demo;
using Edge.Gateway.Hosting;
using Edge.Gateway.Metrics;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;
using Prometheus;

namespace Edge.Gateway;

/// <summary>Builds the web application; tests call this too, so the test gateway is wired like the real one.</summary>
internal static class GatewayApp
{
    /// <summary>From command-line arguments (throws with the parse errors): what tests use.</summary>
    public static WebApplication Build(string[] args) => Build(GatewayCommandLine.Parse(args));

    public static WebApplication Build(GatewayHostOptions options)
    {
        bool demo = options.Demo;

        // Heartbeats are judged as they arrive on the thread pool: do not let a cold start wait for thread injection.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

        // No arguments reach ASP.NET's own configuration: the command line above is the only way in. Nor does it
        // reload its files: nothing here is reloadable, and the watcher it needs sees every write of a database kept
        // in the working directory (its thread was 3 % of the gateway's CPU under ingest load).
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        // With a server certificate the same loopback port serves HTTPS only, with the broker's certificate (it names
        // localhost and 127.0.0.1, `certs server` adds them): a browser's page, cookie-less API calls and /metrics alike.
        string scheme = options.ServerCertificate is null ? "http" : "https";
        builder.WebHost.UseUrls($"{scheme}://127.0.0.1:{options.HttpPort}");
        if (options.ServerCertificate is { } certificate)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        builder.Logging.SetMinimumLevel(options.LogLevel);

        // Per-request lines would drown the gateway's own log at dashboard scrape rates.
        builder.Logging.AddFilter("Microsoft.AspNetCore", (LogLevel)Math.Max((int)LogLevel.Warning, (int)options.LogLevel));
        if (demo)
        {
            builder.Services.AddSingleton<DemoFleet>();
            builder.Services.AddSingleton<IScaleActuator>(sp => sp.GetRequiredService<DemoFleet>());
        }

        builder.Services.AddEdgeGateway(options);
        builder.Services.AddSingleton<DashboardStreams>();
        builder.Services.AddSingleton<DashboardHistory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardHistory>());
        if (demo)
        {
            // Registered after the gateway's own hosted service: the fleet starts once the broker is up.
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoFleet>());
            builder.Services.AddHostedService<DemoBanner>();
        }

        WebApplication app = builder.Build();
        app.UseLocalOriginGuard(scheme, options.HttpPort);
        if (demo)
        {
            app.MapSimApi();
        }

        app.MapGatewayApi();
        app.MapOperatorApi(options.Gateway.Store.DatabasePath);
        app.MapDashboard();
        GatewayMetrics metrics = app.Services.GetRequiredService<GatewayMetrics>();
        GatewayQueries queries = app.Services.GetRequiredService<GatewayQueries>();
        metrics.Observe(queries);
        FleetMetrics.Observe(metrics.Registry, queries);
        if (app.Services.GetService<EmbeddedBroker>() is { } broker)
        {
            BrokerMetrics.Observe(metrics.Registry, broker);
            SecurityMetrics.Observe(metrics.Registry, app.Services.GetRequiredService<BrokerAuthorizer>());
        }

        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
