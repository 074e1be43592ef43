using Edge.Gateway.Core.Aggregation;

namespace Edge.Gateway.Core.Sinks;

/// <summary>An output for rollups. Throwing means "not taken": the pump retries, then dead-letters.</summary>
internal interface ISink
{
    string Name { get; }

    Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken);
}
