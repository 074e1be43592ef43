using System.Globalization;

namespace Edge.Gateway.Core.Flows;

/// <summary>
/// The flows this gateway accepts. Flows are configured rather than discovered, so a node with a wrong flow id
/// is told (unknown_flow) instead of silently creating a new series.
/// </summary>
internal sealed class FlowCatalog
{
    private readonly Dictionary<int, FlowDefinition> _flows;
    private readonly string _spec;

    public FlowCatalog(IEnumerable<FlowDefinition> flows, string? spec = null)
    {
        _flows = [];
        foreach (FlowDefinition flow in flows)
        {
            if (!_flows.TryAdd(flow.Id, flow))
            {
                throw new FormatException($"flow {flow.Id} is listed twice");
            }
        }

        _spec = spec ?? string.Join(",", _flows.Keys.Order());
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
            if (parts.Length > 3)
            {
                throw new FormatException($"{item} has more than id:weight:nodes");
            }

            double weight = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1.0;
            if (!(weight > 0) || double.IsInfinity(weight))
            {
                throw new FormatException($"weight {parts[1]} of {parts[0]} must be a number above 0");
            }

            var nodes = parts.Length > 2
                ? new HashSet<string>(parts[2].Split('+', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
            foreach (int id in Ids(parts[0]))
            {
                flows.Add(new FlowDefinition(id, weight, nodes));
            }
        }

        return new FlowCatalog(flows, spec);
    }

    /// <summary>The spec it was parsed from (or the ids, comma-separated): what logs and --help show.</summary>
    public override string ToString() => _spec;

    private static IEnumerable<int> Ids(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return [Id(text)];
        }

        int from = Id(text[..dash]);
        int to = Id(text[(dash + 1)..]);
        return to >= from ? Enumerable.Range(from, to - from + 1) : throw new FormatException($"range {text} runs backwards");
    }

    private static int Id(string text)
    {
        int id = int.Parse(text, CultureInfo.InvariantCulture);
        return id is < 0 or > 0xFFFF ? throw new FormatException($"flow id {id} is outside 0..65535") : id;
    }
}
