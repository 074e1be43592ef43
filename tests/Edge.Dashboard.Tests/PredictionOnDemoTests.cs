using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>
/// What the demo is for, seen through the gateway's own read model: within the first minute of data a node's
/// buffer grows for a forecast burst, the charts' history (GET /api/history) holds it for a page opened later,
/// and reactive sizing would have dropped samples the nodes' predictive sizing did not.
/// </summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class PredictionOnDemoTests(DemoGateway demo)
{
    [Fact]
    public async Task A_buffer_is_pre_expanded_for_a_burst_within_the_demos_first_minute()
    {
        long firstData = 0;
        long firstPre = 0;
        await demo.WaitForAsync(async () =>
        {
            using JsonDocument history = JsonDocument.Parse(await demo.Http.GetStringAsync(new Uri(demo.Url, "api/history")));
            var points = history.RootElement.EnumerateArray().ToList();
            firstData = points.Where(p => p.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("rate").GetDouble() > 0))
                .Select(p => p.GetProperty("timeMs").GetInt64()).FirstOrDefault();
            firstPre = points.Where(p => p.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("preExpanded").GetBoolean()))
                .Select(p => p.GetProperty("timeMs").GetInt64()).FirstOrDefault();
            return firstData > 0 && firstPre > 0;
        }, "a pre-expanded buffer in the dashboard's history", TimeSpan.FromSeconds(150));

        Assert.True(firstPre - firstData <= 60_000, $"the first pre-expansion came {(firstPre - firstData) / 1000.0:0.0} s after the first data");
    }

    [Fact]
    public async Task A_flows_lane_is_pre_expanded_ahead_of_its_burst_within_the_demos_first_minute_and_its_history_shows_it()
    {
        long firstData = 0;
        long firstPre = 0;
        int flow = -1;
        List<JsonElement> series = [];
        await demo.WaitForAsync(async () =>
        {
            using JsonDocument history = JsonDocument.Parse(await demo.Http.GetStringAsync(new Uri(demo.Url, "api/history")));
            var points = history.RootElement.EnumerateArray().Select(p => p.Clone()).ToList();
            firstData = points.Where(p => p.GetProperty("flows").EnumerateArray().Any(f => f.GetProperty("rate").GetDouble() > 0))
                .Select(p => p.GetProperty("timeMs").GetInt64()).FirstOrDefault();
            var pre = points.SelectMany(p => p.GetProperty("flows").EnumerateArray().Where(f => f.GetProperty("preExpanded").GetBoolean())
                .Select(f => (Time: p.GetProperty("timeMs").GetInt64(), Flow: f.GetProperty("flow").GetInt32()))).FirstOrDefault();
            (firstPre, flow) = pre;
            series = [.. points.SelectMany(p => p.GetProperty("flows").EnumerateArray().Where(f => f.GetProperty("flow").GetInt32() == pre.Flow))];
            return firstData > 0 && firstPre > 0;
        }, "a flow's lane pre-expanded in the dashboard's history", TimeSpan.FromSeconds(150));

        Assert.True(firstPre - firstData <= 60_000, $"flow {flow}'s first pre-expansion came {(firstPre - firstData) / 1000.0:0.0} s after the first data");

        // The flow's own series: arrivals and a forecast, from the node that serves it.
        Assert.Contains(series, f => f.GetProperty("rate").GetDouble() > 0);
        Assert.Contains(series, f => f.GetProperty("forecast").GetDouble() > 0);
        Assert.All(series, f => Assert.StartsWith("sim-", f.GetProperty("node").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Predictive_sizing_avoids_drops_that_reactive_sizing_would_have_had()
    {
        long avoided = 0;
        await demo.WaitForAsync(async () =>
        {
            using JsonDocument fleet = JsonDocument.Parse(await demo.Http.GetStringAsync(new Uri(demo.Url, "api/fleet")));
            avoided = fleet.RootElement.GetProperty("dropsAvoided").GetInt64();
            return avoided > 0;
        }, "drops avoided against reactive sizing", TimeSpan.FromSeconds(150));

        Assert.True(avoided > 0);
    }
}
