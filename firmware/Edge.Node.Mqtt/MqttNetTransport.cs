using System.Buffers;
using System.Collections.Concurrent;
using Edge.Node.Core.Agent;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Node.Mqtt;

/// <summary>
/// IMqttTransport over MQTTnet. Connect and Subscribe wait (the agent needs their outcome); publishes are
/// started without waiting for the PUBACK, up to a bounded window, because delivery is confirmed end to end by
/// the gateway's acknowledgements, not by the broker. Received messages are only queued here.
/// </summary>
public sealed class MqttNetTransport : IMqttTransport, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _inbox = new();
    private readonly int _maxInFlight;
    private readonly string? _username;
    private readonly string? _password;
    private readonly BrokerTls? _tls;
    private int _inFlight;

    /// <summary>With <paramref name="tls"/>, every connect is TLS and checks the broker's certificate (see <see cref="BrokerTls"/>).</summary>
    public MqttNetTransport(string? username = null, string? password = null, int maxInFlight = 256, BrokerTls? tls = null)
    {
        _username = username;
        _password = password;
        _maxInFlight = maxInFlight;
        _tls = tls;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            // Commands are never retained (docs/PROTOCOL.md 3.6): a retained one was planted to replay at every connect.
            if (e.ApplicationMessage.Retain && e.ApplicationMessage.Topic.EndsWith("/" + Edge.Protocol.Topics.Command, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            _inbox.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    public bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds)
    {
        var builder = new MqttClientOptionsBuilder();
        if (_username is not null)
        {
            builder = builder.WithCredentials(_username, _password);
        }

        if (_tls is not null)
        {
            builder = _tls.Apply(builder, host);
        }

        var options = builder
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAliveSeconds))
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            var result = _client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        // A broker certificate that fails the check ends the handshake (AuthenticationException): no connection, as for any refusal.
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException
            or System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain)
    {
        if (!_client.IsConnected || Volatile.Read(ref _inFlight) >= _maxInFlight)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(0, length).ToArray())
            .WithQualityOfServiceLevel(atLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(retain)
            .Build();
        Interlocked.Increment(ref _inFlight);
        _ = PublishAsync(message);
        return true;
    }

    public bool Subscribe(string topicFilter)
    {
        try
        {
            _client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Disconnect()
    {
        try
        {
            _client.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            // Already gone: a clean disconnect is best effort.
        }
    }

    /// <summary>Takes the next received message, if any, on the caller's (the agent's) thread.</summary>
    public bool TryReceive(out string topic, out byte[] payload)
    {
        bool got = _inbox.TryDequeue(out var item);
        topic = item.Topic;
        payload = item.Payload;
        return got;
    }

    public void Dispose() => _client.Dispose();

    private async Task PublishAsync(MqttApplicationMessage message)
    {
        try
        {
            await _client.PublishAsync(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Lost with the connection; the agent resends whatever the gateway has not acknowledged.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
