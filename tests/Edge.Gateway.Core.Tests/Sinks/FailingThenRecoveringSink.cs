using System.Collections.Concurrent;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Sinks;

namespace Edge.Gateway.Core.Tests.Sinks;

/// <summary>Throws on its first <c>failures</c> calls, then takes everything.</summary>
internal sealed class FailingThenRecoveringSink(int failures) : ISink
{
    private int _calls;

    public string Name => "flaky";

    public int Calls => _calls;

    public ConcurrentDictionary<(string, int, long), RollupRecord> Taken { get; } = new();

    public Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= failures)
        {
            throw new InvalidOperationException("sink down");
        }

        foreach (RollupRecord r in records)
        {
            Taken[(r.Window, r.Flow, r.StartMs)] = r;
        }

        return Task.CompletedTask;
    }
}
