using Edge.Node.Pi.Sources;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Sources;

/// <summary>A trace replayed as an arrival rate: a burst in the file is a burst of samples, not just larger values.</summary>
[Trait("Category", "Unit")]
public sealed class ArrivalReplaySourceTests
{
    private const int Flow = 8;

    [Fact]
    public void Each_row_brings_its_value_times_scale_arrivals_per_second_each_carrying_the_row_value()
    {
        var node = AgentHarness.Serving(Flow);
        // Two rows per second: 1 s of a quiet row (4/s x 2.5 = 10 arrivals/s), then a burst row (40/s x 2.5 = 100/s).
        var source = new ArrivalReplaySource(Flow, [4, 4, 40, 40], rowsPerSecond: 2, scale: 2.5, loop: false);

        for (long t = 0; t <= 2_000; t += 10)
        {
            source.Feed(node.Agent, t);
        }

        var held = node.Held(Flow);
        int quiet = held.Count(h => h.Value == 4);
        int burst = held.Count(h => h.Value == 40);
        Assert.InRange(quiet, 9, 11);
        Assert.InRange(burst, 98, 102);
        Assert.Equal(Enumerable.Range(0, held.Count).Select(i => (long)i), held.Select(h => h.Sequence));
        Assert.True(held.Where(h => h.Value == 40).Min(h => h.Time) >= 1_000);
    }

    [Fact]
    public void A_trace_that_does_not_loop_stops_at_its_last_row_and_a_looping_one_starts_over()
    {
        var once = AgentHarness.Serving(Flow);
        var looping = AgentHarness.Serving(Flow);
        var a = new ArrivalReplaySource(Flow, [10], rowsPerSecond: 1, scale: 1, loop: false);
        var b = new ArrivalReplaySource(Flow, [10], rowsPerSecond: 1, scale: 1, loop: true);

        for (long t = 0; t <= 3_000; t += 50)
        {
            a.Feed(once.Agent, t);
            b.Feed(looping.Agent, t);
        }

        Assert.InRange(once.Held(Flow).Count, 9, 11);
        Assert.InRange(looping.Held(Flow).Count, 29, 31);
        Assert.Equal(-1, a.Row(3_000));
    }
}
