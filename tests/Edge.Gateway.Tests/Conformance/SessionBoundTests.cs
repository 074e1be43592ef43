using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// What a broker keeps for its clients is bounded (gateway/README.md lists the bounds): anyone on the network
/// can open a persistent session and walk away. Mosquitto keeps the first max_queued_messages for an absent
/// client and drops the rest; the embedded broker does the same and counts the drops.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionBoundTests
{
    private static readonly BrokerLimits Small = new() { QueuedWhileAway = 10, SessionsAway = 2, PendingPerClient = 10 };

    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task An_absent_session_keeps_the_first_messages_up_to_its_bound_and_drops_the_rest(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind, Small);
        string topic = "conformance/" + Guid.NewGuid().ToString("N");
        string clientId = "away-" + Guid.NewGuid().ToString("N")[..8];
        const string subscriber = """
            import sys, json, threading, time, paho.mqtt.client as mqtt
            port, client_id, topic, expected = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
            ready, got = threading.Event(), []
            c = mqtt.Client(client_id=client_id, clean_session=False, protocol=mqtt.MQTTv311)
            c.on_connect = lambda c, u, f, rc: c.subscribe(topic, 1) if expected == 0 else ready.set()
            c.on_subscribe = lambda c, u, mid, granted: ready.set()
            c.on_message = lambda c, u, m: got.append(m.payload.decode())
            c.connect("127.0.0.1", port); c.loop_start()
            if not ready.wait(20): sys.exit("no connack or suback")
            deadline = time.time() + 20
            while expected and len(got) < expected and time.time() < deadline: time.sleep(0.05)
            time.sleep(0.3 if expected else 0)  # anything beyond the bound would arrive now
            c.disconnect(); c.loop_stop()
            print(json.dumps(got))
            """;
        await PahoPython.RunAsync(subscriber, broker.PortText, clientId, topic, "0");

        (int exit, _, string error) = await Tools.RunAsync("bash", ["-c", $"seq 0 24 | mosquitto_pub -h 127.0.0.1 -p {broker.PortText} -q 1 -t {topic} -l"]);
        Assert.True(exit == 0, error);
        string[] kept = JsonSerializer.Deserialize<string[]>(await PahoPython.RunAsync(subscriber, broker.PortText, clientId, topic, "10"))!;

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), kept);
        if (broker.Counters is { } counters)
        {
            Assert.Equal(15, counters.DroppedWhileAway);
        }
    }

    [Fact]
    public async Task Beyond_the_number_of_absent_sessions_kept_the_one_away_longest_is_deleted_and_counted()
    {
        int port = FreePort.Next();
        await using var broker = new EmbeddedBroker(IPAddress.Loopback, port, Small);
        await broker.StartAsync();
        string[] ids = [.. new[] { "first", "second", "third" }.Select(n => n + "-" + Guid.NewGuid().ToString("N")[..8])];
        var clients = new List<IMqttClient>();
        foreach (string id in ids)
        {
            clients.Add(await ConnectAsync(port, id));
        }

        for (int i = 0; i < ids.Length; i++)
        {
            await clients[i].DisconnectAsync();
            int absent = Math.Min(i + 1, Small.SessionsAway);
            int evicted = i + 1 - absent;
            int seen = -1;
            await Eventually.TrueAsync(
                async () => (seen = await broker.AbsentSessionsAsync()) == absent && broker.Counters.SessionsEvicted == evicted,
                () => $"after {ids[i]} left: {absent} sessions away and {evicted} evicted; saw {seen} away and {broker.Counters.SessionsEvicted} evicted");
        }

        using IMqttClient first = new MqttClientFactory().CreateMqttClient();
        using IMqttClient second = new MqttClientFactory().CreateMqttClient();
        Assert.False((await first.ConnectAsync(Options(port, ids[0]))).IsSessionPresent);
        Assert.True((await second.ConnectAsync(Options(port, ids[1]))).IsSessionPresent);
        Assert.Equal(1, broker.Counters.SessionsEvicted);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_connected_client_that_stops_reading_has_its_queue_bounded_and_the_drops_counted()
    {
        int port = FreePort.Next();
        await using var broker = new EmbeddedBroker(IPAddress.Loopback, port, Small);
        await broker.StartAsync();
        string topic = "conformance/" + Guid.NewGuid().ToString("N");

        // A StalledSubscriber: raw MQTT 3.1.1 bytes, CONNECT then SUBSCRIBE at QoS 1, and then it never reads again.
        // Once its socket buffers are full, the broker's queue for it fills up to PendingPerClient.
        using var stalled = new TcpClient { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(IPAddress.Loopback, port);
        byte[] filter = System.Text.Encoding.ASCII.GetBytes(topic);
        byte[] connect = [0x10, 19, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 7, .. "stalled"u8];
        byte[] subscribe = [0x82, (byte)(2 + 2 + filter.Length + 1), 0, 1, 0, (byte)filter.Length, .. filter, 1];
        await stalled.GetStream().WriteAsync(connect);
        await stalled.GetStream().WriteAsync(subscribe);
        byte[] acks = new byte[4 + 5];
        await stalled.GetStream().ReadExactlyAsync(acks); // CONNACK and SUBACK, the last bytes it reads
        Assert.Equal(new byte[] { 0x20, 2, 0, 0, 0x90, 3, 0, 1, 1 }, acks);

        using IMqttClient writer = new MqttClientFactory().CreateMqttClient();
        await writer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithCleanSession().Build());
        // 4 KiB: under the broker's maximum packet size (a larger packet ends its sender's connection).
        byte[] payload = new byte[4 * 1024];
        for (int i = 0; i < 20_000 && broker.Counters.DroppedForConnectedClients == 0; i++)
        {
            await writer.PublishBinaryAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        Assert.True(broker.Counters.DroppedForConnectedClients > 0, "no drop counted after 80 MB to a client that reads nothing");
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string id)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port, id));
        return client;
    }

    private static MqttClientOptions Options(int port, string id) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V311)
        .WithClientId(id).WithCleanSession(false).Build();
}
