using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.LowLevelClient;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Edge.Bench.Load;

/// <summary>
/// One MQTT 3.1.1 connection on MQTTnet's low-level client: the packets and the socket are MQTTnet's, but nothing
/// runs per connection except one receive loop awaiting the socket (no keepalive timer, no dispatcher, no
/// pending-message queue), so ten thousand of them fit in one process. Incoming QoS 1 publishes are acknowledged
/// after the handler ran; the handler runs on the receive loop and must not block.
/// </summary>
internal sealed class LightClient : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private readonly ILowLevelMqttClient _client;
    private readonly Action<string, ReadOnlySequence<byte>> _onPublish;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource? _subscribed;
    private Task _receiving = Task.CompletedTask;
    private int _packetId;
    private int _closing;

    private LightClient(ILowLevelMqttClient client, Action<string, ReadOnlySequence<byte>> onPublish)
    {
        _client = client;
        _onPublish = onPublish;
    }

    /// <summary>Faults when the connection is lost; completes when it is closed on purpose.</summary>
    public Task Receiving => _receiving;

    public bool Closed => ClosedOnPurpose || _receiving.IsCompleted;

    /// <summary>Closed by this side (a disconnect or a rebirth), not lost.</summary>
    public bool ClosedOnPurpose => Volatile.Read(ref _closing) != 0;

    /// <summary>Opens the socket, sends CONNECT and waits for CONNACK; then starts the receive loop.</summary>
    public static async Task<LightClient> ConnectAsync(
        string host, int port, MqttConnectPacket connect, Action<string, ReadOnlySequence<byte>> onPublish, CancellationToken cancellationToken)
    {
        ILowLevelMqttClient client = Factory.CreateLowLevelMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(60))
            .Build();
        try
        {
            await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            await client.SendAsync(connect, cancellationToken).ConfigureAwait(false);
            MqttPacket reply = await client.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (reply is not MqttConnAckPacket { ReturnCode: MqttConnectReturnCode.ConnectionAccepted })
            {
                throw new InvalidOperationException("the broker refused " + connect.ClientId + ": " + reply);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var light = new LightClient(client, onPublish);
        light._receiving = Task.Run(light.ReceiveLoopAsync, CancellationToken.None);
        return light;
    }

    /// <summary>A clean session with a retained QoS 1 Last Will, as docs/PROTOCOL.md asks of a node.</summary>
    public static MqttConnectPacket Connect(string clientId, ushort keepAliveSeconds, string? willTopic = null, byte[]? willPayload = null) => new()
    {
        ClientId = clientId,
        CleanSession = true,
        KeepAlivePeriod = keepAliveSeconds,
        WillFlag = willTopic is not null,
        WillTopic = willTopic,
        WillMessage = willPayload,
        WillQoS = MqttQualityOfServiceLevel.AtLeastOnce,
        WillRetain = willTopic is not null,
    };

    /// <summary>Subscribes at QoS 1 and waits for the SUBACK (one subscription request at a time).</summary>
    public async Task SubscribeAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _subscribed = done;
        if (_receiving.IsCompleted)
        {
            throw new IOException("the connection ended before subscribing");
        }

        var packet = new MqttSubscribePacket { PacketIdentifier = NextPacketId() };
        foreach (string filter in filters)
        {
            packet.TopicFilters.Add(new MqttTopicFilter { Topic = filter, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        }

        await _client.SendAsync(packet, cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one PUBLISH. QoS 1 here is the broker's business (it answers with a PUBACK, which is read and
    /// dropped): the benches confirm a batch end to end, by the gateway's ack or the subscriber's receipt.
    /// </summary>
    public Task PublishAsync(string topic, ArraySegment<byte> payload, bool atLeastOnce, bool retain)
    {
        var packet = new MqttPublishPacket
        {
            Topic = topic,
            PayloadSegment = payload,
            Retain = retain,
            QualityOfServiceLevel = atLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce,
            PacketIdentifier = atLeastOnce ? NextPacketId() : (ushort)0,
        };
        try
        {
            return _client.SendAsync(packet, _stop.Token);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Closed meanwhile (a rebirth replaced this connection): the caller sees a failed send, not a crash.
            return Task.FromException(e);
        }
    }

    /// <summary>Clean DISCONNECT (the broker discards the Will), then the socket is closed.</summary>
    public async Task DisconnectAsync()
    {
        // Once, whoever asks (a rebirth, a lost connection reopened, the fleet closing): a second caller used to
        // cancel a token source the first had disposed meanwhile, and the ObjectDisposedException ended the run.
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        try
        {
            await _client.SendAsync(new MqttDisconnectPacket(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already gone: nothing to say goodbye to.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    /// <summary>Disconnects and waits for the receive loop to end; the token source has no timer, so it is left to the GC.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The loop ends with the socket; how does not matter any more.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            await ReceivePacketsAsync().ConfigureAwait(false);
        }
        finally
        {
            // A connection that ends before its SUBACK must fail the subscriber, not leave it waiting: at 10,000
            // boards such waiters held every connect slot of the start-up until its deadline.
            _subscribed?.TrySetException(new IOException("the connection ended before the broker acknowledged the subscription"));
        }
    }

    private async Task ReceivePacketsAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            MqttPacket packet;
            try
            {
                packet = await _client.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            switch (packet)
            {
                case MqttPublishPacket publish:
                    _onPublish(publish.Topic, publish.Payload);
                    if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce)
                    {
                        await _client.SendAsync(new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier }, _stop.Token).ConfigureAwait(false);
                    }

                    break;
                case MqttSubAckPacket:
                    _subscribed?.TrySetResult();
                    break;
            }
        }
    }

    private ushort NextPacketId()
    {
        // 1..65535: zero is not a valid packet identifier.
        return (ushort)((uint)Interlocked.Increment(ref _packetId) % 65535 + 1);
    }
}
