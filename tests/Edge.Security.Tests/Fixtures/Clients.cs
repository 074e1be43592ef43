using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Security.Tests.Fixtures;

/// <summary>MQTT 5 clients (so refusals come back with their reason codes) on real sockets.</summary>
internal static class Clients
{
    public static MqttClientOptions Options(int port, string clientId, string? user, string? password, string? willTopic = null, Edge.Node.Mqtt.BrokerTls? tls = null)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password ?? "");
        }

        if (tls is not null)
        {
            builder = tls.Apply(builder, "127.0.0.1");
        }

        if (willTopic is not null)
        {
            builder = builder.WithWillTopic(willTopic).WithWillPayload("forged will"u8.ToArray()).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return builder.Build();
    }

    /// <summary>The CONNACK's result code; a refused connect is reported, not thrown.</summary>
    public static async Task<MqttClientConnectResultCode> TryConnectAsync(IMqttClient client, MqttClientOptions options)
    {
        try
        {
            return (await client.ConnectAsync(options)).ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            // The refused CONNACK travels in the exception (its property name differs across MQTTnet versions).
            foreach (System.Reflection.PropertyInfo property in e.GetType().GetProperties())
            {
                object? value = property.GetValue(e);
                if (value is MqttClientConnectResult result)
                {
                    return result.ResultCode;
                }

                if (value is MqttClientConnectResultCode code)
                {
                    return code;
                }
            }

            return MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    public static async Task<IMqttClient> ConnectAsync(int port, string clientId, string? user, string? password, string? willTopic = null)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResultCode code = await TryConnectAsync(client, Options(port, clientId, user, password, willTopic));
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        return client;
    }

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload, bool retain = false) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
}

/// <summary>A client that records every message it is delivered: what got through the broker.</summary>
internal sealed class Observer : IAsyncDisposable
{
    private readonly IMqttClient _client;

    public Observer(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();

    public static async Task<Observer> StartAsync(IMqttClient connected, string filter)
    {
        var observer = new Observer(connected);
        MqttClientSubscribeResult result = await connected.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.True((int)result.Items.Single().ResultCode < 0x80, "the observer's subscription to " + filter + " was refused: " + result.Items.Single().ResultCode);
        return observer;
    }

    public async Task AlsoAsync(string filter, bool mustBeGranted = true)
    {
        MqttClientSubscribeResult result = await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.True(!mustBeGranted || (int)result.Items.Single().ResultCode < 0x80, "the observer's subscription to " + filter + " was refused");
    }

    public bool Saw(string topic, string payload) => Received.Any(m => m.Topic == topic && m.Payload == payload);

    public bool SawTopic(string topic) => Received.Any(m => m.Topic == topic);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
