using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Sinks;

namespace Edge.Gateway.Core.Tests.Sinks;

/// <summary>Never returns until cancelled: a sink that hangs.</summary>
internal sealed class StalledSink : ISink
{
    public string Name => "stalled";

    public async Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, cancellationToken);
}
