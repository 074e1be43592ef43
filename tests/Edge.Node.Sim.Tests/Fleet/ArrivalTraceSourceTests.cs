using Edge.Node.Sim.Fleet;

namespace Edge.Node.Sim.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class ArrivalTraceSourceTests
{
    private static readonly double[] Quiet_then_burst = [1, 1, 1, 1, 10, 1, 1, 1];

    [Fact]
    public void A_burst_row_brings_a_burst_of_arrivals_and_the_trace_averages_the_mean_rate()
    {
        var clock = new FlowClock(startMs: 0, samplesPerSecond: 0);
        var source = new ArrivalTraceSource(0, "t", Quiet_then_burst, startMs: 0, rowMs: 1000, meanRate: 20);

        long quietSecond = source.Due(clock, 1000) - source.Due(clock, 0);
        long burstSecond = source.Due(clock, 5000) - source.Due(clock, 4000);

        Assert.InRange(burstSecond, (10 * quietSecond) - 10, (10 * quietSecond) + 10);
        Assert.Equal(20 * 8, source.Due(clock, 8000));
        Assert.Equal(2 * 20 * 8, source.Due(clock, 16_000));
    }

    [Fact]
    public void Every_sample_is_stamped_when_it_falls_due_and_carries_its_rows_value()
    {
        var clock = new FlowClock(startMs: 1_000, samplesPerSecond: 0);
        var source = new ArrivalTraceSource(0, "t", Quiet_then_burst, startMs: 1_000, rowMs: 1000, meanRate: 20);

        long previous = long.MinValue;
        for (long s = 0; s < 400; s++)
        {
            long t = source.TimeAt(s);
            Assert.True(t >= previous, $"sample {s} stamped before sample {s - 1}");
            Assert.True(source.Due(clock, t + 1) > s, $"sample {s} stamped at {t}, before it is due");
            previous = t;
        }

        long firstBurstSample = source.Due(clock, 5_000);
        Assert.Equal(10, source.ValueAt(firstBurstSample));
        Assert.Equal(1, source.ValueAt(firstBurstSample - 1));
    }

    [Fact]
    public void A_replay_can_start_shortly_before_a_traces_first_burst()
    {
        double[] values = [.. Enumerable.Repeat(1.0, 100), 50, 1, 1];
        var source = new ArrivalTraceSource(0, "t", values, startMs: 0, rowMs: 1000, meanRate: 5, firstRow: FlowSources.FirstBurst(values) - 3);
        var clock = new FlowClock(startMs: 0, samplesPerSecond: 0);

        Assert.Equal(100, FlowSources.FirstBurst(values));
        Assert.Equal(50, source.ValueAt(source.Due(clock, 3_000)));
    }

    [Fact]
    public void Arrivals_stop_falling_due_when_the_clock_is_frozen()
    {
        var clock = new FlowClock(startMs: 0, samplesPerSecond: 0);
        var source = new ArrivalTraceSource(0, "t", Quiet_then_burst, startMs: 0, rowMs: 1000, meanRate: 20);

        clock.Freeze(3_000);

        Assert.Equal(source.Due(clock, 3_000), source.Due(clock, 60_000));
    }

    [Fact]
    public void A_trace_with_a_negative_or_infinite_row_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ArrivalTraceSource(0, "t", [1, -1], 0, 1000, 20));
        Assert.Throws<ArgumentException>(() => new ArrivalTraceSource(0, "t", [1, double.PositiveInfinity], 0, 1000, 20));
    }
}
