using System.Globalization;

namespace Edge.Gateway.Core.Flows;

/// <summary>
/// The flows this gateway accepts. Flows are configured rather than discovered, so a node with a wrong flow id
/// is told (unknown_flow) instead of silently creating a new series.
/// </summary>
internal sealed class FlowCatalog
{
    private readonly Dictionary<int, FlowDefinition> _flows;

    public FlowCatalog(IEnumerable<FlowDefinition> flows)
    {
        _flows = flows.ToDictionary(f => f.Id);
    }

    public IReadOnlyCollection<FlowDefinition> All => _flows.Values;

    public bool TryGet(int flow, out FlowDefinition definition) => _flows.TryGetValue(flow, out definition!);

    /// <summary>
    /// Parses "id[:weight[:node+node]]" items separated by commas, e.g. "1,2:2.5,3:1:n1+n2". Ranges "1-8" are
    /// accepted for quick setups.
    /// </summary>
    public static FlowCatalog Parse(string spec)
    {
        var flows = new List<FlowDefinition>();
        foreach (string item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split(':');
            double weight = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1.0;
            var nodes = parts.Length > 2
                ? new HashSet<string>(parts[2].Split('+', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
            foreach (int id in Ids(parts[0]))
            {
                flows.Add(new FlowDefinition(id, weight, nodes));
            }
        }

        return new FlowCatalog(flows);
    }

    private static IEnumerable<int> Ids(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return [Id(text)];
        }

        int from = Id(text[..dash]);
        return Enumerable.Range(from, Id(text[(dash + 1)..]) - from + 1);
    }

    private static int Id(string text)
    {
        int id = int.Parse(text, CultureInfo.InvariantCulture);
        return id is < 0 or > 0xFFFF ? throw new FormatException($"flow id {id} is outside 0..65535") : id;
    }
}
