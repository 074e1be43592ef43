using Edge.Node.Sim.Fleet;

namespace Edge.Node.Sim.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class FleetPartsTests
{
    [Fact]
    public void A_chaos_schedule_parses_into_times_and_lines()
    {
        var items = ChaosScript.Parse("kill sim-002@20s, restart sim-002@40.5s");

        Assert.Equal([(TimeSpan.FromSeconds(20), "kill sim-002"), (TimeSpan.FromSeconds(40.5), "restart sim-002")], items);
    }

    [Fact]
    public void A_chaos_item_without_a_time_is_refused()
    {
        Assert.Throws<FormatException>(() => ChaosScript.Parse("kill sim-002"));
    }

    [Fact]
    public void A_synthetic_source_gives_the_same_sample_for_the_same_sequence_and_has_bursts()
    {
        var a = new BurstSource(3, startMs: 1000, periodMs: 1000);
        var b = new BurstSource(3, startMs: 1000, periodMs: 1000);
        var values = Enumerable.Range(0, 2000).Select(i => a.ValueAt(i)).ToArray();

        Assert.Equal(values, Enumerable.Range(0, 2000).Select(i => b.ValueAt(i)));
        Assert.Equal(1000 + (1000L * 7), a.TimeAt(7));
        Assert.True(values.Max() > 4 * values.Order().ElementAt(values.Length / 2), "no bursts above 4x the median");
    }

    [Fact]
    public void A_trace_source_loops_over_its_rows_by_sequence()
    {
        var source = new TraceSource(0, "t", [1.5, 2.5, 4.0], startMs: 0, periodMs: 10);

        Assert.Equal(2.5, source.ValueAt(1));
        Assert.Equal(2.5, source.ValueAt(4));
        Assert.Equal(40, source.TimeAt(4));
    }

    [Fact]
    public void The_flow_clock_paces_sequences_and_stops_when_frozen()
    {
        var clock = new FlowClock(startMs: 10_000, samplesPerSecond: 20);

        Assert.Equal(0, clock.Due(9_000));
        Assert.Equal(20, clock.Due(11_000));
        clock.Freeze(12_000);
        Assert.Equal(40, clock.Due(60_000));
    }

    [Fact]
    public void Synthetic_flows_can_start_after_the_trace_flows()
    {
        var flows = FlowSources.Synthetic(3, 0, firstFlow: 5);

        Assert.Equal([5, 6, 7], flows.Select(f => f.Flow));
    }
}
