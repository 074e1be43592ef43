using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;
using Edge.Security.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Edge.Security.Tests.Broker;

/// <summary>Who may connect to the embedded broker, and as whom: every refusal seen by a real client on a real socket.</summary>
public sealed class IdentityTests
{
    [Fact]
    public async Task A_gateway_refusing_anonymous_clients_counts_strangers_only_not_its_own_start()
    {
        // The broker's warm-up round at start logs in as the gateway, so the refusal counter starts at zero.
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], anonymous: "deny");
        Assert.Equal(0, gateway.Refused.AnonymousRefused);
        Assert.Equal(0, gateway.Refused.SubscribeDenied);

        using IMqttClient stranger = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await Clients.TryConnectAsync(stranger, Clients.Options(gateway.MqttPort, "stranger", null, null)));
        Assert.Equal(1, gateway.Refused.AnonymousRefused);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResultCode code = await Clients.TryConnectAsync(client, Clients.Options(gateway.MqttPort, "pi-01", "pi-01", "not-the-password"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Equal(1, gateway.Refused.BadCredentials);
    }

    [Fact]
    public async Task An_unknown_username_is_refused()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResultCode code = await Clients.TryConnectAsync(client, Clients.Options(gateway.MqttPort, "pi-99", "pi-99", "guess"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task No_password_is_refused_when_anonymous_access_is_off()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        long before = gateway.Refused.AnonymousRefused;

        MqttClientConnectResultCode code = await Clients.TryConnectAsync(client, Clients.Options(gateway.MqttPort, "stranger", null, null));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, code);
        Assert.Equal(before + 1, gateway.Refused.AnonymousRefused);
    }

    [Fact]
    public async Task A_stranger_refused_at_connect_leaves_no_session_record_behind()
    {
        // A refused client never gets a session, so nothing would ever delete a record of one: asking for a session
        // that outlives the connection, under ids of its choosing, must not make the broker remember the ids.
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        EmbeddedBroker broker = gateway.Services.GetRequiredService<EmbeddedBroker>();
        string[] ids = [.. Enumerable.Range(0, 20).Select(i => "stranger-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        foreach (string id in ids)
        {
            using IMqttClient stranger = new MqttClientFactory().CreateMqttClient();
            MqttClientOptions options = Clients.Options(gateway.MqttPort, id, id, "guess");
            options.CleanSession = false;
            options.SessionExpiryInterval = 3600;
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await Clients.TryConnectAsync(stranger, options));
        }

        Assert.All(ids, id => Assert.False(broker.KeepsSession(id), id + " is remembered"));
        Assert.Equal(ids.Length, gateway.Refused.BadCredentials);
    }

    [Fact]
    public async Task A_node_cannot_connect_under_another_nodes_client_id()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"]);
        await using Observer victim = await Observer.StartAsync(
            await Clients.ConnectAsync(gateway.MqttPort, "pi-02", "pi-02", gateway.Passwords["pi-02"]), "edge/v1/lab/node/pi-02/+");
        using IMqttClient attacker = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResultCode code = await Clients.TryConnectAsync(attacker, Clients.Options(gateway.MqttPort, "pi-02", "pi-01", gateway.Passwords["pi-01"]));

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, code);
        Assert.Equal(1, gateway.Refused.ClientIdRefused);
    }

    [Fact]
    public async Task A_client_cannot_take_over_the_gateways_client_id()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], anonymous: "auto");
        foreach (string gatewayClient in new[] { gateway.GatewayId + "-in", gateway.GatewayId + "-hb", gateway.GatewayId + "-out" })
        {
            using IMqttClient anonymous = new MqttClientFactory().CreateMqttClient();
            using IMqttClient node = new MqttClientFactory().CreateMqttClient();

            // Even on a loopback-only broker, where anonymous local clients are let in.
            Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await Clients.TryConnectAsync(anonymous, Clients.Options(gateway.MqttPort, gatewayClient, null, null)));
            Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await Clients.TryConnectAsync(node, Clients.Options(gateway.MqttPort, gatewayClient, "pi-01", gateway.Passwords["pi-01"])));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await Clients.TryConnectAsync(node, Clients.Options(gateway.MqttPort, gatewayClient, gatewayClient, "guess")));
        }

        // The gateway's own clients were never kicked out: it is still ready.
        Assert.True(await gateway.IsReadyAsync());
    }

    [Fact]
    public async Task A_loopback_broker_lets_anonymous_local_clients_in_but_not_as_a_provisioned_node()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], anonymous: "auto");
        using IMqttClient tool = new MqttClientFactory().CreateMqttClient();
        using IMqttClient impostor = new MqttClientFactory().CreateMqttClient();

        Assert.Equal(MqttClientConnectResultCode.Success, await Clients.TryConnectAsync(tool, Clients.Options(gateway.MqttPort, "mqtt-explorer", null, null)));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await Clients.TryConnectAsync(impostor, Clients.Options(gateway.MqttPort, "pi-01", null, null)));
    }

    [Fact]
    public async Task A_node_added_while_the_gateway_runs_can_connect_without_a_restart()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        string path = NodeCredentials.PathFor(gateway.DatabasePath);
        NodeCredentials file = NodeCredentials.Load(path);
        string password = file.Add("pi-07", Role.Node);
        file.Save(path);
        // The gateway reads the file again when it changed; make the change visible even on a coarse file clock.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));

        using IMqttClient client = await Clients.ConnectAsync(gateway.MqttPort, "pi-07", "pi-07", password);

        Assert.True(client.IsConnected);
    }
}
