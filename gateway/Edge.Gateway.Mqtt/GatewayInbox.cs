using System.Diagnostics;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's subscribing clients on an external broker. Data, births, states, gateway states and owners come
/// on one client at QoS 1, so the broker never drops node data to it; its handler awaits the bounded ingest queue,
/// and while that is full the broker holds what follows. Heartbeats (telemetry) come on a second client of their
/// own at QoS 0: on one stream they waited behind every data batch the broker held for the busy gateway, seconds
/// at a saturated 1,000-node site, and healthy nodes were declared dead and asked to rebirth (issue 17). A heartbeat
/// never waits for room (a full queue sheds its report after counting it), so that client always reads.
/// Neither publishes, so acks sent on the outbox can never wait behind a blocked receive loop.
/// </summary>
internal sealed class GatewayInbox : IGatewayIntake, IAsyncDisposable
{
    private readonly MqttLink _data;
    private readonly MqttLink _beats;

    public GatewayInbox(BrokerEndpoint broker, string site, string gatewayId, Func<InboundMessage, CancellationToken, ValueTask> deliver)
    {
        // External brokers keep the data client's session (and queue QoS 1 data) while the gateway restarts; the
        // embedded broker restarts with the gateway, so there is nothing to keep. A missed heartbeat is not worth
        // keeping: the beats client always starts clean.
        _data = new MqttLink(Options(broker, GatewaySecret.DataClient(gatewayId), cleanSession: broker.Embedded), (client, ct) => SubscribeDataAsync(client, site, ct));
        _beats = new MqttLink(Options(broker, GatewaySecret.BeatsClient(gatewayId), cleanSession: true), (client, ct) => SubscribeBeatsAsync(client, site, ct));
        Func<MqttApplicationMessageReceivedEventArgs, Task> received = async e =>
        {
            long at = Stopwatch.GetTimestamp();
            await deliver(InboundCopy.Of(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, at), CancellationToken.None).ConfigureAwait(false);
        };
        _data.Client.ApplicationMessageReceivedAsync += received;
        _beats.Client.ApplicationMessageReceivedAsync += received;
    }

    public bool IsConnected => _data.IsConnected && _beats.IsConnected;

    public string? LastError => _data.LastError ?? _beats.LastError;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _data.StartAsync(cancellationToken).ConfigureAwait(false);
        await _beats.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DisconnectAsync()
    {
        await _data.DisconnectAsync().ConfigureAwait(false);
        await _beats.DisconnectAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _data.DisposeAsync().ConfigureAwait(false);
        await _beats.DisposeAsync().ConfigureAwait(false);
    }

    private static MqttClientOptions Options(BrokerEndpoint broker, string clientId, bool cleanSession) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithBrokerTls(broker.Tls, broker.Host, broker.CaFile)
        .WithClientId(clientId)
        .WithGatewayCredential(clientId, broker.GatewayPassword)
        .WithCleanSession(cleanSession)
        .WithKeepAlivePeriod(MqttLink.KeepAlive)
        .Build();

    /// <summary>
    /// docs/PROTOCOL.md's subscription without telemetry: the leaves a node may publish but its heartbeat (the topic
    /// ACL allows a node no other), every gateway's state, and every flow's owner (a standby learns the assignments
    /// from them; the leader repairs one an older leader overwrote and clears those of flows it does not serve).
    /// </summary>
    private static async Task SubscribeDataAsync(IMqttClient client, string site, CancellationToken cancellationToken)
    {
        MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Node(site, "+", Topics.Birth), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.Node(site, "+", Topics.State), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.Node(site, "+", Topics.Data), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllGatewayStates(site), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllFlowOwners(site), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.SubscribeAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SubscribeBeatsAsync(IMqttClient client, string site, CancellationToken cancellationToken)
    {
        MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Node(site, "+", Topics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await client.SubscribeAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
