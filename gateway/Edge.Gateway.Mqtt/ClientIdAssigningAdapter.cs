using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// MQTTnet's TCP listener, with every accepted connection wrapped in a <see cref="ClientIdAssigningChannel"/>.
/// MQTTnet assigns a client id to MQTT 5 clients only (its ValidatingConnection event can set one, but applies
/// it to v5 alone and does not expose the CONNECT packet), so the id is filled in as the CONNECT is read.
/// </summary>
internal sealed class ClientIdAssigningAdapter(IMqttServerAdapter inner) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel => ClientHandler is { } handler ? handler(new ClientIdAssigningChannel(channel)) : Task.CompletedTask;
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}
