using System.Globalization;
using Edge.Gateway;
using Edge.Security.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using MQTTnet;

namespace Edge.Security.Tests.Mosquitto;

/// <summary>
/// The same attacks against Mosquitto running the files the gateway writes (password_file, acl_file, conf): here
/// Mosquitto, not the gateway, enforces them. Mosquitto drops a refused publish silently, so each test looks at
/// what a dashboard observer received after a marker that was allowed.
/// </summary>
public sealed class MosquittoAclTests
{
    private const string Node = "edge/v1/lab/node/";

    [Fact]
    public async Task Mosquitto_refuses_a_wrong_password_and_no_password()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], []);
        using IMqttClient wrong = new MqttClientFactory().CreateMqttClient();
        using IMqttClient anonymous = new MqttClientFactory().CreateMqttClient();

        // Mosquitto 2.0 answers both with "not authorized" to an MQTT 5 client; what matters is that neither gets in.
        Assert.NotEqual(MqttClientConnectResultCode.Success, await Clients.TryConnectAsync(wrong, Clients.Options(broker.Port, "pi-01", "pi-01", "not-the-password")));
        Assert.NotEqual(MqttClientConnectResultCode.Success, await Clients.TryConnectAsync(anonymous, Clients.Options(broker.Port, "stranger", null, null)));
    }

    [Fact]
    public async Task On_mosquitto_a_node_cannot_publish_as_another_or_as_the_gateway()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await Observer.StartAsync(await Clients.ConnectAsync(broker.Port, "board-wall", "board-wall", broker.Passwords["board-wall"]), "edge/v1/lab/#");
        using IMqttClient attacker = await Clients.ConnectAsync(broker.Port, "pi-01", "pi-01", broker.Passwords["pi-01"]);

        string[] forbidden =
        [
            Node + "pi-02/birth", Node + "pi-02/state", Node + "pi-02/data", Node + "pi-02/telemetry", Node + "pi-02/cmd", Node + "pi-01/cmd",
            Node + "pi-01/ack", "edge/v1/lab/flow/0/owner", "edge/v1/lab/gateway/gw1/state", "edge/v1/lab/rollup/1s/fleet",
        ];
        foreach (string topic in forbidden)
        {
            await Clients.PublishAsync(attacker, topic, "forged", retain: true);
        }

        await Clients.PublishAsync(attacker, Node + "pi-01/telemetry", "marker");
        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-01/telemetry", "marker"), "the attacker's own telemetry");
        Assert.DoesNotContain(wall.Received, m => m.Payload == "forged");
    }

    [Fact]
    public async Task On_mosquitto_a_node_subscribed_to_everything_reads_only_its_own()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01", "pi-02"], []);
        IMqttClient snoopClient = await Clients.ConnectAsync(broker.Port, "pi-01", "pi-01", broker.Passwords["pi-01"]);
        await using Observer snoop = new(snoopClient);
        await snoop.AlsoAsync("#", mustBeGranted: false);
        using IMqttClient victim = await Clients.ConnectAsync(broker.Port, "pi-02", "pi-02", broker.Passwords["pi-02"]);
        using IMqttClient gateway = await Clients.ConnectAsync(broker.Port, "gw1-out", "gw1-out", broker.Passwords["gw1-out"]);

        await Clients.PublishAsync(victim, Node + "pi-02/data", "secret");
        await Clients.PublishAsync(gateway, Node + "pi-02/ack", "secret");
        await Clients.PublishAsync(gateway, Node + "pi-01/ack", "marker");

        await Eventually.TrueAsync(() => snoop.Saw(Node + "pi-01/ack", "marker"), "the snoop's own ack");
        Assert.DoesNotContain(snoop.Received, m => m.Payload == "secret");
    }

    [Fact]
    public async Task On_mosquitto_a_client_cannot_take_over_the_gateways_client_id()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], []);
        using IMqttClient gateway = await Clients.ConnectAsync(broker.Port, "gw1-in", "gw1-in", broker.Passwords["gw1-in"]);
        using IMqttClient attacker = new MqttClientFactory().CreateMqttClient();

        // Mosquitto makes the client id the username (use_username_as_clientid): the attacker is just pi-01 again.
        await Clients.TryConnectAsync(attacker, Clients.Options(broker.Port, "gw1-in", "pi-01", broker.Passwords["pi-01"]));
        await Clients.TryConnectAsync(new MqttClientFactory().CreateMqttClient(), Clients.Options(broker.Port, "gw1-in", "gw1-in", "guess"));

        await gateway.PingAsync();
        Assert.True(gateway.IsConnected);
    }

    [Fact]
    public async Task On_mosquitto_an_oversize_packet_disconnects_its_sender()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], []);
        using IMqttClient node = await Clients.ConnectAsync(broker.Port, "pi-01", "pi-01", broker.Passwords["pi-01"]);

        try
        {
            await Clients.PublishAsync(node, Node + "pi-01/data", new string('x', 64 * 1024));
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Refused before or as it was sent: that is the point.
        }

        await Eventually.TrueAsync(() => !node.IsConnected, "the sender disconnected");
    }

    [Fact]
    public async Task On_mosquitto_a_qos2_publish_disconnects_its_sender_and_qos1_still_works()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await Observer.StartAsync(await Clients.ConnectAsync(broker.Port, "board-wall", "board-wall", broker.Passwords["board-wall"]), "edge/v1/lab/#");

        // MQTT 3.1.1: the client cannot know the listener's maximum QoS (MQTT 5 clients are told in the CONNACK).
        using IMqttClient node = new MqttClientFactory().CreateMqttClient();
        await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithClientId("pi-01").WithCredentials("pi-01", broker.Passwords["pi-01"]).WithCleanSession().Build());
        try
        {
            await node.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Node + "pi-01/telemetry").WithPayload("qos2")
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.ExactlyOnce).Build());
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Refused as it was sent: that is the point.
        }

        await Eventually.TrueAsync(() => !node.IsConnected, "the QoS 2 sender disconnected");
        using IMqttClient honest = await Clients.ConnectAsync(broker.Port, "pi-02", "pi-02", broker.Passwords["pi-02"]);
        await Clients.PublishAsync(honest, Node + "pi-02/telemetry", "marker");
        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-02/telemetry", "marker"), "the QoS 1 marker");
        Assert.False(wall.Saw(Node + "pi-01/telemetry", "qos2"));
    }

    [Fact]
    public async Task The_gateway_runs_behind_mosquitto_with_the_files_it_wrote()
    {
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync(["pi-01"], []);
        int http = FreePort.Next();
        string[] args =
        [
            "--broker", "mqtt://127.0.0.1:" + broker.Port.ToString(CultureInfo.InvariantCulture), "--http-port", http.ToString(CultureInfo.InvariantCulture),
            "--db", broker.DatabasePath, "--site", SecuredGateway.Site, "--flows", "0-3", "--gateway-id", SecuredMosquitto.GatewayId, "--log-level", "Warning",
        ];
        await using WebApplication app = GatewayApp.Build(args);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + http.ToString(CultureInfo.InvariantCulture)) };

        // Ready means both gateway clients logged in (with the secret next to the database) and subscribed.
        await Eventually.TrueAsync(async () => (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode, () => "gateway ready behind mosquitto");
        await using Observer wall = await Observer.StartAsync(await Clients.ConnectAsync(broker.Port, "pi-01", "pi-01", broker.Passwords["pi-01"]), "edge/v1/lab/gateway/+/state");
        await Eventually.TrueAsync(() => wall.SawTopic("edge/v1/lab/gateway/gw1/state"), "the gateway's retained state, published through the ACL");
        await app.StopAsync();
    }
}
