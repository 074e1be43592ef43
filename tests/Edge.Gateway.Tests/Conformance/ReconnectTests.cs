using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// A node that disconnects and connects again at once (a restarted agent, a rebirth) must keep its new connection
/// and what it subscribed to on it. MQTTnet 5's server ends a clean-session connection by removing the session
/// under its client id, looked up again after the connection has left its table: a new connection registered in
/// between lost its session (so no more acks reached it) or was closed as "normal disconnection". A CI run failed
/// on exactly that (SessionTests, "The MQTT client is not connected"). Without gateway/Edge.Gateway.Mqtt/
/// ReconnectHandover.cs this test failed within 500 to 4,500 rounds on the embedded broker; the race is not
/// forced, so it runs 3,000 rounds there (5 s). Mosquitto, the reference, gets 100: its rounds take about 40 ms.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReconnectTests
{
    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task A_client_that_reconnects_right_after_disconnecting_keeps_its_new_connection_and_subscription(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        string id = "again-" + Guid.NewGuid().ToString("N")[..8];
        string topic = "conformance/" + Guid.NewGuid().ToString("N");
        using IMqttClient writer = new MqttClientFactory().CreateMqttClient();
        await writer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCleanSession().Build());

        int rounds = kind == ConformanceBroker.Embedded ? 3000 : 100;
        for (int round = 0; round < rounds; round++)
        {
            using IMqttClient previous = new MqttClientFactory().CreateMqttClient();
            await previous.ConnectAsync(Options(broker.Port, id));
            await previous.DisconnectAsync();

            // No pause: the broker may still be ending the previous connection.
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.ApplicationMessageReceivedAsync += _ =>
            {
                received.TrySetResult();
                return Task.CompletedTask;
            };
            await client.ConnectAsync(Options(broker.Port, id));
            await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await writer.PublishStringAsync(topic, round.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.AtLeastOnce);

            Task arrived = await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            Assert.True(arrived == received.Task, $"round {round}: the new connection's subscription received nothing");
            Assert.True(client.IsConnected, $"round {round}: the new connection was closed");
            await client.DisconnectAsync();
        }
    }

    private static MqttClientOptions Options(int port, string id) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port).WithClientId(id).WithCleanSession(true).Build();
}
