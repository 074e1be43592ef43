namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Who may write new samples into each flow, as placement last decided (docs/PROTOCOL.md, section 4.1): the owner,
/// and the owner before it until <see cref="SupervisorOptions.FormerOwnerGrace"/> after the flow left it (its flush
/// in a planned move, batches in flight at a failover). Immutable: the fleet loop publishes a new one after each
/// change, and the ingest loop reads it for every batch without touching the fleet's state or taking a lock.
/// Until this gateway's first placement (the startup grace, while the fleet's retained births come in) nothing is
/// enforced: nodes still serving the flows an earlier run gave them keep sending, and no flow has an owner yet.
/// </summary>
internal sealed class FlowOwnership
{
    public static readonly FlowOwnership Unplaced = new(new Dictionary<int, FlowClaim>(), enforced: false);

    private readonly Dictionary<int, FlowClaim> _claims;

    public FlowOwnership(Dictionary<int, FlowClaim> claims, bool enforced)
    {
        _claims = claims;
        Enforced = enforced;
    }

    /// <summary>False until the first placement: then any eligible node with a live session may write.</summary>
    public bool Enforced { get; }

    public bool Allows(int flow, string node, long nowMs) =>
        !Enforced || (_claims.TryGetValue(flow, out FlowClaim claim)
            && (claim.Owner == node || (claim.Former == node && nowMs < claim.FormerUntilMs)));

    public FlowClaim? Claim(int flow) => _claims.TryGetValue(flow, out FlowClaim claim) ? claim : null;
}

/// <summary>A flow's owner ("" while a planned move waits for the flush) and the owner before it, until when.</summary>
internal readonly record struct FlowClaim(string Owner, string? Former, long FormerUntilMs);
