using System.Collections.Concurrent;

namespace Edge.Gateway.Core.Ingest;

/// <summary>All flows' sequence state, seeded from the store at startup so a restarted gateway resumes exactly.</summary>
internal sealed class FlowSequences
{
    private readonly ConcurrentDictionary<int, FlowSequence> _flows = new();

    public FlowSequence Get(int flow) => _flows.GetOrAdd(flow, f => new FlowSequence(f, 0, 0, 0));

    public void Load(FlowSequence restored) => _flows[restored.Flow] = restored;

    public FlowSequence? Find(int flow) => _flows.GetValueOrDefault(flow);

    public IReadOnlyList<FlowSequence> All => _flows.Values.OrderBy(f => f.Flow).ToList();
}
