using System.Globalization;
using System.Net;
using System.Text;
using Edge.Gateway;
using Edge.Node.Mqtt;
using Edge.Protocol;
using Edge.Security.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;

namespace Edge.Security.Tests.Tls;

/// <summary>Mosquitto running the conf `nodes mosquitto --tls-dir` writes: a TLS listener with the lab's certificates, checked by nodes and the gateway.</summary>
public sealed class MosquittoTlsTests
{
    [Fact]
    public async Task Mosquitto_with_the_generated_tls_conf_accepts_a_node_over_tls_and_it_refuses_a_stranger_ca()
    {
        using var tls = new LabTls();
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], ["board-wall"], tls);
        await using Observer wall = await Observer.StartAsync(await Clients.ConnectAsync(broker.Port, "board-wall", "board-wall", broker.Passwords["board-wall"]), "edge/v1/lab/#");
        using var node = new MqttNetTransport("pi-01", broker.Passwords["pi-01"], tls: tls.NodeTls);
        using var misled = new MqttNetTransport("pi-01", broker.Passwords["pi-01"], tls: BrokerTls.FromCaFile(tls.StrangerCaFile));
        string telemetry = Topics.Node(SecuredGateway.Site, "pi-01", Topics.Telemetry);

        Assert.False(Connect(misled, broker.TlsPort), "a node trusting another CA refuses Mosquitto's certificate");
        Assert.True(Connect(node, broker.TlsPort), "the node trusting the lab CA logs in over TLS");
        byte[] marker = Encoding.ASCII.GetBytes("over-tls");
        Assert.True(node.Publish(telemetry, marker, marker.Length, atLeastOnce: true, retain: false));
        await Eventually.TrueAsync(() => wall.Saw(telemetry, "over-tls"), "the node's telemetry, sent over TLS, delivered");
    }

    [Fact]
    public async Task The_gateway_reaches_mosquitto_over_mqtts_only_when_its_certificate_chains_to_the_given_ca()
    {
        using var tls = new LabTls();
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], [], tls);

        await using (WebApplication trusting = await StartGatewayAsync(broker, tls.CaFile, out int http))
        {
            using var client = new HttpClient();
            await Eventually.TrueAsync(async () => (await client.GetAsync(Healthz(http))).IsSuccessStatusCode, () => "gateway ready behind mosquitto over TLS");
            await trusting.StopAsync();
        }

        await using WebApplication misled = await StartGatewayAsync(broker, tls.StrangerCaFile, out int misledHttp);
        using var probe = new HttpClient();
        // Its start made one connect attempt already: the health check says why it is not connected.
        using HttpResponseMessage health = await probe.GetAsync(Healthz(misledHttp));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        await misled.StopAsync();
    }

    private static Task<WebApplication> StartGatewayAsync(SecuredMosquitto broker, string caFile, out int http)
    {
        http = FreePort.Next();
        string[] args =
        [
            "--broker", "mqtts://127.0.0.1:" + broker.TlsPort.ToString(CultureInfo.InvariantCulture), "--tls-ca", caFile,
            "--http-port", http.ToString(CultureInfo.InvariantCulture), "--db", broker.DatabasePath, "--site", SecuredGateway.Site, "--flows", "0-3",
            "--gateway-id", SecuredMosquitto.GatewayId, "--log-level", "Warning",
        ];
        WebApplication app = GatewayApp.Build(args);
        return StartedAsync(app);
    }

    private static async Task<WebApplication> StartedAsync(WebApplication app)
    {
        await app.StartAsync();
        return app;
    }

    private static Uri Healthz(int port) => new("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/healthz");

    private static bool Connect(MqttNetTransport transport, int port) =>
        transport.Connect("127.0.0.1", port, "pi-01", Topics.Node(SecuredGateway.Site, "pi-01", Topics.State), Encoding.ASCII.GetBytes("{\"online\":false}"), 30);
}
