using MQTTnet;
using MQTTnet.Exceptions;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// One MQTTnet client that keeps itself connected: after a drop it reconnects with capped backoff and runs the
/// on-connected step again (subscriptions, the online state), since the broker may have lost them.
/// </summary>
internal sealed class MqttLink : IAsyncDisposable
{
    /// <summary>Both gateway clients: the broker notices a dead gateway (and sends its Will) within 22.5 s.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly MqttClientOptions _options;
    private readonly Func<IMqttClient, CancellationToken, Task> _onConnected;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _reconnect;

    public MqttLink(MqttClientOptions options, Func<IMqttClient, CancellationToken, Task> onConnected)
    {
        _options = options;
        _onConnected = onConnected;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.DisconnectedAsync += _ =>
        {
            KeepReconnecting();
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public bool IsConnected => Client.IsConnected;

    /// <summary>Why the last connect failed (null once connected): what the gateway's log and /healthz say.</summary>
    public string? LastError { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            await _onConnected(Client, cancellationToken).ConfigureAwait(false);
            LastError = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LastError = e.GetBaseException().Message;
            throw;
        }
    }

    /// <summary>
    /// Connects if the broker is there; if not, keeps trying in the background instead of failing the gateway's
    /// start (an external broker may come up later; /healthz says not ready meanwhile).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            KeepReconnecting();
        }
    }

    /// <summary>Stops reconnecting; the caller publishes anything final before disconnecting.</summary>
    public async Task DisconnectAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Client.IsConnected)
        {
            try
            {
                await Client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MqttCommunicationException)
            {
                // The connection ended between the check and the DISCONNECT: it is down either way.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        Client.Dispose();
        _stopping.Dispose();
    }

    private void KeepReconnecting()
    {
        lock (_stopping)
        {
            if (!_stopping.IsCancellationRequested && (_reconnect is null || _reconnect.IsCompleted))
            {
                _reconnect = Task.Run(ReconnectAsync);
            }
        }
    }

    private async Task ReconnectAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stopping.IsCancellationRequested && !Client.IsConnected)
        {
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                await ConnectAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
            }
        }
    }
}
