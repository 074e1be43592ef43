namespace Edge.Gateway.Core.Balancing;

/// <summary>How good an assignment is: imbalance (peak over mean utilisation) and how many flows changed owner.</summary>
internal static class BalanceMetrics
{
    public static double Imbalance(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> owners)
    {
        var book = new LoadBook(nodes);
        foreach (var flow in flows)
        {
            if (owners.TryGetValue(flow.Flow, out string? node) && book.IsLive(node))
            {
                book.Add(node, flow.Load);
            }
        }

        double mean = book.MeanUtilisation;
        return mean <= 0 ? 1.0 : book.Nodes.Max(n => book.Utilisation(n.Node)) / mean;
    }

    public static int Moves(IReadOnlyDictionary<int, string> before, IReadOnlyDictionary<int, string> after) =>
        after.Count(p => before.TryGetValue(p.Key, out string? old) && old != p.Value);
}
