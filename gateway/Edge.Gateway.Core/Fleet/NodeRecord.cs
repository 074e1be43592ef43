namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Everything the gateway knows about one node, replaced whole on every change so readers on other threads always
/// see a consistent copy. Online is the session's own word (birth, state, Will); Live is the supervisor's: a node
/// it may give flows to, false once it is declared dead (Will or suspicion) until its next birth.
/// </summary>
internal sealed record NodeRecord
{
    public required string Node { get; init; }

    public long Session { get; init; }

    public bool Online { get; init; }

    public bool Live { get; init; }

    public long JoinedMs { get; init; }

    public long LastSeenMs { get; init; }

    public long HeartbeatMs { get; init; }

    /// <summary>Flows the node serves at once, from its birth (0: no limit).</summary>
    public int MaxFlows { get; init; }

    /// <summary>The flows the node can source, from its birth, as a flow set ("0-3,9"); empty: any flow.</summary>
    public string Sources { get; init; } = "";

    public bool CanSource(int flow) => !Edge.Protocol.BirthMessage.Excludes(Sources, flow);

    public long BufferFill { get; init; }

    public long BufferCapacity { get; init; }

    public double Rate { get; init; }

    public double Forecast { get; init; }

    public long Unacked { get; init; }

    public bool PreExpanded { get; init; }

    public bool Alarm { get; init; }

    public long Dropped { get; init; }

    /// <summary>What the node's predictive rule would have dropped behind its modeled uplink (this session).</summary>
    public long ModelDropped { get; init; }

    /// <summary>What a reactive rule would have dropped on the same arrivals (this session).</summary>
    public long ReactiveDropped { get; init; }

    /// <summary>The node's last lane report (one per flow it serves); GatewayQueries shows only the flows it owns.</summary>
    public IReadOnlyList<LaneReport> Lanes { get; init; } = [];

    /// <summary>The free fraction of the buffer, as the balancer weighs it.</summary>
    public double Headroom => BufferCapacity <= 0 ? 1 : 1 - ((double)BufferFill / BufferCapacity);

    /// <summary>The session the supervisor declared dead while the node may still be talking (a healed partition).</summary>
    public long? DeadSession { get; init; }

    public long? LastDeathMs { get; init; }

    public long? LastRebirthMs { get; init; }

    /// <summary>
    /// Why the node is quarantined (it kept failing plausibility checks), or null. A quarantined node keeps the flows
    /// it has but gets no new ones, and its forecast, alarm and headroom are ignored; it outlives the node's sessions
    /// and is lifted only by an operator (or when the node is forgotten).
    /// </summary>
    public string? Quarantine { get; init; }

    public long? QuarantinedMs { get; init; }

    public bool Quarantined => Quarantine is not null;
}
