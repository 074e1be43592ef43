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
        // Only the address asked for, in its own family (MQTTnet would also listen on [::] by default), and no
        // address reuse: a second gateway on the same port must fail to start, not share the port silently.
        bool v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(v6 ? IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(v6 ? address : IPAddress.None)
            .WithDefaultEndpointPort(port)
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
        await _server.StartAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// An MQTT 5 client may leave its id empty and let the server choose one. (MQTTnet applies an assigned id to
    /// MQTT 5 clients only; a 3.1.1 client such as mosquitto_sub without -i is still refused, so the docs pass -i.)
    /// </summary>
    private static Task AssignMissingClientId(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N");
        }

        return Task.CompletedTask;
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
