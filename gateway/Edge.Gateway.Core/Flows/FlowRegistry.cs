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

    /// <summary>Every flow with sequence state, in id order.</summary>
    public IReadOnlyList<FlowSequence> Sequences => [.. _sequences.Values.OrderBy(f => f.Flow)];
}
