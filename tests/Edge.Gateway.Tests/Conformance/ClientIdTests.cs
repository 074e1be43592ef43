using System.Net;
using System.Net.Sockets;
using Edge.Gateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Formatter;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// MQTT 3.1.1 section 3.1.3.1: a client may leave its id empty with clean session set, and the server assigns
/// one; with clean session off it must answer "identifier rejected". The first command users type,
/// <c>mosquitto_sub -t '#' -v</c>, sends no id (Paho interoperability test_zero_length_clientid).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClientIdTests
{
    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task Mosquitto_pub_and_mosquitto_sub_work_without_a_client_id(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        string root = "conformance/" + Guid.NewGuid().ToString("N");

        (int exit, _, string error) = await Tools.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.PortText, "-r", "-q", "1", "-t", root + "/first", "-m", "hello"]);
        Assert.True(exit == 0, error);
        (exit, string output, error) = await Tools.RunAsync("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.PortText, "-t", root + "/#", "-v", "-C", "1", "-W", "20"]);

        Assert.True(exit == 0, error);
        Assert.Equal(root + "/first hello", output.Trim());
    }

    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task A_paho_client_without_an_id_connects_with_a_clean_session(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);

        string output = await PahoPython.RunAsync(
            """
            import sys, threading, paho.mqtt.client as mqtt
            done = threading.Event(); result = []
            # reconnect_on_failure=False: else paho answers "identifier rejected" by retrying with an id of its own.
            c = mqtt.Client(client_id="", clean_session=True, protocol=mqtt.MQTTv311, reconnect_on_failure=False)
            c.on_connect = lambda c, u, flags, rc: (result.append(rc), done.set())
            c.connect("127.0.0.1", int(sys.argv[1])); c.loop_start()
            done.wait(20); c.disconnect(); c.loop_stop()
            print("rc", result[0] if result else "none")
            """, broker.PortText);

        Assert.Equal("rc 0", output.Trim());
    }

    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task An_mqtt_5_client_without_an_id_is_told_the_one_it_was_given(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResult result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("").WithCleanStart().Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.False(string.IsNullOrEmpty(result.AssignedClientIdentifier));
        await client.DisconnectAsync();
    }

    /// <summary>
    /// Sent as raw bytes: Paho Python and MQTTnet refuse to send such a CONNECT at all, but a broker must still
    /// answer it (Paho's interoperability test does send it).
    /// </summary>
    [Theory]
    [MemberData(nameof(ConformanceBroker.Both), MemberType = typeof(ConformanceBroker))]
    public async Task A_client_without_an_id_asking_for_a_persistent_session_is_refused_as_identifier_rejected(string kind)
    {
        await using ConformanceBroker broker = await ConformanceBroker.StartAsync(kind);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, broker.Port);
        NetworkStream stream = tcp.GetStream();

        // MQTT 3.1.1 CONNECT: remaining length 12, protocol "MQTT" level 4, flags 0 (clean session off), keep-alive 60, empty client id.
        await stream.WriteAsync(new byte[] { 0x10, 12, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x00, 0, 60, 0, 0 });
        byte[] connack = new byte[4];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.ReadExactlyAsync(connack, timeout.Token);

        // CONNACK, remaining length 2, no session present, return code 2: identifier rejected.
        Assert.Equal(new byte[] { 0x20, 2, 0, 2 }, connack);
    }
}
