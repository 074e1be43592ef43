using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Start order: store and loops (committed state reloaded), then with the embedded broker the intake attached
/// before the broker listens; the publisher (announces online); then an external broker's subscriber. No message
/// arrives before the gateway can take it. Stop runs backwards and drains ingest.
/// </summary>
internal sealed partial class GatewayHostedService(
    GatewayRuntime runtime, IGatewayLink outbox, IGatewayIntake inbox, GatewayHostOptions options, IServiceProvider services,
    ILogger<GatewayHostedService> logger) : IHostedService
{
    private EmbeddedBroker? Broker => services.GetService<EmbeddedBroker>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Start();
        if (Broker is { } broker)
        {
            await inbox.StartAsync(cancellationToken).ConfigureAwait(false);
            await broker.StartAsync().ConfigureAwait(false);
            if (services.GetService<BrokerAuthorizer>() is { } authorizer)
            {
                LogSecurity(logger, options.MqttBind, authorizer.Security.Describe());
            }

            LogListeners(logger, options.DescribeListeners());
            await outbox.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await outbox.StartAsync(cancellationToken).ConfigureAwait(false);
            await inbox.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (outbox.IsConnected && inbox.IsConnected)
        {
            LogStarted(logger, options.Broker.ToString(), runtime.DatabasePath, options.Gateway.Site, runtime.Leadership.Mode);
        }
        else
        {
            // The gateway keeps trying in the background; until then /healthz answers 503 with the reason.
            LogNoBroker(logger, options.Broker.ToString(), outbox.LastError ?? inbox.LastError ?? "not connected", runtime.DatabasePath, options.Gateway.Site, runtime.Leadership.Mode);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker security on {Bind}: {Mode}")]
    private static partial void LogSecurity(ILogger logger, string bind, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker listeners: {Listeners}")]
    private static partial void LogListeners(ILogger logger, string listeners);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway up: broker {Broker}, store {Database}, site {Site}, election {Mode}")]
    private static partial void LogStarted(ILogger logger, string broker, string database, string site, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway started but cannot reach the broker {Broker} ({Reason}); retrying, not ready until it connects. Store {Database}, site {Site}, election {Mode}")]
    private static partial void LogNoBroker(ILogger logger, string broker, string reason, string database, string site, string mode);
}
