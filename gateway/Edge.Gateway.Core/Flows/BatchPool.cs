using System.Collections.Concurrent;

namespace Edge.Gateway.Core.Flows;

/// <summary>Reuses <see cref="IngestedBatch"/> buffers (6 KB each) so steady-state ingest allocates no sample arrays.</summary>
internal sealed class BatchPool
{
    private const int MaxPooled = 8192;
    private readonly ConcurrentBag<IngestedBatch> _free = [];

    public IngestedBatch Rent() => _free.TryTake(out IngestedBatch? b) ? b : new IngestedBatch();

    public void Return(IngestedBatch batch)
    {
        if (_free.Count < MaxPooled)
        {
            _free.Add(batch);
        }
    }
}
