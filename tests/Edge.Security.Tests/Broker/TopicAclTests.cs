using System.Globalization;
using System.Net.Sockets;
using Edge.Gateway.Mqtt.Security;
using Edge.Security.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Security.Tests.Broker;

/// <summary>
/// What an authenticated client may publish and read on the embedded broker (docs/PROTOCOL.md, section 1.1). A
/// dashboard observer sees what got through; each refused publish is followed by an allowed one from the same
/// client, so once the allowed one arrives the refused one would have too (one client's messages stay in order).
/// </summary>
public sealed class TopicAclTests
{
    private const string Node = "edge/v1/lab/node/";

    [Fact]
    public async Task A_node_cannot_publish_as_another()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await ObserveSiteAsync(gateway);
        using IMqttClient attacker = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        foreach (string leaf in new[] { "birth", "state", "telemetry", "data" })
        {
            MqttClientPublishResult forged = await Clients.PublishAsync(attacker, Node + "pi-02/" + leaf, "forged", retain: leaf is "birth" or "state");
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        }

        await Clients.PublishAsync(attacker, Node + "pi-01/telemetry", "marker");
        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-01/telemetry", "marker"), "the attacker's own telemetry");
        Assert.DoesNotContain(wall.Received, m => m.Topic.StartsWith(Node + "pi-02/", StringComparison.Ordinal));
        Assert.Equal(4, gateway.Refused.PublishDenied);
    }

    [Fact]
    public async Task A_node_cannot_publish_a_gateway_topic()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await ObserveSiteAsync(gateway);
        await wall.AlsoAsync("homeassistant/#");
        using IMqttClient attacker = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);
        string[] gatewayTopics =
        [
            "edge/v1/lab/flow/0/owner", "edge/v1/lab/gateway/" + gateway.GatewayId + "/state", "edge/v1/lab/rollup/1s/fleet",
            Node + "pi-02/cmd", Node + "pi-02/config", Node + "pi-02/ack", Node + "pi-01/cmd", Node + "pi-01/ack",
            "homeassistant/sensor/edge/config", "edge/v1/lab/node/pi-01/unknown",
        ];

        foreach (string topic in gatewayTopics)
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(attacker, topic, "forged", retain: true)).ReasonCode);
        }

        await Clients.PublishAsync(attacker, Node + "pi-01/telemetry", "marker");
        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-01/telemetry", "marker"), "the attacker's own telemetry");
        Assert.DoesNotContain(wall.Received, m => m.Payload == "forged");
    }

    [Fact]
    public async Task A_node_cannot_read_other_nodes_or_everything()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"]);
        using IMqttClient snoop = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        foreach (string filter in new[] { "#", "edge/v1/#", "edge/v1/lab/node/+/data", "edge/v1/lab/node/pi-02/+", "edge/v1/lab/node/pi-02/ack", "$SYS/#" })
        {
            MqttClientSubscribeResult result = await snoop.SubscribeAsync(filter);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result.Items.Single().ResultCode);
        }

        // What docs/PROTOCOL.md says a node subscribes to is granted.
        foreach (string filter in new[] { "edge/v1/lab/node/pi-01/+", "edge/v1/lab/flow/+/owner", "edge/v1/lab/gateway/+/state" })
        {
            MqttClientSubscribeResult result = await snoop.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, result.Items.Single().ResultCode);
        }
    }

    [Fact]
    public async Task A_node_cannot_make_the_broker_remember_subscriptions_without_end()
    {
        // Its ACL lets a node read node/{id}/+, so node/{id}/a, node/{id}/b, ... are all its own to subscribe to.
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);
        int limit = gateway.Services.GetRequiredService<BrokerAuthorizer>().Security.MaxSubscriptionsPerNode;
        for (int i = 0; i < limit; i++)
        {
            MqttClientSubscribeResult granted = await node.SubscribeAsync(Node + "pi-01/x" + i.ToString(CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, granted.Items.Single().ResultCode);
        }

        MqttClientSubscribeResult refused = await node.SubscribeAsync(Node + "pi-01/one-more", MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.QuotaExceeded, refused.Items.Single().ResultCode);
        Assert.Equal(1, gateway.Refused.SubscriptionsOverQuota);
        Assert.Equal(1, Scrape.Value(await gateway.GetAsync("/metrics"), "edge_gateway_broker_subscribe_over_quota_total"));

        // Subscribing again to a filter it holds replaces it; one it gives up makes room for another.
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, (await node.SubscribeAsync(Node + "pi-01/x0")).Items.Single().ResultCode);
        await node.UnsubscribeAsync(Node + "pi-01/x1");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, (await node.SubscribeAsync(Node + "pi-01/one-more", MqttQualityOfServiceLevel.AtLeastOnce)).Items.Single().ResultCode);
        Assert.Equal(1, gateway.Refused.SubscriptionsOverQuota);
    }

    [Fact]
    public async Task A_dashboard_reads_the_site_but_cannot_publish()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], ["board-wall", "ops-tablet"]);
        await using Observer wall = await ObserveSiteAsync(gateway);
        using IMqttClient dashboard = await Clients.ConnectAsync(gateway.MqttPort, "ops-tablet", "ops-tablet", gateway.Passwords["ops-tablet"]);
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(dashboard, Node + "pi-01/cmd", "{\"cmd\":\"reboot\"}")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(dashboard, Node + "ops-tablet/birth", "{}")).ReasonCode);
        await Clients.PublishAsync(node, Node + "pi-01/telemetry", "visible");

        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-01/telemetry", "visible"), "a node's telemetry on the dashboard");
    }

    [Fact]
    public async Task A_node_cannot_retain_what_the_protocol_does_not_retain()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], ["board-wall"]);
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(node, Node + "pi-01/telemetry", "sticky", retain: true)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(node, Node + "pi-01/data", "sticky", retain: true)).ReasonCode);
        Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, (await Clients.PublishAsync(node, Node + "pi-01/birth", "{}", retain: true)).ReasonCode);

        // A late subscriber gets the retained birth, never a retained telemetry.
        await using Observer late = await ObserveSiteAsync(gateway);
        await Eventually.TrueAsync(() => late.SawTopic(Node + "pi-01/birth"), "the retained birth");
        Assert.False(late.SawTopic(Node + "pi-01/telemetry"));
        Assert.Equal(2, gateway.Refused.RetainDenied);
    }

    [Fact]
    public async Task An_oversize_packet_disconnects_its_sender()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        try
        {
            await Clients.PublishAsync(node, Node + "pi-01/data", new string('x', 64 * 1024));
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The broker closed the connection before answering: that is the refusal.
        }

        await Eventually.TrueAsync(() => !node.IsConnected, "the sender disconnected");
        Assert.Equal(1, gateway.Refused.OversizePackets);
    }

    [Fact]
    public async Task A_payload_over_the_protocols_limit_in_a_packet_under_the_broker_limit_is_dropped()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);

        try
        {
            await Clients.PublishAsync(node, Node + "pi-01/data", new string('x', Edge.Protocol.ProtocolLimits.MaxPayloadBytes + 1));
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Disconnected for it, as for any payload above the protocol's limit.
        }

        await Eventually.TrueAsync(() => gateway.Refused.Oversize == 1, "the payload refused by the broker's publish check");
        Assert.Equal(0, gateway.Refused.OversizePackets);
    }

    [Fact]
    public async Task A_stranger_declaring_a_huge_packet_is_cut_off_before_the_broker_allocates_it()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        long before = GC.GetTotalAllocatedBytes(precise: true);

        // Five bytes: a CONNECT whose fixed header declares 268,435,455 bytes to follow (the most MQTT can say), sent
        // by ten connections at once. MQTTnet alone would allocate that whole body for each as soon as it read them.
        var strangers = new List<TcpClient>();
        for (int i = 0; i < 10; i++)
        {
            var stranger = new TcpClient();
            await stranger.ConnectAsync(System.Net.IPAddress.Loopback, gateway.MqttPort);
            await stranger.GetStream().WriteAsync(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0x7F });
            strangers.Add(stranger);
        }

        foreach (TcpClient stranger in strangers)
        {
            var buffer = new byte[16];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal(0, await stranger.GetStream().ReadAsync(buffer, timeout.Token));
            stranger.Dispose();
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 256L * 1024 * 1024, "the process allocated " + (allocated >> 20) + " MiB while ten strangers declared 256 MiB each");
        Assert.Equal(10, gateway.Refused.OversizePackets);
        Assert.Contains("edge_gateway_broker_oversize_packets_total 10", await gateway.GetAsync("/metrics"), StringComparison.Ordinal);

        // Nodes still get in.
        using IMqttClient node = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);
        Assert.True(node.IsConnected);
    }

    [Fact]
    public async Task A_flood_from_one_client_is_throttled_and_another_node_still_gets_through()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await ObserveSiteAsync(gateway);
        using IMqttClient flooder = await Clients.ConnectAsync(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]);
        using IMqttClient neighbour = await Clients.ConnectAsync(gateway.MqttPort, "pi-02", "pi-02", gateway.Passwords["pi-02"]);

        // Far more than the burst (2000) plus what the sustained rate refills meanwhile, without waiting for acks.
        var sent = new List<Task>();
        for (int i = 0; i < 6000; i++)
        {
            sent.Add(flooder.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Node + "pi-01/telemetry").WithPayload("flood").Build()));
        }

        await Task.WhenAll(sent);
        await Clients.PublishAsync(neighbour, Node + "pi-02/telemetry", "heartbeat");

        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-02/telemetry", "heartbeat"), "the neighbour's heartbeat");
        Assert.True(gateway.Refused.Throttled > 0, "nothing was throttled");
    }

    [Fact]
    public async Task A_will_on_another_nodes_topic_is_not_delivered()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"], ["board-wall"]);
        await using Observer wall = await ObserveSiteAsync(gateway);
        IMqttClient attacker = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResultCode code = await Clients.TryConnectAsync(attacker, Clients.Options(gateway.MqttPort, "pi-01", "pi-01", gateway.Passwords["pi-01"], willTopic: Node + "pi-02/state"));
        if (code == MqttClientConnectResultCode.Success)
        {
            // Dropped without DISCONNECT: the broker sends the Will (if it were allowed).
            attacker.Dispose();
        }

        using IMqttClient honest = await Clients.ConnectAsync(gateway.MqttPort, "pi-02", "pi-02", gateway.Passwords["pi-02"]);
        await Clients.PublishAsync(honest, Node + "pi-02/telemetry", "marker");
        await Eventually.TrueAsync(() => wall.Saw(Node + "pi-02/telemetry", "marker"), "pi-02's marker");
        if (code == MqttClientConnectResultCode.Success)
        {
            // The broker did try to send the Will, and the ACL refused it.
            await Eventually.TrueAsync(() => gateway.Refused.PublishDenied >= 1, "the forged Will refused");
        }

        Assert.False(wall.Saw(Node + "pi-02/state", "forged will"));
    }

    private static async Task<Observer> ObserveSiteAsync(SecuredGateway gateway) =>
        await Observer.StartAsync(await Clients.ConnectAsync(gateway.MqttPort, "board-wall", "board-wall", gateway.Passwords["board-wall"]), "edge/v1/lab/#");
}
