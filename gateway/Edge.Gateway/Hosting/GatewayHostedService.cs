using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Start order: broker, store and loops (committed state reloaded), publisher (announces online), then the
/// subscriber, so no message arrives before the gateway can take it. Stop runs backwards and drains ingest.
/// </summary>
internal sealed partial class GatewayHostedService(
    GatewayRuntime runtime, GatewayOutbox outbox, GatewayInbox inbox, GatewayHostOptions options, IServiceProvider services,
    ILogger<GatewayHostedService> logger) : IHostedService
{
    private EmbeddedBroker? Broker => services.GetService<EmbeddedBroker>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Broker is { } broker)
        {
            await broker.StartAsync().ConfigureAwait(false);
        }

        runtime.Start();
        await outbox.StartAsync(cancellationToken).ConfigureAwait(false);
        await inbox.StartAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(logger, options.Broker.ToString(), runtime.DatabasePath, options.Gateway.Site, runtime.Leadership.Mode);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await inbox.DisconnectAsync().ConfigureAwait(false);
        await runtime.StopAsync().ConfigureAwait(false);
        await outbox.DisconnectAsync().ConfigureAwait(false);
        if (Broker is { } broker)
        {
            await broker.StopAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway up: broker {Broker}, store {Database}, site {Site}, election {Mode}")]
    private static partial void LogStarted(ILogger logger, string broker, string database, string site, string mode);
}
