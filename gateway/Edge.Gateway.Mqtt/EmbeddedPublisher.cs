using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's way out when it runs the broker itself: no loopback client. A message for one node (an ack, a
/// command) goes straight into the session of the node that subscribed to it, as the broker would deliver it but
/// without its scan of every session; owners and gateway states, which every node listens to, go through the
/// broker to all. Every retained message is kept in the broker's <see cref="RetainedIndex"/> for whoever subscribes
/// later, and goes through the broker (not retained there) only when someone listens now: every node (owners, gateway
/// states), its node (a config), a watcher. Whatever a watcher's filter matches goes through the broker as usual.
/// </summary>
internal sealed class EmbeddedPublisher(EmbeddedBroker broker, BrokerSubscriptions subscriptions, GatewayOptions options, Leadership leadership)
    : IGatewayLink
{
    private readonly string _nodePrefix = Topics.Root + "/" + options.Site + "/node/";

    public bool IsConnected => broker.IsStarted;

    public string? LastError => null;

    // What the broker's authorizer reads to know a publish is the gateway's own (an injected message has no client
    // session; without this, a broker that refuses anonymous clients would refuse the gateway's acks and owners).
    private readonly System.Collections.Hashtable _gatewaySession = new()
    {
        [Security.ClientIdentity.SessionKey] = new Security.ClientIdentity(options.GatewayId, Security.Role.Gateway, null),
    };

    private string StateTopic => Topics.GatewayState(options.Site, options.GatewayId);

    /// <summary>Announces this gateway online (retained); the broker is already listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => PublishAsync(StateTopic, StatePayload(online: true), retain: true, cancellationToken);

    /// <summary>A clean stop says offline (with the embedded broker, a crash takes the broker and every connection with it).</summary>
    public async Task DisconnectAsync()
    {
        if (broker.IsStarted)
        {
            await PublishAsync(StateTopic, StatePayload(online: false), retain: true, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!broker.IsStarted)
        {
            throw new InvalidOperationException("the embedded broker is not running");
        }

        MqttApplicationMessage message = GatewayMessage.Build(topic, payload, retain);
        MqttServer server = broker.Server;
        if (!retain && NodeOf(topic) is { } node && subscriptions.Subscribes(node, topic) && !subscriptions.Watched(topic))
        {
            // Gone since it subscribed (null), or its client away: the broker's own path decides, and bounds what it keeps.
            MqttSessionStatus? session = await server.FindSessionAsync(node).ConfigureAwait(false);
            if (session is { DisconnectedTimestamp: null })
            {
                if (!session.TryEnqueueApplicationMessage(message, out _))
                {
                    // The node's queue is full: the outbox keeps the message (newest per key) and tries again.
                    throw new InvalidOperationException("the session of " + node + " takes no more messages now");
                }

                return;
            }
        }

        if (retain)
        {
            // Kept in the gateway's index, not MQTTnet's store (RetainedIndex says why): whoever subscribes later gets
            // it from there. Stored before asking who listens, so a subscription made meanwhile misses nothing.
            broker.Retained.Store(message);
            if (message.Payload.IsEmpty)
            {
                // A clear also clears what another client may have left in MQTTnet's own store on this topic.
                await server.UpdateRetainedMessageAsync(message).ConfigureAwait(false);
            }

            if (!subscriptions.EveryNodeListens(topic) && !subscriptions.Watched(topic) && !(NodeOf(topic) is { } listener && subscriptions.Subscribes(listener, topic)))
            {
                return;
            }

            // Live to the subscriptions there are now (an owner every node listens to, a node's config, a watcher's);
            // the index kept its own copy.
            message.Retain = false;
        }

        await server.InjectApplicationMessage(
                new InjectedMqttApplicationMessage(message) { SenderClientId = options.GatewayId, CustomSessionItems = _gatewaySession }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>edge/v1/{site}/node/{id}/{leaf} → id.</summary>
    private string? NodeOf(string topic)
    {
        if (!topic.StartsWith(_nodePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        int slash = topic.IndexOf('/', _nodePrefix.Length);
        return slash > _nodePrefix.Length ? topic[_nodePrefix.Length..slash] : null;
    }

    private byte[] StatePayload(bool online) => GatewayStatePayload.Of(leadership, online);
}
