using System.Collections.Concurrent;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Tests.Fixtures;
using Edge.Protocol;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests;

/// <summary>
/// The embedded broker without loopback clients: the gateway takes node messages off the broker's publish path
/// and puts acks straight into the node's session, and whoever else subscribes still gets what a broker gives.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedBridgeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_node_gets_its_acks_without_its_own_data_echoed_back()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "1");
        await using var node = new Watcher(gateway.MqttPort, "pi-01");
        await node.SubscribeAsync("edge/v1/lab/node/pi-01/+");
        await using var test = new TestNode("lab", "pi-02", gateway.MqttPort);
        await test.ConnectAsync(1);

        // pi-01 is born and sends data with its inbox subscribed as a real node does.
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.Birth), Json(new BirthMessage
        {
            Node = "pi-01", Session = 1, Firmware = "t", Board = "t", Capabilities = "", BufferCapacity = 64, BufferCeiling = 64, HeartbeatMs = 1000, TimestampMs = 1,
        }), retain: true);
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.State), Json(new NodeStateMessage { Online = true, Session = 1, TimestampMs = 1 }), retain: true);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "pi-01 born");
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.Data), Batch(1, 0, 8), retain: false);

        await Eventually.TrueAsync(() => node.Received.Any(m => m.Topic.EndsWith("/ack", StringComparison.Ordinal)), "pi-01's ack");
        Assert.DoesNotContain(node.Received, m => m.Topic.EndsWith("/data", StringComparison.Ordinal));
        Assert.Equal((8L, 8L), ((await gateway.Client.FlowAsync(1)).Committed, (await gateway.Client.FlowAsync(1)).Count));
        Assert.Empty(gateway.Services.GetRequiredService<BrokerSubscriptions>().Watchers);
    }

    [Fact]
    public async Task A_watcher_sees_node_traffic_acks_and_rollups_as_a_broker_would_show_them()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "1");
        await using var watcher = new Watcher(gateway.MqttPort, "explorer");
        await watcher.SubscribeAsync("edge/v1/lab/node/#");
        await using var node = new TestNode("lab", "pi-02", gateway.MqttPort);
        await node.ConnectAsync(1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-02", StringComparison.Ordinal), () => "pi-02 born");

        await node.SendBatchAsync(1, 0, [1, 2, 3]);

        await Eventually.TrueAsync(() => node.AckedUpTo(1) == 3, "the node's ack");
        await Eventually.TrueAsync(() => watcher.Received.Any(m => m.Topic == "edge/v1/lab/node/pi-02/data"), "the watcher sees the data");
        await Eventually.TrueAsync(() => watcher.Received.Any(m => m.Topic == "edge/v1/lab/node/pi-02/ack"), "the watcher sees the ack");

        // Rollups are retained: one published while nobody listened is there for a subscriber that comes later.
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/rollups")).Contains("\"window\":\"1s\"", StringComparison.Ordinal), () => "a rollup");
        await using var late = new Watcher(gateway.MqttPort, "late-dashboard");
        await late.SubscribeAsync("edge/v1/lab/rollup/1s/fleet");
        await Eventually.TrueAsync(() => late.Received.Any(m => m.Topic == "edge/v1/lab/rollup/1s/fleet"), "the retained fleet rollup");
    }

    [Fact]
    public async Task A_nodes_retained_birth_is_kept_for_a_later_dashboard_without_being_dispatched_or_stored_in_the_brokers_scan()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "1");
        await using var node = new Watcher(gateway.MqttPort, "pi-01");
        await node.SubscribeAsync("edge/v1/lab/node/pi-01/+");
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.Birth), Json(new BirthMessage
        {
            Node = "pi-01", Session = 1, Firmware = "t", Board = "t", Capabilities = "", BufferCapacity = 64, BufferCeiling = 64, HeartbeatMs = 1000, TimestampMs = 1,
        }), retain: true);
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.State), Json(new NodeStateMessage { Online = true, Session = 1, TimestampMs = 1 }), retain: true);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "pi-01 born");

        // Stored, not dispatched: the node's own inbox filter matches its birth, and a broker dispatching it would
        // have sent it back (at 10,000 nodes, dispatching checks every session for each birth and state).
        await using var late = new Watcher(gateway.MqttPort, "late-dashboard");
        await late.SubscribeAsync("edge/v1/lab/node/+/birth");
        await late.SubscribeAsync("edge/v1/lab/node/+/state");
        await Eventually.TrueAsync(() => late.Received.Any(m => m.Topic == "edge/v1/lab/node/pi-01/birth"), "the retained birth");
        await Eventually.TrueAsync(() => late.Received.Any(m => m.Topic == "edge/v1/lab/node/pi-01/state"), "the retained state");
        Assert.DoesNotContain(node.Received, m => m.Topic.EndsWith("/birth", StringComparison.Ordinal) || m.Topic.EndsWith("/state", StringComparison.Ordinal));
        // ...and kept by the gateway, out of the broker's own retained store (which every SUBSCRIBE copies and scans).
        var broker = gateway.Services.GetRequiredService<EmbeddedBroker>();
        Assert.DoesNotContain(await broker.Server.GetRetainedMessagesAsync(), m => m.Topic.Contains("/node/", StringComparison.Ordinal));

        // A watcher present when a node is born sees the birth as it happens.
        await node.PublishAsync(Topics.Node("lab", "pi-01", Topics.State), Json(new NodeStateMessage { Online = true, Session = 1, TimestampMs = 2 }), retain: true);
        await Eventually.TrueAsync(() => late.Received.Count(m => m.Topic == "edge/v1/lab/node/pi-01/state") == 2, "the new state, live");
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] Batch(int flow, long first, int count)
    {
        var batch = new DataBatch { Flow = flow, Session = 1, FirstSequence = first };
        for (int i = 0; i < count; i++)
        {
            batch.TryAdd(1_763_856_000_000 + i, i);
        }

        var payload = new byte[ProtocolLimits.BatchBytes(count)];
        DataBatchCodec.Encode(batch, payload, 0);
        return payload;
    }

    private static byte[] Json(IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    /// <summary>Any MQTT client: subscribes, publishes, and keeps what it receives.</summary>
    private sealed class Watcher(int port, string clientId) : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

        public ConcurrentQueue<(string Topic, byte[] Payload)> Received { get; } = new();

        public async Task SubscribeAsync(string filter)
        {
            if (!_client.IsConnected)
            {
                _client.ApplicationMessageReceivedAsync += e =>
                {
                    Received.Enqueue((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
                    return Task.CompletedTask;
                };
                await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).Build());
            }

            await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        public Task PublishAsync(string topic, byte[] payload, bool retain) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }
}
