namespace Edge.Gateway.Core.Ports;

/// <summary>What a message on the edge/v1 tree is, from the gateway's side.</summary>
internal enum InboundKind
{
    Rejected,
    Birth,
    NodeState,
    Telemetry,
    Data,
    GatewayState,

    /// <summary>A retained flow assignment (flow/{flow}/owner), the leader's own, another gateway's, or left by an earlier configuration.</summary>
    FlowOwner,

    /// <summary>A topic the gateway publishes itself (ack, config, cmd, owner, rollup): not ingested, not an error.</summary>
    Ignored,
}
