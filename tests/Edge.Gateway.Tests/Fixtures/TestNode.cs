using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>
/// A node as the protocol describes it, on a real MQTT connection: birth + online state with the offline state
/// as Will, QoS 1 data batches, acks and commands collected.
/// </summary>
internal sealed class TestNode(string site, string id, int port) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public string Id => id;

    public long Session { get; private set; }

    public ConcurrentDictionary<int, long> Acked { get; } = new();

    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Retained gateway states this node received, as JSON text.</summary>
    public ConcurrentQueue<string> GatewayStates { get; } = new();

    public long AckedUpTo(int flow) => Acked.TryGetValue(flow, out long next) ? next : 0;

    public async Task ConnectAsync(long session)
    {
        Session = session;
        _client.ApplicationMessageReceivedAsync += OnMessage;
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(id)
            .WithCleanSession(true)
            .WithWillTopic(Topics.Node(site, id, Topics.State))
            .WithWillPayload(Json(new NodeStateMessage { Online = false, Session = session, TimestampMs = 1 }))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.ConnectAsync(options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Node(site, id, Topics.Ack), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.Node(site, id, Topics.Command), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllGatewayStates(site), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await PublishAsync(Topics.Birth, Json(new BirthMessage
        {
            Node = id, Session = session, Firmware = "test", Board = "sim", Capabilities = "",
            BufferCapacity = 4096, BufferCeiling = 4096, HeartbeatMs = 1000, TimestampMs = 1,
        }), retain: true);
        await PublishAsync(Topics.State, Json(new NodeStateMessage { Online = true, Session = session, TimestampMs = 1 }), retain: true);
    }

    public Task SendBatchAsync(int flow, long first, double[] values)
    {
        var batch = new DataBatch { Flow = flow, Session = Session, FirstSequence = first };
        for (int i = 0; i < values.Length; i++)
        {
            batch.TryAdd(1_763_856_000_000 + (first + i) * 10, values[i]);
        }

        var payload = new byte[ProtocolLimits.BatchBytes(values.Length)];
        DataBatchCodec.Encode(batch, payload, 0);
        return PublishAsync(Topics.Data, payload, retain: false);
    }

    public Task PublishRawAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public bool IsConnected => _client.IsConnected;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private Task PublishAsync(string leaf, byte[] payload, bool retain) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Node(site, id, leaf)).WithPayload(payload)
            .WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (e.ApplicationMessage.Topic.EndsWith("/" + Topics.Ack, StringComparison.Ordinal))
        {
            var ack = new AckMessage();
            if (ack.Decode(payload, 0, payload.Length) == ProtocolError.None)
            {
                Acked.AddOrUpdate(ack.Flow, ack.NextSequence, (_, old) => Math.Max(old, ack.NextSequence));
            }
        }
        else if (e.ApplicationMessage.Topic.EndsWith("/" + Topics.State, StringComparison.Ordinal))
        {
            GatewayStates.Enqueue(Encoding.UTF8.GetString(payload));
        }
        else
        {
            Commands.Enqueue(Encoding.UTF8.GetString(payload));
        }

        return Task.CompletedTask;
    }

    private static byte[] Json(IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }
}
