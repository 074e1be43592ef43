namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// The flows a node owns as the gateway sees them at one instant: how many, the newest assignment epoch among them
/// (any flow moving to or from the node changes one or the other), and the samples committed for them so far.
/// </summary>
internal readonly record struct OwnedFlows(int Count, long NewestEpoch, long Committed)
{
    public bool SameFlowsAs(OwnedFlows other) => Count == other.Count && NewestEpoch == other.NewestEpoch;
}
