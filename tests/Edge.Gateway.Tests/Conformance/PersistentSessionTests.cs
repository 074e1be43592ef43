using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// MQTT 3.1.1 section 3.1.2.4: with clean session off the broker keeps the session while the client is away,
/// including the QoS 1 and 2 messages published meanwhile (Paho interoperability test_offline_message_queueing).
/// A dashboard that reconnects relies on it. QoS 0 messages are not kept, by either broker's default.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PersistentSessionTests
{
    /// <summary>Paho Python: connect with a session, report "session present", print what arrives as JSON lines.</summary>
    private const string Subscriber = """
        import sys, json, threading, time, paho.mqtt.client as mqtt
        port, client_id, topic, expected = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
        ready, enough, lock, got = threading.Event(), threading.Event(), threading.Lock(), []
        def on_connect(c, u, flags, rc):
            print(json.dumps({"rc": rc, "present": flags["session present"]}), flush=True)
            if expected == 0: c.subscribe(topic, 2)
            else: ready.set()
        def on_message(c, u, m):
            with lock:
                got.append(m)
                print(json.dumps({"topic": m.topic, "qos": m.qos, "payload": m.payload.decode()}), flush=True)
                if len(got) >= expected > 0: enough.set()
        c = mqtt.Client(client_id=client_id, clean_session=False, protocol=mqtt.MQTTv311)
        c.on_connect, c.on_message = on_connect, on_message
        c.on_subscribe = lambda c, u, mid, granted: ready.set()
        c.connect("127.0.0.1", port); c.loop_start()
        if not ready.wait(20): sys.exit("no connack or suback")
        if expected > 0:
            enough.wait(20)
            time.sleep(0.3)  # anything more (a QoS 0 message that should not have been kept) would arrive now
        c.disconnect(); c.loop_stop()
        """;

    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task A_persistent_session_gets_the_qos_1_and_2_messages_published_while_its_client_was_away(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        string root = "conformance/" + Guid.NewGuid().ToString("N");
        string clientId = "dashboard-" + Guid.NewGuid().ToString("N")[..8];

        JsonElement[] first = Lines(await PahoPython.RunAsync(Subscriber, broker.PortText, clientId, root + "/#", "0"));
        foreach (string qos in new[] { "0", "1", "2" })
        {
            (int exit, _, string error) = await Tools.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.PortText, "-q", qos, "-t", $"{root}/qos{qos}", "-m", "sent at qos " + qos]);
            Assert.True(exit == 0, error);
        }

        JsonElement[] back = Lines(await PahoPython.RunAsync(Subscriber, broker.PortText, clientId, root + "/#", "2"));

        Assert.Equal(0, first[0].GetProperty("present").GetInt32());
        Assert.Equal(1, back[0].GetProperty("present").GetInt32());
        Assert.Equal(
            [$"{root}/qos1 1 sent at qos 1", $"{root}/qos2 2 sent at qos 2"],
            back.Skip(1).Select(m => $"{m.GetProperty("topic").GetString()} {m.GetProperty("qos").GetInt32()} {m.GetProperty("payload").GetString()}").ToArray());
    }

    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task A_client_that_comes_back_with_a_clean_session_gets_nothing_kept_for_its_old_one(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        string root = "conformance/" + Guid.NewGuid().ToString("N");
        string clientId = "dashboard-" + Guid.NewGuid().ToString("N")[..8];
        await PahoPython.RunAsync(Subscriber, broker.PortText, clientId, root + "/#", "0");
        (int exit, _, string error) = await Tools.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.PortText, "-q", "1", "-t", root + "/kept", "-m", "x"]);
        Assert.True(exit == 0, error);

        // mosquitto_sub -i id without -c is a clean session: the old one, and the message kept for it, are gone.
        (exit, string output, error) = await Tools.RunAsync("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.PortText, "-i", clientId, "-t", root + "/#", "-v", "-W", "2"]);

        Assert.True(exit is 0 or 27, error);
        Assert.DoesNotContain(root, output, StringComparison.Ordinal);
    }

    private static JsonElement[] Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
}
