using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>Ready only when the broker is reachable by both gateway clients and the store commits.</summary>
internal sealed class GatewayHealth(GatewayRuntime runtime, IGatewayLink outbox, IGatewayIntake inbox, IServiceProvider services)
{
    public (bool Ready, object Detail) Check()
    {
        bool broker = (services.GetService<EmbeddedBroker>()?.IsStarted ?? true) && outbox.IsConnected && inbox.IsConnected;
        bool store = runtime.StoreReady;
        string? brokerError = broker ? null : outbox.LastError ?? inbox.LastError ?? "not connected";
        // Saturated is a warning, not unreadiness: the gateway still takes everything, only more slowly.
        bool saturated = runtime.Queries.Saturation().Saturated;
        return (broker && store, new { status = broker && store ? "ready" : "not_ready", broker, store, brokerError, saturated, queues = runtime.Queries.Queues() });
    }
}
