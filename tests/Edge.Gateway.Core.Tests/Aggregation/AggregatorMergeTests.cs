using CsCheck;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Aggregation;

/// <summary>
/// Samples go into the 1 s window only and each closing second is added into the 10 s and 1 min windows. Whatever
/// the timing, every rollup must be what one statistics object fed every sample of its window would report: the
/// same count, sum, min, max and percentiles, exact or from a histogram by the same rule.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AggregatorMergeTests
{
    [Fact]
    public void Every_window_reports_what_recording_its_samples_directly_would()
    {
        // Quarter-steps keep every sum exact, so the order of additions cannot matter; a big batch now and then
        // makes windows outgrow exact samples (a histogram in the second, or only once seconds are added up).
        Gen<double[]> batch = Gen.Frequency(
            (8, Gen.Int[-400, 400].Select(q => q / 4.0).Array[0, 24]),
            (1, Gen.Int[0, 4000].Select(q => q / 4.0).Array[1500, 2500]));
        Gen<(int AdvanceMs, int Flow, double[] Values)> step = Gen.Select(Gen.OneOf(Gen.Int[0, 400], Gen.Int[0, 25_000]), Gen.Int[0, 3], batch);
        step.Array[1, 40].Sample(steps =>
        {
            var clock = new ManualClock();
            var emitted = new List<RollupRecord>();
            var aggregator = new Aggregator(clock, r => emitted.AddRange(r));
            var samples = new List<(long AtMs, int Flow, double[] Values)>();
            foreach ((int advanceMs, int flow, double[] values) in steps)
            {
                clock.Advance(TimeSpan.FromMilliseconds(advanceMs));
                aggregator.Add(flow, values);
                samples.Add((clock.GetUtcNow().ToUnixTimeMilliseconds(), flow, values));
            }

            clock.Advance(TimeSpan.FromMinutes(2));
            aggregator.Tick();

            foreach (RollupRecord record in emitted)
            {
                Assert.Equal(Direct(samples, record), record);
            }

            // And nothing with data is missing: every window a sample fell in was reported, for its flow and the fleet.
            foreach ((long atMs, int flow, double[] values) in samples.Where(s => s.Values.Length > 0))
            {
                foreach ((string name, long size) in Aggregator.Windows)
                {
                    long start = atMs - (atMs % size);
                    Assert.Contains(emitted, r => r.Window == name && r.Flow == flow && r.StartMs == start);
                    Assert.Contains(emitted, r => r.Window == name && r.Flow == RollupRecord.Fleet && r.StartMs == start);
                }
            }
        }, iter: 300);
    }

    private static RollupRecord Direct(List<(long AtMs, int Flow, double[] Values)> samples, RollupRecord of)
    {
        WindowStats stats = of.Flow == RollupRecord.Fleet ? new WindowStats() : new WindowStats(new ScaledHistogramPool());
        foreach ((long atMs, int flow, double[] values) in samples)
        {
            if (atMs >= of.StartMs && atMs < of.EndMs && (of.Flow == RollupRecord.Fleet || flow == of.Flow))
            {
                stats.Add(values);
            }
        }

        return stats.ToRecord(of.Window, of.Flow, of.StartMs, of.EndMs);
    }
}
