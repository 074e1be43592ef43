using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Queries;

namespace Edge.Gateway.Core.Tests.Queries;

[Trait("Category", "Unit")]
public sealed class FlowRateTests
{
    private static RollupRecord Window(string name, int flow, long endMs, long sizeMs, long count) =>
        new(name, flow, endMs - sizeMs, endMs, count, count, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void A_flowing_flow_shows_its_rate_over_the_last_ten_seconds()
    {
        RollupRecord[] latest = [Window("10s", 3, 100_000, 10_000, 200), Window("1s", 3, 101_000, 1_000, 25)];

        Assert.Equal(20, GatewayQueries.Rate(latest, 3, nowMs: 101_500));
    }

    [Fact]
    public void A_stalled_flow_shows_no_rate_instead_of_its_last_one()
    {
        RollupRecord[] latest = [Window("10s", 3, 100_000, 10_000, 200), Window("1s", 3, 101_000, 1_000, 25)];

        Assert.Equal(0, GatewayQueries.Rate(latest, 3, nowMs: 101_000 + GatewayQueries.StalledAfterMs + 1));
    }

    [Fact]
    public void A_flow_without_windows_has_no_rate()
    {
        RollupRecord[] latest = [Window("1s", 4, 101_000, 1_000, 25)];

        Assert.Equal(0, GatewayQueries.Rate(latest, 3, nowMs: 101_000));
    }
}
