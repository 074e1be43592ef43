using Microsoft.AspNetCore.Builder;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>The real host (GatewayApp.Build, same wiring as Program.cs) on free loopback ports and a temp SQLite file.</summary>
internal sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessGateway(WebApplication app, int mqttPort, int httpPort, string db)
    {
        _app = app;
        MqttPort = mqttPort;
        Client = new GatewayClient(httpPort);
        DatabasePath = db;
    }

    public int MqttPort { get; }

    /// <summary>The running gateway's services, for injecting at the transport boundary what no broker would deliver.</summary>
    public IServiceProvider Services => _app.Services;

    public GatewayClient Client { get; }

    public string DatabasePath { get; }

    /// <summary>Embedded broker unless <paramref name="externalBrokerPort"/> is given.</summary>
    public static async Task<InProcessGateway> StartAsync(string db, string site, string flows, int? externalBrokerPort = null, params string[] extra)
    {
        InProcessGateway gateway = await LaunchAsync(db, site, flows, externalBrokerPort, extra);
        await Eventually.TrueAsync(gateway.Client.IsReadyAsync, () => "gateway ready");
        return gateway;
    }

    /// <summary>Starts the host without waiting for /healthz to say ready.</summary>
    public static async Task<InProcessGateway> LaunchAsync(string db, string site, string flows, int? externalBrokerPort = null, params string[] extra)
    {
        int mqtt = externalBrokerPort ?? FreePort.Next();
        int http = FreePort.Next();
        var args = new List<string>
        {
            "--http-port", http.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "--site", site, "--flows", flows,
            "--gateway-id", "gw-" + http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--log-level", "Warning",
        };
        args.AddRange(externalBrokerPort is null
            ? ["--mqtt-port", mqtt.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["--broker", $"mqtt://127.0.0.1:{mqtt}"]);
        args.AddRange(extra);
        WebApplication app = GatewayApp.Build([.. args]);
        await app.StartAsync();
        return new InProcessGateway(app, mqtt, http, db);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
    }
}
