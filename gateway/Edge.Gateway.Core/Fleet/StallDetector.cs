using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Notices a flow that does not progress where it is assigned: its committed sequence still while its owner is
/// alive, for <see cref="SupervisorOptions.StallAfter"/> since it was assigned or last moved forward. A stalled
/// (flow, node) pair is excluded from placement for <see cref="SupervisorOptions.StallHoldDown"/>, so the flow moves
/// and does not come straight back. Not thread-safe: the fleet loop owns it.
/// </summary>
internal sealed class StallDetector(SupervisorOptions options, FlowRegistry flows)
{
    private readonly Dictionary<int, (string Node, long Committed, long SinceMs)> _watch = [];
    private readonly Dictionary<(int Flow, string Node), long> _excludedUntil = [];

    public long Stalls { get; private set; }

    /// <summary>Flows stalled on their live owner now; each is excluded from that node from now on.</summary>
    public List<(int Flow, string Node)> Check(IReadOnlyDictionary<int, string> liveOwners, long now)
    {
        var stalled = new List<(int, string)>();
        if (options.StallAfter <= TimeSpan.Zero)
        {
            return stalled;
        }

        foreach ((int flow, string node) in liveOwners)
        {
            long committed = flows.Find(flow)?.Committed ?? 0;
            if (!_watch.TryGetValue(flow, out var seen) || seen.Node != node || seen.Committed != committed)
            {
                _watch[flow] = (node, committed, now);
            }
            else if (now - seen.SinceMs >= options.StallAfter.TotalMilliseconds)
            {
                stalled.Add((flow, node));
                _excludedUntil[(flow, node)] = now + (long)options.StallHoldDown.TotalMilliseconds;
                _watch.Remove(flow);
                Stalls++;
            }
        }

        foreach (int gone in _watch.Keys.Where(f => !liveOwners.ContainsKey(f)).ToList())
        {
            _watch.Remove(gone);
        }

        foreach (var expired in _excludedUntil.Where(e => e.Value <= now).Select(e => e.Key).ToList())
        {
            _excludedUntil.Remove(expired);
        }

        return stalled;
    }

    /// <summary>The nodes the flow stalled on within their hold-down (as of the last check), or null when none.</summary>
    public HashSet<string>? ExcludedNodes(int flow)
    {
        HashSet<string>? nodes = null;
        foreach ((int f, string node) in _excludedUntil.Keys)
        {
            if (f == flow)
            {
                (nodes ??= new HashSet<string>(StringComparer.Ordinal)).Add(node);
            }
        }

        return nodes;
    }

    /// <summary>Whether the flow stalled on the node within its hold-down (as of the last check).</summary>
    public bool Excludes(int flow, string node) => _excludedUntil.ContainsKey((flow, node));
}
