using Edge.Node.Sim.Fleet;

namespace Edge.Bench.Harness;

/// <summary>The end of a bench that ran simulated boards: every sample that fell due, committed exactly once.</summary>
internal static class SimDrain
{
    /// <summary>How long the drain waits for the gateway's flows to reach what fell due (a saturated gateway may answer slowly or not).</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Stops the sources, lets every board flush, then compares the gateway's totals with the sources: a
    /// sequence below the end that never committed is lost; a committed count above the committed sequence
    /// means something was counted twice.
    /// </summary>
    public static async Task<(long Lost, long Duplicated)> RunAsync(GatewayUnderTest gateway, SimFleet fleet, IReadOnlyList<IFlowSource> sources, TextWriter log)
    {
        long now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        fleet.Clock.Freeze(now);
        long due = fleet.Clock.Due(now);
        Dictionary<int, (long Committed, long Count, double Sum)> flows = [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 600 && clock.Elapsed < DrainLimit; i++)
        {
            try
            {
                flows = await gateway.FlowsAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A gateway busy with ten thousand boards may not answer within the client's timeout: ask again.
                continue;
            }

            if (sources.All(s => flows.TryGetValue(s.Flow, out var f) && f.Committed >= due))
            {
                break;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        (long lost, long duplicated) = Account(sources, flows, due, log);
        log.WriteLine("drained: {0} samples per flow due, {1} flows checked", due, sources.Count);
        return (lost, duplicated);
    }

    /// <summary>
    /// The gateway's or the store's totals against the sources, up to <paramref name="due"/>: a sequence below it
    /// that never committed is lost; a count above the committed sequence, or a sum that differs from the
    /// source's, is a duplicate.
    /// </summary>
    public static (long Lost, long Duplicated) Account(
        IReadOnlyList<IFlowSource> sources, IReadOnlyDictionary<int, (long Committed, long Count, double Sum)> flows, long due, TextWriter log)
    {
        long lost = 0;
        long duplicated = 0;
        foreach (IFlowSource source in sources)
        {
            var (committed, count, sum) = flows.GetValueOrDefault(source.Flow);
            lost += Math.Max(0, due - committed) + Math.Max(0, committed - count);
            duplicated += Math.Max(0, count - committed);
            double expected = 0;
            for (long s = 0; s < committed; s++)
            {
                expected += source.ValueAt(s);
            }

            if (Math.Abs(expected - sum) > 1e-9 * Math.Max(1, Math.Abs(expected)))
            {
                log.WriteLine("flow {0}: committed sum {1} differs from the source's {2}", source.Flow, sum, expected);
                duplicated++;
            }
        }

        return (lost, duplicated);
    }
}
