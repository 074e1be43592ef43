using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Storage;

namespace Edge.Gateway.Core.Sinks;

/// <summary>The always-on sink: rollups into the gateway's store (upsert, so a replay is harmless); named after the store.</summary>
internal sealed class StoreRollupSink(IGatewayStore store) : ISink
{
    public string Name => store.Kind;

    public Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
    {
        store.WriteRollups(records);
        return Task.CompletedTask;
    }
}
