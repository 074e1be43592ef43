using System.Globalization;
using Edge.Gateway;
using Edge.Gateway.Hosting;
using Edge.Gateway.Mqtt.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Security.Tests.Fixtures;

/// <summary>
/// The real gateway host (GatewayApp.Build, the wiring Program.cs uses) with its embedded broker on a free loopback
/// port, anonymous clients refused (--anonymous deny: what a LAN bind does by default) unless asked, and the given
/// nodes and dashboards provisioned in its credentials file before it starts, as `nodes add` does.
/// </summary>
internal sealed class SecuredGateway : IAsyncDisposable
{
    public const string Site = "lab";
    private readonly WebApplication _app;
    private readonly TempDirectory _dir;
    private readonly LabTls? _tls;
    private readonly SecuredMosquitto? _mosquitto;

    private SecuredGateway(WebApplication app, TempDirectory dir, int mqttPort, int httpPort, string gatewayId, Dictionary<string, string> passwords, LabTls? tls, int tlsPort,
        SecuredMosquitto? mosquitto = null)
    {
        _app = app;
        _mosquitto = mosquitto;
        _dir = dir;
        _tls = tls;
        TlsPort = tlsPort;
        MqttPort = mqttPort;
        HttpPort = httpPort;
        GatewayId = gatewayId;
        Passwords = passwords;
    }

    public int MqttPort { get; }

    /// <summary>The TLS listener's port (started with <see cref="StartTlsAsync"/>), else 0.</summary>
    public int TlsPort { get; }

    public string DatabasePath => _mosquitto?.DatabasePath ?? _dir.File("gateway.db");

    /// <summary>True when the gateway runs behind Mosquitto with the files it wrote (<see cref="StartBehindMosquittoAsync"/>).</summary>
    public bool BehindMosquitto => _mosquitto is not null;

    public int HttpPort { get; }

    public string GatewayId { get; }

    /// <summary>Each provisioned identity's password, as `nodes add` printed it.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; }

    public SecurityCounters Refused => _app.Services.GetRequiredService<BrokerAuthorizer>().Counters;

    public IServiceProvider Services => _app.Services;

    public static Task<SecuredGateway> StartAsync(string[] nodes, string[]? dashboards = null, string anonymous = "deny", params string[] extra) =>
        StartAsync(nodes, "0-3", configure: null, dashboards, anonymous, tls: null, extra);

    /// <summary>With the lab's server certificate: MQTT over TLS on a free port, HTTPS on the HTTP port.</summary>
    public static Task<SecuredGateway> StartTlsAsync(LabTls tls, string[] nodes, params string[] extra) =>
        StartAsync(nodes, "0-3", configure: null, dashboards: null, "deny", tls, extra);

    /// <summary>With its own --flows, and <paramref name="configure"/> to set what has no command-line option (short timings).</summary>
    public static Task<SecuredGateway> StartAsync(
        string[] nodes, string flows, Action<GatewayHostOptions>? configure, string[]? dashboards = null, string anonymous = "deny", params string[] extra) =>
        StartAsync(nodes, flows, configure, dashboards, anonymous, tls: null, extra);

    private static async Task<SecuredGateway> StartAsync(
        string[] nodes, string flows, Action<GatewayHostOptions>? configure, string[]? dashboards, string anonymous, LabTls? tls, string[] extra)
    {
        var dir = new TempDirectory();
        string db = dir.File("gateway.db");
        var credentials = new NodeCredentials();
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string node in nodes)
        {
            passwords[node] = credentials.Add(node, Role.Node);
        }

        foreach (string dashboard in dashboards ?? [])
        {
            passwords[dashboard] = credentials.Add(dashboard, Role.Dashboard);
        }

        credentials.Save(NodeCredentials.PathFor(db));
        int mqtt = FreePort.Next();
        int http = FreePort.Next();
        int tlsPort = tls is null ? 0 : FreePort.Next();
        string gatewayId = "gw-" + http.ToString(CultureInfo.InvariantCulture);
        string[] tlsArgs = tls is null ? [] : ["--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--tls-port", tlsPort.ToString(CultureInfo.InvariantCulture)];
        string[] args =
        [
            "--mqtt-port", mqtt.ToString(CultureInfo.InvariantCulture), "--http-port", http.ToString(CultureInfo.InvariantCulture),
            "--db", db, "--site", Site, "--flows", flows, "--gateway-id", gatewayId, "--log-level", "Warning", "--anonymous", anonymous, .. tlsArgs, .. extra,
        ];
        GatewayHostOptions options = GatewayCommandLine.Parse(args);
        configure?.Invoke(options);
        WebApplication app = GatewayApp.Build(options);
        await app.StartAsync();
        var gateway = new SecuredGateway(app, dir, mqtt, http, gatewayId, passwords, tls, tlsPort);
        await Eventually.TrueAsync(gateway.IsReadyAsync, () => "gateway ready (its own clients logged in)");
        return gateway;
    }

    /// <summary>
    /// The same gateway behind a real Mosquitto that runs on the files `nodes mosquitto` writes (password file, ACL,
    /// conf), the given nodes provisioned there: MqttPort is Mosquitto's. <see cref="Refused"/> is the embedded
    /// broker's and is not available here.
    /// </summary>
    public static async Task<SecuredGateway> StartBehindMosquittoAsync(string[] nodes, string[]? extra = null, string flows = "0-3")
    {
        SecuredMosquitto broker = await SecuredMosquitto.StartAsync(nodes, []);
        int http = FreePort.Next();
        string[] args =
        [
            "--broker", "mqtt://127.0.0.1:" + broker.Port.ToString(CultureInfo.InvariantCulture), "--http-port", http.ToString(CultureInfo.InvariantCulture),
            "--db", broker.DatabasePath, "--site", Site, "--flows", flows, "--gateway-id", SecuredMosquitto.GatewayId, "--log-level", "Warning", .. extra ?? [],
        ];
        WebApplication app = GatewayApp.Build(args);
        await app.StartAsync();
        var gateway = new SecuredGateway(app, new TempDirectory(), broker.Port, http, SecuredMosquitto.GatewayId, new Dictionary<string, string>(broker.Passwords), null, 0, broker);
        await Eventually.TrueAsync(gateway.IsReadyAsync, () => "gateway ready behind mosquitto");
        return gateway;
    }

    public async Task<bool> IsReadyAsync()
    {
        using HttpClient http = Http();
        try
        {
            using HttpResponseMessage response = await http.GetAsync(Url("/healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task<string> GetAsync(string path)
    {
        using HttpClient http = Http();
        return await http.GetStringAsync(Url(path));
    }

    /// <summary>http://127.0.0.1:{port}{path}, or https:// when the gateway serves TLS.</summary>
    public Uri Url(string path) => new((_tls is null ? "http" : "https") + "://127.0.0.1:" + HttpPort.ToString(CultureInfo.InvariantCulture) + path);

    private HttpClient Http() => _tls?.HttpsClient() ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }
    }
}
