using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Storage;

namespace Edge.Gateway.Core.Sinks;

/// <summary>What a sink failed to take, in the gateway's store next to the data, until the sink recovers and it is replayed.</summary>
internal sealed class DeadLetterTable(IGatewayStore store, TimeProvider clock)
{
    public void Add(string sink, IReadOnlyList<RollupRecord> records, string error) =>
        store.AddDeadLetters(sink, records, error, clock.GetUtcNow().ToUnixTimeMilliseconds());

    public int Count(string sink) => store.CountDeadLetters(sink);

    /// <summary>The oldest letters of a sink, with their ids so they are deleted only once delivered.</summary>
    public IReadOnlyList<(long Id, RollupRecord Record)> Oldest(string sink, int max) => store.OldestDeadLetters(sink, max);

    public void Delete(IEnumerable<long> ids) => store.DeleteDeadLetters(ids);
}
