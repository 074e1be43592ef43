using System.Buffers;
using System.Collections.Concurrent;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Security.Tests.Fixtures;

/// <summary>A node speaking docs/PROTOCOL.md with its own credential: birth, online state, data batches, acks.</summary>
internal sealed class ProtocolNode(int port, string id, string password) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public long Session { get; private set; }

    public ConcurrentDictionary<int, long> Acked { get; } = new();

    public long AckedUpTo(int flow) => Acked.TryGetValue(flow, out long next) ? next : 0;

    /// <summary>Connects, subscribes to its inbox, publishes its birth (naming the flows it can source: "" any) and online state.</summary>
    public async Task ConnectAsync(long session, string sources = "", long heartbeatMs = 1000)
    {
        Session = session;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            var ack = new AckMessage();
            if (e.ApplicationMessage.Topic.EndsWith("/" + Topics.Ack, StringComparison.Ordinal) && ack.Decode(payload, 0, payload.Length) == ProtocolError.None)
            {
                Acked.AddOrUpdate(ack.Flow, ack.NextSequence, (_, old) => Math.Max(old, ack.NextSequence));
            }

            return Task.CompletedTask;
        };
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithCredentials(id, password)
            .WithCleanSession(true).Build());
        await _client.SubscribeAsync(Topics.NodeInbox(SecuredGateway.Site, id), MqttQualityOfServiceLevel.AtLeastOnce);
        await PublishAsync(Topics.Node(SecuredGateway.Site, id, Topics.Birth), Birth(id, session, sources, heartbeatMs), retain: true);
        await PublishAsync(Topics.Node(SecuredGateway.Site, id, Topics.State), Json(new NodeStateMessage { Online = true, Session = session, TimestampMs = 1 }), retain: true);
    }

    public Task<MqttClientPublishResult> SendBatchAsync(int flow, long first, double[] values)
    {
        var batch = new DataBatch { Flow = flow, Session = Session, FirstSequence = first };
        for (int i = 0; i < values.Length; i++)
        {
            batch.TryAdd(1_763_856_000_000 + ((first + i) * 10), values[i]);
        }

        var payload = new byte[ProtocolLimits.BatchBytes(values.Length)];
        DataBatchCodec.Encode(batch, payload, 0);
        return PublishAsync(Topics.Node(SecuredGateway.Site, id, Topics.Data), payload, retain: false);
    }

    /// <summary>A heartbeat with the load report the node chooses to give (QoS 0, as docs/PROTOCOL.md §3.3 says).</summary>
    public Task<MqttClientPublishResult> ReportAsync(double rate, double forecast, long bufferFill = 0, long bufferCapacity = 4096) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Node(SecuredGateway.Site, id, Topics.Telemetry))
            .WithPayload(Json(new TelemetryMessage
            {
                Session = Session, TimestampMs = 1, Rate = rate, Forecast = forecast, Horizon = 8, BufferFill = bufferFill,
                BufferCapacity = bufferCapacity, FreeMemory = 65536,
            })).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    public static byte[] Birth(string node, long session, string sources = "", long heartbeatMs = 1000) => Json(new BirthMessage
    {
        Node = node, Session = session, Firmware = "test", Board = "sim", Capabilities = "",
        BufferCapacity = 4096, BufferCeiling = 4096, HeartbeatMs = heartbeatMs, TimestampMs = 1, Sources = sources,
    });

    public static byte[] Json(IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
