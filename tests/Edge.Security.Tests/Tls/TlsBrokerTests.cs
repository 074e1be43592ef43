using System.Text;
using System.Text.Json;
using Edge.Node.Mqtt;
using Edge.Node.Sim.Fleet;
using Edge.Protocol;
using Edge.Security.Tests.Fixtures;
using MQTTnet;

namespace Edge.Security.Tests.Tls;

/// <summary>
/// The embedded broker's TLS listener (--tls-cert/--tls-key) on a real socket: nodes that trust the lab CA get in
/// and their data is committed; a node that trusts another CA, or dials a name the certificate does not carry,
/// refuses the broker (it never sends its password); plain MQTT to the TLS port gets nowhere; identities and the
/// ACL hold on TLS as on the plain listener.
/// </summary>
public sealed class TlsBrokerTests
{
    [Fact]
    public async Task A_node_trusting_the_lab_ca_connects_over_tls_and_its_data_is_committed()
    {
        using var tls = new LabTls();
        string node = SimFleet.NodeId(1);
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, [node]);
        var options = new FleetOptions
        {
            Nodes = 1,
            Site = SecuredGateway.Site,
            BrokerHost = "127.0.0.1",
            BrokerPort = gateway.TlsPort,
            Password = id => gateway.Passwords[id],
            Tls = tls.NodeTls,
        };
        using var fleet = new SimFleet(options, FlowSources.Synthetic(2, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()), TimeProvider.System);
        fleet.Start();

        await Eventually.TrueAsync(async () => Committed(await gateway.GetAsync("/api/flows")) > 0, () => "samples of the TLS board committed");
        Assert.Equal(Edge.Node.Core.Agent.AgentState.Running, fleet[node].Inspect(a => a.State, whenDown: Edge.Node.Core.Agent.AgentState.Disconnected));
    }

    [Fact]
    public async Task A_node_that_trusts_another_ca_refuses_the_broker()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);
        using var misled = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"], tls: BrokerTls.FromCaFile(tls.StrangerCaFile));
        using var trusting = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"], tls: tls.NodeTls);

        Assert.False(Connect(misled, gateway.TlsPort), "a broker certificate from a CA the node does not trust is refused");
        Assert.True(Connect(trusting, gateway.TlsPort), "the same node trusting the lab CA gets in");
    }

    [Fact]
    public async Task A_node_dialling_a_name_the_certificate_does_not_carry_refuses_the_broker()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);

        // Both dial 127.0.0.1 (a relay, or a DNS answer an attacker controls); what is checked is the name the node meant.
        using var misdirected = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"], tls: tls.NodeTls.For("gw.elsewhere.test"));
        using var meant = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"], tls: tls.NodeTls.For("gw.lab.test"));

        Assert.False(Connect(misdirected, gateway.TlsPort), "a certificate for another name is refused");
        Assert.True(Connect(meant, gateway.TlsPort), "the name on the certificate is accepted");
    }

    [Fact]
    public async Task Plain_mqtt_to_the_tls_port_gets_no_session()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);
        using var plain = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"]);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        Assert.False(Connect(plain, gateway.TlsPort), "the node's transport without TLS");
        MqttClientConnectResultCode code;
        try
        {
            code = await Clients.TryConnectAsync(client, Clients.Options(gateway.TlsPort, "pi-01", "pi-01", gateway.Passwords["pi-01"]));
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            code = MqttClientConnectResultCode.UnspecifiedError;
        }

        Assert.NotEqual(MqttClientConnectResultCode.Success, code);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Over_tls_a_wrong_password_is_still_refused_and_a_node_still_cannot_publish_as_another()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01", "pi-02"]);
        using IMqttClient wrong = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await Clients.TryConnectAsync(wrong, Clients.Options(gateway.TlsPort, "pi-01", "pi-01", "not-the-password", tls: tls.NodeTls)));

        using IMqttClient attacker = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success,
            await Clients.TryConnectAsync(attacker, Clients.Options(gateway.TlsPort, "pi-01", "pi-01", gateway.Passwords["pi-01"], tls: tls.NodeTls)));
        MqttClientPublishResult forged = await Clients.PublishAsync(attacker, Topics.Node(SecuredGateway.Site, "pi-02", Topics.Telemetry), "forged");
        MqttClientPublishResult own = await Clients.PublishAsync(attacker, Topics.Node(SecuredGateway.Site, "pi-01", Topics.Telemetry), "{}");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, own.ReasonCode);
    }

    private static bool Connect(MqttNetTransport transport, int port) =>
        transport.Connect("127.0.0.1", port, "pi-01", Topics.Node(SecuredGateway.Site, "pi-01", Topics.State), Encoding.ASCII.GetBytes("{\"online\":false}"), 30);

    private static long Committed(string flowsJson)
    {
        using JsonDocument flows = JsonDocument.Parse(flowsJson);
        return flows.RootElement.EnumerateArray().Sum(f => f.GetProperty("sampleCount").GetInt64());
    }
}
