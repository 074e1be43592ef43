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
