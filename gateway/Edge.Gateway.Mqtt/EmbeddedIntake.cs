using System.Diagnostics;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's way in when it runs the broker itself: a tap on the embedded broker's publish path instead of a
/// loopback client. Every message on the node tree and every gateway's state is handed to the runtime as it is
/// published (Wills included), before the broker answers the publisher, so a full inbound queue holds the node's
/// PUBACK and its connection: backpressure reaches the publisher. Non-retained messages are forwarded to other
/// sessions only when a watcher's filter matches (<see cref="BrokerSubscriptions"/>), and then straight into the
/// watchers' sessions where the broker would do the same (<see cref="WatcherDelivery"/>): the broker's scan of every
/// session is not paid for data and heartbeats nobody else listens to, nor, mostly, for what a dashboard watches. Retained births and states are kept in
/// the broker's <see cref="RetainedIndex"/>, which a new subscription gets them from, and forwarded live only to
/// watchers; gateways' states go to everyone as always.
/// </summary>
internal sealed class EmbeddedIntake(EmbeddedBroker broker, BrokerSubscriptions subscriptions, string site, string gatewayId,
    Func<InboundMessage, CancellationToken, ValueTask> deliver) : IGatewayIntake
{
    private readonly string _nodePrefix = Topics.Root + "/" + site + "/node/";
    private readonly string _gatewayPrefix = Topics.Root + "/" + site + "/gateway/";
    private bool _attached;

    public bool IsConnected => _attached && broker.IsStarted;

    public string? LastError => null;

    /// <summary>Attaches to the broker; call before the broker starts, so no message published at start is missed.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_attached)
        {
            MqttServer server = broker.Server;
            server.InterceptingPublishAsync += OnPublishAsync;
            server.ClientConnectedAsync += OnConnected;
            server.ClientDisconnectedAsync += OnDisconnected;
            server.ClientSubscribedTopicAsync += OnSubscribed;
            server.ClientUnsubscribedTopicAsync += OnUnsubscribed;
            server.SessionDeletedAsync += OnSessionDeleted;
            _attached = true;
        }

        return Task.CompletedTask;
    }

    public Task DisconnectAsync()
    {
        if (_attached)
        {
            MqttServer server = broker.Server;
            server.InterceptingPublishAsync -= OnPublishAsync;
            server.ClientConnectedAsync -= OnConnected;
            server.ClientDisconnectedAsync -= OnDisconnected;
            server.ClientSubscribedTopicAsync -= OnSubscribed;
            server.ClientUnsubscribedTopicAsync -= OnUnsubscribed;
            server.SessionDeletedAsync -= OnSessionDeleted;
            _attached = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The topics a gateway client subscribed to <c>node/+/+</c> and <c>gateway/+/state</c> would get (docs/PROTOCOL.md
    /// section 1), by prefix and level count, except what is sent to a node: this runs for every message the broker takes.
    /// </summary>
    public bool Takes(string topic)
    {
        if (topic.StartsWith(_nodePrefix, StringComparison.Ordinal))
        {
            // What goes *to* a node (its acks, config, commands) is the broker's to deliver, whoever sent it: a
            // local tool's command must reach the node's own subscription, and the authorizer decides who may send.
            return TwoLevelsAfter(topic, _nodePrefix.Length) && !ToNode(topic);
        }

        return topic.StartsWith(_gatewayPrefix, StringComparison.Ordinal) && TwoLevelsAfter(topic, _gatewayPrefix.Length)
            && topic.EndsWith("/" + Topics.State, StringComparison.Ordinal);
    }

    private static bool ToNode(string topic) =>
        topic.EndsWith("/" + Topics.Ack, StringComparison.Ordinal) || topic.EndsWith("/" + Topics.Command, StringComparison.Ordinal)
        || topic.EndsWith("/" + Topics.Config, StringComparison.Ordinal);

    /// <summary>Exactly two non-empty levels follow <paramref name="start"/> (an id, a leaf).</summary>
    private static bool TwoLevelsAfter(string topic, int start)
    {
        int slash = topic.IndexOf('/', start);
        return slash > start && slash < topic.Length - 1 && topic.IndexOf('/', slash + 1) < 0;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        MqttApplicationMessage message = e.ApplicationMessage;
        // What the gateway itself publishes (acks, commands, its state) comes through here too: not for ingest; nor
        // is what the broker's authorizer refused (it runs first: it is attached when the broker is made).
        if (!e.ProcessPublish || e.ClientId == gatewayId || message?.Topic is not { } topic || !Takes(topic))
        {
            return;
        }

        long received = Stopwatch.GetTimestamp();
        if (message.Retain && topic.StartsWith(_nodePrefix, StringComparison.Ordinal))
        {
            // A node's retained birth, state or Will is kept in the gateway's index, not the broker's retained store
            // (RetainedIndex says why); a watcher subscribed now gets it live, as any established subscription would.
            broker.Retained.Store(message);
            message.Retain = false;
        }

        // Retained now means a gateway's state, which every node listens to.
        e.ProcessPublish = message.Retain || (subscriptions.ListenersOf(topic) is { } listeners
            && !await WatcherDelivery.TryAsync(broker.Server, listeners, e.ClientId, message, broker.Counters).ConfigureAwait(false));
        await deliver(InboundCopy.Of(topic, message.Payload, received), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A persistent session's subscriptions outlive its connections (a dashboard away keeps getting its QoS 1 data
    /// queued, and resumes without subscribing again): they are forgotten only with the session.
    /// </summary>
    private Task OnConnected(ClientConnectedEventArgs e)
    {
        if (!broker.KeepsSession(e.ClientId))
        {
            subscriptions.Connected(e.ClientId);
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnected(ClientDisconnectedEventArgs e)
    {
        if (!broker.KeepsSession(e.ClientId))
        {
            subscriptions.Disconnected(e.ClientId, e.DisconnectType == MqttClientDisconnectType.Takeover);
        }

        return Task.CompletedTask;
    }

    private Task OnSessionDeleted(SessionDeletedEventArgs e)
    {
        subscriptions.Disconnected(e.Id, takenOver: false);
        return Task.CompletedTask;
    }

    private Task OnSubscribed(ClientSubscribedTopicEventArgs e)
    {
        subscriptions.Subscribed(e.ClientId, e.TopicFilter.Topic, e.TopicFilter.QualityOfServiceLevel);
        return Task.CompletedTask;
    }

    private Task OnUnsubscribed(ClientUnsubscribedTopicEventArgs e)
    {
        subscriptions.Unsubscribed(e.ClientId, e.TopicFilter);
        return Task.CompletedTask;
    }
}
