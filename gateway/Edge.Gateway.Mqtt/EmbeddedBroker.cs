using System.Net;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// MQTTnet's server inside the gateway process, so one command needs nothing else. The pending-message limit
/// is raised because with the default a slow subscriber silently loses QoS 0 messages; the listen backlog is
/// raised because a lab's boards power up together (the default 100 drops connection attempts of a storm, which
/// then wait seconds for the kernel's retry). The server exists from construction, so the gateway's intake can
/// attach to it before it starts listening.
/// </summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    public EmbeddedBroker(IPAddress address, int port)
    {
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointReuseAddress()
            .WithConnectionBacklog(4096)
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
    }

    public bool IsStarted => _server.IsStarted;

    /// <summary>The running server, for the gateway's in-process intake and publisher.</summary>
    public MqttServer Server => _server;

    public Task StartAsync() => _server.StartAsync();

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
