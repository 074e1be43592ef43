using System.Collections.Concurrent;
using Edge.Gateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// MQTT 3.1.1 section 4.4: when a session resumes, the broker sends unacknowledged QoS 1 and 2 messages again,
/// with their original packet identifiers [MQTT-4.4.0-1] and the DUP flag set [MQTT-3.3.1-1] (Paho
/// interoperability test_redelivery_on_reconnect). The subscriber is an MQTTnet client that holds back its
/// PUBACK and PUBREC, as a dashboard that crashed mid-message would.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedeliveryTests
{
    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task Unacknowledged_messages_come_again_with_their_packet_ids_and_dup_set_when_the_session_resumes(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        string topic = "conformance/" + Guid.NewGuid().ToString("N");
        string clientId = "slow-" + Guid.NewGuid().ToString("N")[..8];

        List<Received> first;
        await using (var silent = await Subscriber.ConnectAsync(broker.Port, clientId, acknowledge: false))
        {
            await silent.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce);
            foreach (string qos in new[] { "1", "2" })
            {
                (int exit, _, string error) = await Tools.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.PortText, "-q", qos, "-t", topic, "-m", "qos " + qos]);
                Assert.True(exit == 0, error);
            }

            first = await silent.TakeAsync(2);
        }

        List<Received> again;
        await using (var resumed = await Subscriber.ConnectAsync(broker.Port, clientId, acknowledge: true))
        {
            Assert.True(resumed.SessionPresent);
            again = await resumed.TakeAsync(2);

            // The QoS 2 handshake (PUBREC, PUBREL, PUBCOMP) finishes after the message arrived: two round trips, in
            // order on the connection, make sure the broker has the PUBCOMP before this client goes away.
            await resumed.Client.PingAsync();
            await resumed.Client.PingAsync();
        }

        Assert.Equal(["qos 1", "qos 2"], first.Select(m => m.Payload));
        Assert.All(first, m => Assert.False(m.Dup));
        Assert.Equal(first.Select(m => (m.Payload, m.Qos, m.PacketId)), again.Select(m => (m.Payload, m.Qos, m.PacketId)));
        Assert.All(again, m => Assert.True(m.Dup));

        // Acknowledged now: a third connection finds the session with nothing left to send.
        await using var settled = await Subscriber.ConnectAsync(broker.Port, clientId, acknowledge: true);
        Assert.True(settled.SessionPresent);
        await settled.Client.PingAsync();
        Assert.Empty(settled.Messages);
    }

    private sealed record Received(string Payload, MqttQualityOfServiceLevel Qos, ushort PacketId, bool Dup);

    /// <summary>A persistent-session MQTTnet client that records what arrives and acknowledges it or not.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private Subscriber(IMqttClient client) => Client = client;

        public IMqttClient Client { get; }

        public ConcurrentQueue<Received> Messages { get; } = new();

        public bool SessionPresent { get; private set; }

        public static async Task<Subscriber> ConnectAsync(int port, string clientId, bool acknowledge)
        {
            var subscriber = new Subscriber(new MqttClientFactory().CreateMqttClient());
            subscriber.Client.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = acknowledge;
                subscriber.Messages.Enqueue(new Received(e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.QualityOfServiceLevel, e.PacketIdentifier, e.ApplicationMessage.Dup));
                return Task.CompletedTask;
            };
            MqttClientConnectResult result = await subscriber.Client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId).WithCleanSession(false).Build());
            subscriber.SessionPresent = result.IsSessionPresent;
            return subscriber;
        }

        public async Task<List<Received>> TakeAsync(int count)
        {
            await Eventually.TrueAsync(() => Messages.Count >= count, () => $"{count} messages, got {Messages.Count}");
            return [.. Messages.Take(count)];
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisconnectAsync();
            Client.Dispose();
        }
    }
}
