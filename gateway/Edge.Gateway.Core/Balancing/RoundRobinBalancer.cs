namespace Edge.Gateway.Core.Balancing;

/// <summary>Baseline: flows in id order dealt to nodes in name order, ignoring load and current owners.</summary>
internal sealed class RoundRobinBalancer : IFlowBalancer
{
    public string Name => "round-robin";

    public IReadOnlyDictionary<int, string> Assign(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> current)
    {
        var book = new LoadBook(nodes);
        var ordered = nodes.Select(n => n.Node).Order(StringComparer.Ordinal).ToArray();
        var result = new Dictionary<int, string>();
        int next = 0;
        foreach (var flow in flows.OrderBy(f => f.Flow))
        {
            for (int tried = 0; tried < ordered.Length; tried++)
            {
                string node = ordered[next++ % ordered.Length];
                if (flow.CanRunOn(node) && book.HasRoom(node))
                {
                    result[flow.Flow] = node;
                    book.Add(node, flow.Load);
                    break;
                }
            }
        }

        return result;
    }
}
