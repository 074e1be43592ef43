using System.Net;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// MQTTnet's server inside the gateway process, so one command needs nothing else. The pending-message limit
/// is raised because with the default a slow subscriber silently loses QoS 0 messages.
/// </summary>
internal sealed class EmbeddedBroker(IPAddress address, int port) : IAsyncDisposable
{
    private MqttServer? _server;

    public bool IsStarted => _server?.IsStarted == true;

    public async Task StartAsync()
    {
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointReuseAddress()
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        await _server.StartAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _server?.Dispose();
    }
}
