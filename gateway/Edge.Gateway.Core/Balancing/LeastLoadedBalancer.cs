namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// Baseline: heaviest flow first onto the least-utilised eligible node (longest-processing-time greedy).
/// Balances well, but recomputes from scratch, so one join or forecast change can move many flows.
/// </summary>
internal sealed class LeastLoadedBalancer : IFlowBalancer
{
    public string Name => "least-loaded";

    public IReadOnlyDictionary<int, string> Assign(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> current)
    {
        var book = new LoadBook(nodes);
        var result = new Dictionary<int, string>();
        foreach (var flow in flows.OrderByDescending(f => f.Load).ThenBy(f => f.Flow))
        {
            string? best = book.Nodes.Where(n => flow.CanRunOn(n.Node) && book.HasRoom(n.Node))
                .OrderBy(n => book.UtilisationWith(n.Node, flow.Load)).ThenBy(n => n.Node, StringComparer.Ordinal)
                .Select(n => n.Node).FirstOrDefault();
            if (best is not null)
            {
                result[flow.Flow] = best;
                book.Add(best, flow.Load);
            }
        }

        return result;
    }
}
