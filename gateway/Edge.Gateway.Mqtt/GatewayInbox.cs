using System.Diagnostics;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's subscribing client, at QoS 1 so the broker never drops node data to it. Its handler awaits the
/// bounded ingest queue: while the queue is full MQTTnet stops reading, and the broker holds the messages.
/// It publishes nothing, so acks sent on the outbox can never wait behind a blocked receive loop.
/// </summary>
internal sealed class GatewayInbox : IGatewayIntake, IAsyncDisposable
{
    private readonly MqttLink _link;

    public GatewayInbox(BrokerEndpoint broker, string site, string gatewayId, Func<InboundMessage, CancellationToken, ValueTask> deliver)
    {
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithBrokerTls(broker.Tls, broker.Host, broker.CaFile)
            .WithClientId(gatewayId + "-in")
            .WithGatewayCredential(gatewayId + "-in", broker.GatewayPassword)
            // External brokers keep the session (and queue QoS 1 data) while the gateway restarts; the embedded
            // broker restarts with the gateway, so there is nothing to keep.
            .WithCleanSession(broker.Embedded)
            .WithKeepAlivePeriod(MqttLink.KeepAlive)
            .Build();
        _link = new MqttLink(options, (client, ct) => SubscribeAsync(client, site, ct));
        _link.Client.ApplicationMessageReceivedAsync += async e =>
        {
            long received = Stopwatch.GetTimestamp();
            await deliver(InboundCopy.Of(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, received), CancellationToken.None).ConfigureAwait(false);
        };
    }

    public bool IsConnected => _link.IsConnected;

    public string? LastError => _link.LastError;

    public Task StartAsync(CancellationToken cancellationToken) => _link.StartAsync(cancellationToken);

    public Task DisconnectAsync() => _link.DisconnectAsync();

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    /// <summary>
    /// docs/PROTOCOL.md's subscription: every node leaf (so an unknown leaf is counted as unknown_topic; the
    /// gateway's own acks and commands come back and are ignored by the decoder), every gateway's state, and every
    /// flow's owner (a standby learns the assignments from them; the leader repairs one an older leader overwrote and
    /// clears those of flows it does not serve).
    /// </summary>
    private static async Task SubscribeAsync(IMqttClient client, string site, CancellationToken cancellationToken)
    {
        MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Node(site, "+", "+"), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllGatewayStates(site), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllFlowOwners(site), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.SubscribeAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
