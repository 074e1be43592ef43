using System.Collections.Concurrent;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Tests.Fixtures;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>The gateway's clients on an external broker (a real Mosquitto): what each hears, and what a full ingest queue holds up.</summary>
[Trait("Category", "Integration")]
public sealed class GatewayInboxTests
{
    private const string Site = "lab";

    [Fact]
    public async Task A_heartbeat_reaches_the_gateway_while_data_ahead_of_it_waits_for_room_in_the_ingest_queue()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var heard = new ConcurrentQueue<string>();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int dataTaken = 0;

        // A full ingest queue, as the runtime's EnqueueAsync is for data: the first batch never finds room.
        await using var inbox = new GatewayInbox(new BrokerEndpoint("127.0.0.1", broker.Port, Embedded: false), Site, "gw1", async (message, _) =>
        {
            heard.Enqueue(message.Topic);
            if (message.Topic.EndsWith("/" + Topics.Data, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref dataTaken);
                await stalled.Task;
            }
        });
        await inbox.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => inbox.IsConnected, "the inbox connected");

        using IMqttClient node = await ConnectAsync(broker.Port, "pi-01");
        try
        {
            for (int i = 0; i < 3; i++)
            {
                await node.PublishAsync(Message(Topics.Node(Site, "pi-01", Topics.Data), MqttQualityOfServiceLevel.AtLeastOnce));
            }

            await node.PublishAsync(Message(Topics.Node(Site, "pi-01", Topics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce));

            await Eventually.TrueAsync(() => heard.Contains(Topics.Node(Site, "pi-01", Topics.Telemetry)), () => "heard: " + string.Join(", ", heard), timeoutMs: 10_000);
            Assert.Equal(1, Volatile.Read(ref dataTaken));
        }
        finally
        {
            // Never leaves the inbox's handler waiting: its client could not be disposed.
            stalled.TrySetResult();
        }

        // Room again: the data the broker held comes through, each batch once.
        await Eventually.TrueAsync(() => Volatile.Read(ref dataTaken) == 3, () => Volatile.Read(ref dataTaken) + " batches taken");
        Assert.Single(heard, t => t.EndsWith("/" + Topics.Telemetry, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_inbox_hears_every_leaf_a_node_publishes_once_and_not_what_the_gateway_sends_to_nodes()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var heard = new ConcurrentQueue<string>();
        await using var inbox = new GatewayInbox(new BrokerEndpoint("127.0.0.1", broker.Port, Embedded: false), Site, "gw1", (message, _) =>
        {
            heard.Enqueue(message.Topic);
            return ValueTask.CompletedTask;
        });
        await inbox.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => inbox.IsConnected, "the inbox connected");

        using IMqttClient node = await ConnectAsync(broker.Port, "pi-01");
        using IMqttClient gateway = await ConnectAsync(broker.Port, "gw1-out");
        string[] fromNode = [.. new[] { Topics.Birth, Topics.State, Topics.Data, Topics.Telemetry }.Select(leaf => Topics.Node(Site, "pi-01", leaf))];
        string[] toNode = [.. new[] { Topics.Ack, Topics.Command, Topics.Config }.Select(leaf => Topics.Node(Site, "pi-01", leaf))];
        foreach (string topic in toNode)
        {
            await gateway.PublishAsync(Message(topic, MqttQualityOfServiceLevel.AtLeastOnce));
        }

        foreach (string topic in fromNode)
        {
            await node.PublishAsync(Message(topic, MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await gateway.PublishAsync(Message(Topics.FlowOwner(Site, 3), MqttQualityOfServiceLevel.AtLeastOnce));
        await gateway.PublishAsync(Message(Topics.GatewayState(Site, "gw2"), MqttQualityOfServiceLevel.AtLeastOnce));

        string[] expected = [.. fromNode, Topics.FlowOwner(Site, 3), Topics.GatewayState(Site, "gw2")];
        await Eventually.TrueAsync(() => expected.All(heard.Contains), () => "heard: " + string.Join(", ", heard));
        await Task.Delay(200);
        Assert.Equal(expected.Order(StringComparer.Ordinal), heard.Order(StringComparer.Ordinal));
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).Build());
        return client;
    }

    private static MqttApplicationMessage Message(string topic, MqttQualityOfServiceLevel qos) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload([1, 2, 3]).WithQualityOfServiceLevel(qos).Build();
}
