using Edge.Gateway.Core.Discovery;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Publishes Home Assistant discovery configs, retained: the fleet's once connected, a node's when it is first
/// born. Checked once a second from the session table rather than hooked into ingest, so a slow broker never
/// holds up a birth. After a reconnect everything is announced again: a restarted broker may have lost them.
/// </summary>
internal sealed partial class DiscoveryPublisher(GatewayRuntime runtime, IGatewayLink outbox, ILogger<DiscoveryPublisher> logger)
    : BackgroundService
{
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private bool _fleetAnnounced;
    private bool _wasConnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            await AnnounceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        bool connected = outbox.IsConnected;
        if (connected && !_wasConnected)
        {
            _fleetAnnounced = false;
            _announced.Clear();
        }

        _wasConnected = connected;
        if (!connected)
        {
            return;
        }

        string site = runtime.Options.Site;
        string gateway = runtime.Options.GatewayId;
        try
        {
            if (!_fleetAnnounced)
            {
                await PublishAsync(HomeAssistantDiscovery.ForFleet(site, gateway), cancellationToken).ConfigureAwait(false);
                _fleetAnnounced = true;
            }

            foreach (NodeView node in runtime.Queries.Nodes().Where(n => !_announced.Contains(n.Node)))
            {
                await PublishAsync(HomeAssistantDiscovery.ForNode(site, node.Node, gateway), cancellationToken).ConfigureAwait(false);
                _announced.Add(node.Node);
                LogAnnounced(logger, node.Node);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The connection dropped mid-way; whatever was not announced is tried again on the next tick.
            LogFailed(logger, e.Message);
        }
    }

    private async Task PublishAsync(IReadOnlyList<DiscoveryMessage> messages, CancellationToken cancellationToken)
    {
        foreach (DiscoveryMessage m in messages)
        {
            await outbox.PublishAsync(m.Topic, m.Payload, retain: true, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Home Assistant discovery published for node {Node}")]
    private static partial void LogAnnounced(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant discovery not published yet: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
