using System.Text.Json;
using Edge.Protocol;
using Edge.Security.Tests.Fixtures;
using MQTTnet;

namespace Edge.Security.Tests.Gateway;

/// <summary>What a node with a valid credential, or a stranger, can still send, and why it does not hurt the gateway.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forged_session_jump_cannot_lock_a_node_out(bool behindMosquitto)
    {
        await using SecuredGateway gateway = behindMosquitto
            ? await SecuredGateway.StartBehindMosquittoAsync(["pi-01", "pi-02"])
            : await SecuredGateway.StartAsync(["pi-01", "pi-02"]);
        await using var node = new ProtocolNode(gateway.MqttPort, "pi-01", gateway.Passwords["pi-01"]);
        await node.ConnectAsync(session: 5);
        await node.SendBatchAsync(0, 0, [1, 2, 3]);
        await Eventually.TrueAsync(() => node.AckedUpTo(0) == 3, "the first batch acked");

        // Another node cannot speak for pi-01 at all; pi-01's own credential cannot move its session to the end of time.
        using IMqttClient other = await Clients.ConnectAsync(gateway.MqttPort, "pi-02", "pi-02", gateway.Passwords["pi-02"]);
        string birthTopic = Topics.Node(SecuredGateway.Site, "pi-01", Topics.Birth);
        MqttClientPublishResult forged = await other.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(birthTopic)
            .WithPayload(ProtocolNode.Birth("pi-01", 4294967295)).WithRetainFlag().WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        if (!gateway.BehindMosquitto)
        {
            // Mosquitto acknowledges a denied publish without saying so; its ACL drops it all the same
            // (tests/Edge.Security.Tests/Mosquitto), and the session check below would fail if it had got through.
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        }

        await node.PublishAsync(birthTopic, ProtocolNode.Birth("pi-01", 4294967295), retain: true);
        await node.PublishAsync(Topics.Node(SecuredGateway.Site, "pi-01", Topics.State),
            ProtocolNode.Json(new NodeStateMessage { Online = true, Session = 4294967295, TimestampMs = 1 }), retain: true);

        // The node's data in its real session is still committed and acked.
        await node.SendBatchAsync(0, 3, [4, 5]);
        await Eventually.TrueAsync(() => node.AckedUpTo(0) == 5, () => "the batch after the forged jump acked (acked up to " + node.AckedUpTo(0) + ")");
        using JsonDocument nodes = JsonDocument.Parse(await gateway.GetAsync("/api/nodes"));
        Assert.Contains(nodes.RootElement.EnumerateArray(), n => n.GetProperty("node").GetString() == "pi-01" && n.GetProperty("session").GetInt64() == 5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Infinity_values_do_not_poison_the_api(bool behindMosquitto)
    {
        await using SecuredGateway gateway = behindMosquitto
            ? await SecuredGateway.StartBehindMosquittoAsync(["pi-01"])
            : await SecuredGateway.StartAsync(["pi-01"]);
        await using var node = new ProtocolNode(gateway.MqttPort, "pi-01", gateway.Passwords["pi-01"]);
        await node.ConnectAsync(session: 1);

        // Each value is finite (the codec refuses NaN and infinities); their sum is not.
        await node.SendBatchAsync(0, 0, [1.7e308, 1.7e308]);
        await node.SendBatchAsync(0, 2, [1.7e308, -1.7e308, 1.7e308]);
        await Eventually.TrueAsync(() => node.AckedUpTo(0) == 5, "both batches acked");

        using JsonDocument flows = JsonDocument.Parse(await gateway.GetAsync("/api/flows"));
        JsonElement flow = flows.RootElement.EnumerateArray().Single(f => f.GetProperty("flow").GetInt32() == 0);
        Assert.Equal(5, flow.GetProperty("sampleCount").GetInt64());
        Assert.True(double.IsFinite(flow.GetProperty("valueSum").GetDouble()));
        await Eventually.TrueAsync(async () =>
        {
            using JsonDocument rollups = JsonDocument.Parse(await gateway.GetAsync("/api/rollups?flow=0"));
            return rollups.RootElement.GetArrayLength() > 0;
        }, () => "a rollup of flow 0 readable as JSON");
        Assert.Contains("edge_", await gateway.GetAsync("/metrics"), StringComparison.Ordinal);
    }
}
