using System.Net;
using System.Security.Authentication;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// MQTTnet's server inside the gateway process, so one command needs nothing else, set up to behave like a
/// standard broker for the tools users point at it (tests/Edge.Gateway.Tests/Conformance runs the same checks
/// against it and Mosquitto): persistent sessions keep QoS 1/2 messages while their client is away and send
/// unacknowledged ones again on reconnect (<see cref="Redelivery"/>), an MQTT 3.1.1 client without an id gets one
/// (<see cref="ClientIdAssigningChannel"/>), and what is kept for clients is bounded (<see cref="BrokerLimits"/>).
/// Sessions live in memory: a gateway restart forgets them, as Mosquitto does with persistence off. The listen
/// backlog is raised because a lab's boards power up together (the default 100 drops connection attempts of a
/// storm, which then wait seconds for the kernel's retry). The server exists from construction, so the gateway's
/// intake can attach to it before it starts listening.
/// </summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly IPAddress? _address;
    private readonly int _port;
    private readonly PersistentClients _persistent = new();
    private readonly MqttServer _server;
    private readonly ReconnectHandover _handover = new();
    private bool _lastHandlersAttached;

    /// <summary>
    /// A plain listener on <paramref name="address"/> (null: none) and, with <paramref name="tls"/>, a TLS one; the
    /// same identities, ACL and limits hold on both, since MQTTnet runs one set of hooks for every endpoint.
    /// </summary>
    public EmbeddedBroker(IPAddress? address, int port, BrokerLimits? limits = null, BrokerAuthorizer? authorizer = null, TlsListener? tls = null)
    {
        _address = address;
        _port = port;
        BrokerLimits bounds = limits ?? BrokerLimits.Default;
        var builder = new MqttServerOptionsBuilder();
        if (address is not null)
        {
            // Only the address asked for, in its own family (MQTTnet would also listen on [::] by default), and no
            // address reuse: a second gateway on the same port must fail to start, not share the port silently.
            bool v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            builder = builder
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(v6 ? IPAddress.None : address)
                .WithDefaultEndpointBoundIPV6Address(v6 ? address : IPAddress.None)
                .WithDefaultEndpointPort(port);
        }
        else
        {
            builder = builder.WithoutDefaultEndpoint();
        }

        if (tls is not null)
        {
            bool v6 = tls.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(v6 ? IPAddress.None : tls.Address)
                .WithEncryptedEndpointBoundIPV6Address(v6 ? tls.Address : IPAddress.None)
                .WithEncryptedEndpointPort(tls.Port)
                .WithEncryptionCertificate(tls.Certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }

        MqttServerOptions options = builder
            .WithConnectionBacklog(4096)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(bounds.PendingPerClient)
            // As Mosquitto does; dropping the oldest instead would also leave it in MQTTnet's unacknowledged list,
            // which then grows without bound and is sent again in full at the next reconnect.
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .Build();
        var factory = new MqttServerFactory();
        // MQTTnet's listeners, re-done only to put a maximum packet size in front of its reader (see PacketLimitedTcpAdapter).
        IMqttServerAdapter[] adapters = [new ClientIdAssigningAdapter(new PacketLimitedTcpAdapter(PacketLimit.MaxRemainingLength, authorizer is null ? null : authorizer.Counters.OversizePacket))];
        _server = factory.CreateMqttServer(options, adapters);

        var absent = new AbsentSessions(_server, _persistent, bounds, Counters);
        var redelivery = new Redelivery(_persistent);
        _server.ValidatingConnectionAsync += Connecting;
        _server.InterceptingClientEnqueueAsync += absent.EnqueueingAsync;
        _server.ClientDisconnectedAsync += absent.DisconnectedAsync;
        _server.SessionDeletedAsync += e =>
        {
            _persistent.SessionDeleted(e.Id);
            return Task.CompletedTask;
        };
        _server.InterceptingOutboundPacketAsync += redelivery.SendingAsync;
        _server.ClientConnectedAsync += e =>
        {
            e.SessionItems[WatcherDelivery.ProtocolKey] = e.ProtocolVersion;
            return Task.CompletedTask;
        };
        _server.ApplicationMessageEnqueuedOrDroppedAsync += e =>
        {
            if (e.IsDropped)
            {
                Counters.DroppedForConnectedClient();
            }

            return Task.CompletedTask;
        };
        // Identity, topic ACL and per-client limits (Security/). Attached here, before the gateway's intake attaches
        // at start: MQTTnet runs a hook's handlers in the order they were added, so a refused publish is refused
        // before the intake sees it (and the intake skips what was refused). Its CONNECT check runs after the id
        // is assigned above.
        authorizer?.Attach(_server);
        // Last of the CONNECT checks, so that a refused client does not wait.
        _handover.AttachAdmission(_server);
        _server.ValidatingConnectionAsync += Admitted;
    }

    public bool IsStarted => _server.IsStarted;

    /// <summary>Retained messages of the gateway's own topics, kept out of MQTTnet's store (<see cref="RetainedIndex"/> says why).</summary>
    public RetainedIndex Retained { get; } = new();

    public BrokerCounters Counters { get; } = new();

    /// <summary>
    /// The client's session outlives its connection (clean session off, or an MQTT 5 session expiry): what it
    /// subscribed to still holds while it is away and when it comes back.
    /// </summary>
    public bool KeepsSession(string clientId) => _persistent.Contains(clientId);

    /// <summary>The running server, for the gateway's in-process intake and publisher.</summary>
    public MqttServer Server => _server;

    /// <summary>
    /// The identity the warm-up round logs in with (the gateway's own), so that a broker refusing anonymous clients
    /// still warms up, and its anonymous-refusal counter counts strangers only. Null: anonymous.
    /// </summary>
    public (string User, string Password)? WarmUpIdentity { get; init; }

    public async Task StartAsync()
    {
        // Attached here, after the gateway's intake (which attaches before the start) has its subscribe handler:
        // MQTTnet runs handlers in order, so a subscription is known to BrokerSubscriptions before the index is read,
        // and a retained message stored after that read is sent to it live (the publisher stores, then asks who listens).
        // The handover's disconnect handler, likewise after the intake's: it lets a client's next connection in.
        if (!_lastHandlersAttached)
        {
            _server.ClientSubscribedTopicAsync += e => RetainedOnSubscribe.DeliverAsync(_server, Retained, e);
            _handover.AttachEndings(_server);
            _lastHandlersAttached = true;
        }

        await _server.StartAsync().ConfigureAwait(false);
        if (_address is not null)
        {
            await BrokerWarmUp.RunAsync(_address, _port, WarmUpIdentity).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An MQTT 5 client may leave its id empty and let the server choose one (MQTTnet applies it, and tells the
    /// client in the CONNACK); an MQTT 3.1.1 client's was already filled in by <see cref="ClientIdAssigningChannel"/>.
    /// </summary>
    private static Task Connecting(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) && e.ProtocolVersion == MqttProtocolVersion.V500)
        {
            e.AssignedClientIdentifier = ClientIdAssigningChannel.NewClientId();
        }

        // Anything else without an id is refused by MQTTnet with "identifier rejected", as MQTT 3.1.1 requires.
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the session will outlive the connection, recorded once the client is let in: not for a refused
    /// client (a stranger's ids would pile up, never deleted with a session they never had), and not before the
    /// handover's wait, since the end of the id's previous connection deletes its session and, with it, this record.
    /// </summary>
    private Task Admitted(ValidatingConnectionEventArgs e)
    {
        string? id = string.IsNullOrEmpty(e.ClientId) ? e.AssignedClientIdentifier : e.ClientId;
        if (e.ReasonCode == MqttConnectReasonCode.Success && !string.IsNullOrEmpty(id))
        {
            _persistent.Connecting(e, id);
        }

        return Task.CompletedTask;
    }

    /// <summary>Persistent sessions kept for clients that are away (at most <see cref="BrokerLimits.SessionsAway"/>).</summary>
    public async Task<int> AbsentSessionsAsync() =>
        (await _server.GetSessionsAsync().ConfigureAwait(false)).Count(s => s.DisconnectedTimestamp is not null);

    public async Task StopAsync()
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
