using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Ready when the broker is reachable by both gateway clients, the store commits, and the gateway has a role: the
/// site's leader, or (HA mode) a healthy standby ready to take over. A gateway that refuses to be a second primary
/// (single mode, another primary online) or has not decided yet is not ready, and says why.
/// </summary>
internal sealed class GatewayHealth(GatewayRuntime runtime, IGatewayLink outbox, IGatewayIntake inbox, IServiceProvider services)
{
    public (bool Ready, object Detail) Check()
    {
        bool broker = (services.GetService<EmbeddedBroker>()?.IsStarted ?? true) && outbox.IsConnected && inbox.IsConnected;
        bool store = runtime.StoreReady;
        string? brokerError = broker ? null : outbox.LastError ?? inbox.LastError ?? "not connected";
        var leadership = runtime.Leadership;
        string role = leadership.Role;
        bool serving = role == "leader" || (role == "standby" && leadership.Mode != "single");
        bool ready = broker && store && serving;
        string status = !ready ? "not_ready" : role == "leader" ? "ready" : "standby";
        // Saturated is a warning, not unreadiness: the gateway still takes everything, only more slowly.
        Saturation saturation = runtime.Queries.Saturation();
        bool saturated = saturation.Saturated;
        return (ready, new
        {
            status, broker, store, brokerError, role, mode = leadership.Mode, leader = leadership.Leader?.Gateway, why = leadership.Refusal,
            saturated, reportsShed = saturation.ReportsShed, correlatedSilences = saturation.CorrelatedSilences, queues = runtime.Queries.Queues(),
        });
    }
}
