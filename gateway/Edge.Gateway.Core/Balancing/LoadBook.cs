namespace Edge.Gateway.Core.Balancing;

/// <summary>Running per-node load while a strategy places flows; utilisation is load over capacity.</summary>
internal sealed class LoadBook
{
    private readonly Dictionary<string, double> _load = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeCapacity> _nodes;

    public LoadBook(IReadOnlyList<NodeCapacity> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            _load[node.Node] = 0;
            _flows[node.Node] = 0;
        }
    }

    public IEnumerable<NodeCapacity> Nodes => _nodes.Values;

    public int Count => _nodes.Count;

    public bool IsLive(string node) => _nodes.ContainsKey(node);

    public NodeCapacity this[string node] => _nodes[node];

    public double Load(string node) => _load[node];

    public double Utilisation(string node) => _load[node] / Math.Max(_nodes[node].Capacity, 1e-9);

    public double UtilisationWith(string node, double extra) => (_load[node] + extra) / Math.Max(_nodes[node].Capacity, 1e-9);

    /// <summary>True while the node can take one more flow.</summary>
    public bool HasRoom(string node) => _nodes[node].MaxFlows <= 0 || _flows[node] < _nodes[node].MaxFlows;

    public void Add(string node, double load)
    {
        _load[node] += load;
        _flows[node]++;
    }

    public void Remove(string node, double load)
    {
        _load[node] -= load;
        _flows[node]--;
    }

    /// <summary>Fleet utilisation if load were spread in proportion to capacity.</summary>
    public double MeanUtilisation => _load.Values.Sum() / Math.Max(_nodes.Values.Sum(n => n.Capacity), 1e-9);
}
