using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's publishing client: acks, commands, rollups and its own retained state, whose offline form is
/// this connection's Last Will, so nodes learn of a crashed gateway from the broker. The state says primary (with
/// the fencing token) only while this gateway leads; the runtime republishes it on every change of role.
/// </summary>
internal sealed class GatewayOutbox : IGatewayLink, IAsyncDisposable
{
    /// <summary>How long a stopping gateway waits for the broker to confirm its offline state.</summary>
    private static readonly TimeSpan OfflineStateWait = TimeSpan.FromSeconds(5);

    private readonly MqttLink _link;
    private readonly GatewayOptions _options;
    private readonly Leadership _leadership;

    public GatewayOutbox(BrokerEndpoint broker, GatewayOptions options, Leadership leadership)
    {
        _options = options;
        _leadership = leadership;
        MqttClientOptions clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithBrokerTls(broker.Tls, broker.Host, broker.CaFile)
            .WithClientId(GatewaySecret.OutClient(options.GatewayId))
            .WithGatewayCredential(GatewaySecret.OutClient(options.GatewayId), broker.GatewayPassword)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(MqttLink.KeepAlive)
            .WithWillTopic(StateTopic)
            .WithWillPayload(StatePayload(online: false))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        _link = new MqttLink(clientOptions, (_, ct) => PublishAsync(StateTopic, StatePayload(online: true), retain: true, ct));
    }

    public bool IsConnected => _link.IsConnected;

    public string? LastError => _link.LastError;

    private string StateTopic => Topics.GatewayState(_options.Site, _options.GatewayId);

    public Task StartAsync(CancellationToken cancellationToken) => _link.StartAsync(cancellationToken);

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_link.IsConnected)
        {
            throw new InvalidOperationException("not connected to the broker");
        }

        MqttApplicationMessage message = GatewayMessage.Build(topic, payload, retain);
        await _link.Client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A clean shutdown says offline itself (the broker only sends the Will on an unclean drop). If the connection
    /// drops, or the broker does not confirm within <see cref="OfflineStateWait"/>, the stop goes on: a dropped
    /// connection's Will says the same, and a gateway must stop whatever its broker does (a CI run's stop threw the
    /// client's "disconnected" when the connection dropped during this publish).
    /// </summary>
    public async Task DisconnectAsync()
    {
        if (_link.IsConnected)
        {
            using var bounded = new CancellationTokenSource(OfflineStateWait);
            try
            {
                await PublishAsync(StateTopic, StatePayload(online: false), retain: true, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException || (e is OperationCanceledException && bounded.IsCancellationRequested))
            {
                // Dropped or stalled: the Will (retained, offline) covers a drop; a stalled broker gets the DISCONNECT below.
            }
        }

        await _link.DisconnectAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    private byte[] StatePayload(bool online) => GatewayStatePayload.Of(_leadership, online);
}
