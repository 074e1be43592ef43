using System.Collections.Concurrent;

namespace Edge.Gateway.Core.Flows;

/// <summary>
/// The one registry of flows: what is configured (the catalog: weights, eligible nodes) and where each flow
/// stands (its sequence, seeded from the store at startup so a restarted gateway resumes exactly).
/// </summary>
internal sealed class FlowRegistry(FlowCatalog catalog)
{
    private readonly ConcurrentDictionary<int, FlowSequence> _sequences = new();

    public FlowCatalog Catalog => catalog;

    public bool IsConfigured(int flow, out FlowDefinition definition) => catalog.TryGet(flow, out definition);

    /// <summary>The flow's sequence state, created at zero on first use.</summary>
    public FlowSequence Get(int flow) => _sequences.GetOrAdd(flow, f => new FlowSequence(f, 0, 0, 0));

    public FlowSequence? Find(int flow) => _sequences.GetValueOrDefault(flow);

    public void Load(FlowSequence restored) => _sequences[restored.Flow] = restored;

    /// <summary>
    /// Every flow's position as the store has it, replacing what was here (held batches and all): what a gateway
    /// taking over as leader resumes from. Flows the store does not know start again at zero.
    /// </summary>
    public void Reload(IReadOnlyList<FlowSequence> stored)
    {
        var known = stored.Select(f => f.Flow).ToHashSet();
        foreach (int flow in _sequences.Keys.Where(f => !known.Contains(f)).ToList())
        {
            _sequences[flow] = new FlowSequence(flow, 0, 0, 0);
        }

        foreach (FlowSequence flow in stored)
        {
            _sequences[flow.Flow] = flow;
        }
    }

    /// <summary>Every flow with sequence state, in id order.</summary>
    public IReadOnlyList<FlowSequence> Sequences => [.. _sequences.Values.OrderBy(f => f.Flow)];
}
