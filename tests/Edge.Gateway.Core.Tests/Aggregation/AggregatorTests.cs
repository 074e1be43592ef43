using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Aggregation;

[Trait("Category", "Unit")]
public sealed class AggregatorTests
{
    private readonly ManualClock _clock = new();
    private readonly List<RollupRecord> _closed = [];

    public AggregatorTests() => Aggregator = new Aggregator(_clock, r => _closed.AddRange(r));

    private Aggregator Aggregator { get; }

    [Fact]
    public void A_closed_second_reports_exact_count_sum_min_max_and_mean_per_flow_and_fleet()
    {
        Aggregator.Add(1, [1, 2, 3, 4]);
        Aggregator.Add(2, [10, -10]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        RollupRecord flow1 = _closed.Single(r => r.Window == "1s" && r.Flow == 1);
        Assert.Equal((4L, 10.0, 1.0, 4.0, 2.5), (flow1.Count, flow1.Sum, flow1.Min, flow1.Max, flow1.Mean));
        RollupRecord fleet = _closed.Single(r => r.Window == "1s" && r.Flow == RollupRecord.Fleet);
        Assert.Equal((6L, 10.0, -10.0, 10.0), (fleet.Count, fleet.Sum, fleet.Min, fleet.Max));
        Assert.Equal(1000, fleet.EndMs - fleet.StartMs);
        Assert.DoesNotContain(_closed, r => r.Window == "10s");
    }

    [Fact]
    public void Percentiles_come_from_the_histogram_within_a_tenth_of_a_percent()
    {
        double[] values = Enumerable.Range(1, 1000).Select(i => i / 10.0).ToArray();
        Aggregator.Add(1, values);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Aggregator.Tick();

        RollupRecord r = _closed.Single(x => x.Window == "1m" && x.Flow == 1);
        Assert.InRange(r.P50, 49.9, 50.1);
        Assert.InRange(r.P90, 89.9, 90.1);
        Assert.InRange(r.P99, 98.0, 100.0);
    }

    [Fact]
    public void A_quiet_flows_percentiles_are_its_samples_by_nearest_rank()
    {
        Aggregator.Add(1, [7, 1, 5, 3, 9, 2, 8, 4, 6, 10]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        RollupRecord r = _closed.Single(x => x.Window == "1s" && x.Flow == 1);
        Assert.Equal((5.0, 9.0, 10.0), (r.P50, r.P90, r.P99));
    }

    [Fact]
    public void A_busy_flow_spills_into_a_histogram_and_keeps_exact_totals_and_close_percentiles()
    {
        double[] values = [.. Enumerable.Range(1, 3 * WindowStats.ExactUpTo).Select(i => i / 10.0)];
        foreach (double[] batch in values.Chunk(256))
        {
            Aggregator.Add(1, batch);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        RollupRecord r = _closed.Single(x => x.Window == "1s" && x.Flow == 1);
        Assert.Equal((values.LongLength, values.Sum(), values.Min(), values.Max()), (r.Count, r.Sum, r.Min, r.Max));
        double median = values[(values.Length / 2) - 1];
        Assert.InRange(r.P50, median * 0.999, median * 1.001);
    }

    [Fact]
    public void A_flow_that_spilled_starts_its_next_window_exact_again()
    {
        Aggregator.Add(1, [.. Enumerable.Range(1, WindowStats.ExactUpTo + 1).Select(i => (double)i)]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();
        Aggregator.Add(1, [2.5, 1.5, 3.5]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        RollupRecord second = _closed.Where(x => x.Window == "1s" && x.Flow == 1).OrderBy(x => x.StartMs).Last();
        Assert.Equal((3L, 2.5, 3.5), (second.Count, second.P50, second.P99));
    }

    [Fact]
    public void Negative_values_get_negative_percentiles()
    {
        Aggregator.Add(1, Enumerable.Range(1, 100).Select(i => -(double)i).ToArray());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        RollupRecord r = _closed.Single(x => x.Window == "1s" && x.Flow == 1);
        Assert.InRange(r.P50, -51.0, -49.0);
        Assert.InRange(r.P90, -11.0, -9.0);
    }

    [Fact]
    public void Every_window_size_closes_on_its_own_boundary()
    {
        Aggregator.Add(3, [5]);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Aggregator.Tick();
        Assert.Contains(_closed, r => r.Window == "10s" && r.Flow == 3 && r.Count == 1);
        Assert.DoesNotContain(_closed, r => r.Window == "1m");

        _clock.Advance(TimeSpan.FromSeconds(50));
        Aggregator.Tick();
        Assert.Contains(_closed, r => r.Window == "1m" && r.Flow == 3 && r.Count == 1);
    }
}
