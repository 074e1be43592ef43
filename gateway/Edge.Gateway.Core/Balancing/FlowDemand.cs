namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// What one flow asks of its owner: its load (forecast samples per second, or its configured weight until there
/// is a forecast), whether a burst is expected soon, which nodes may carry it (empty: any) and which may not
/// (they cannot source it, or it stalled there).
/// </summary>
internal sealed record FlowDemand(int Flow, double Load, bool BurstExpected, IReadOnlySet<string> Eligible, IReadOnlySet<string>? Excluded = null)
{
    public bool CanRunOn(string node) => (Eligible.Count == 0 || Eligible.Contains(node)) && Excluded?.Contains(node) != true;
}
