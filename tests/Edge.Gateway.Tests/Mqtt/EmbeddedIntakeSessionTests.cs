using System.Collections.Concurrent;
using System.Net;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>
/// The gateway's intake skips the broker's forwarding of node data nobody watches; a watcher with a persistent
/// session (a dashboard with clean session off) still watches while it is away, as it would on any broker.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedIntakeSessionTests
{
    [Fact]
    public async Task A_persistent_watcher_gets_the_node_data_published_while_it_was_away()
    {
        int port = FreePort.Next();
        await using var broker = new EmbeddedBroker(IPAddress.Loopback, port);
        var taken = new ConcurrentQueue<InboundMessage>();
        var intake = new EmbeddedIntake(broker, new BrokerSubscriptions("lab"), "lab", "gw", (m, _) =>
        {
            taken.Enqueue(m);
            return ValueTask.CompletedTask;
        });
        await intake.StartAsync(CancellationToken.None);
        await broker.StartAsync();
        var factory = new MqttClientFactory();

        var received = new ConcurrentQueue<string>();
        using IMqttClient dashboard = factory.CreateMqttClient();
        dashboard.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic + " " + e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        MqttClientOptions session = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("dashboard")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithCleanSession(false).Build();
        await dashboard.ConnectAsync(session);
        await dashboard.SubscribeAsync("edge/v1/lab/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await dashboard.DisconnectAsync();

        using IMqttClient node = factory.CreateMqttClient();
        await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("pi-01").WithCleanSession().Build());
        await node.PublishStringAsync("edge/v1/lab/node/pi-01/data", "while away", MqttQualityOfServiceLevel.AtLeastOnce);
        await Eventually.TrueAsync(() => !taken.IsEmpty, "the gateway took the node's batch");

        MqttClientConnectResult back = await dashboard.ConnectAsync(session);
        await node.PublishStringAsync("edge/v1/lab/node/pi-01/data", "after", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.True(back.IsSessionPresent);
        await Eventually.TrueAsync(() => received.Count >= 2, () => "the dashboard got: " + string.Join(", ", received));
        Assert.Equal(["edge/v1/lab/node/pi-01/data while away", "edge/v1/lab/node/pi-01/data after"], received.ToArray());
        Assert.Equal(2, taken.Count);
    }
}
