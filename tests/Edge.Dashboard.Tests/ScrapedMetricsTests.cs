using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>The names in docs/monitoring against what a running demo gateway really serves on /metrics.</summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class ScrapedMetricsTests(DemoGateway demo)
{
    [Fact]
    public async Task Every_metric_in_the_alerts_and_the_grafana_dashboard_is_on_the_demo_gateways_metrics_page()
    {
        string scrape = await demo.Http.GetStringAsync(new Uri(demo.Url, "metrics"));
        // Families from the "# TYPE name type" lines: a labelled counter nothing has touched yet (no rejection in a
        // healthy demo) has no sample line, but its family is declared.
        var served = new HashSet<string>(
            scrape.Split('\n').Where(l => l.StartsWith("# TYPE edge_", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]),
            StringComparer.Ordinal);

        string[] missing = MetricNames.UsedByMonitoring().Where(n => !served.Contains(n) && !served.Contains(MetricNames.Base(n))).ToArray();

        Assert.True(served.Count > 10, "the scrape has few edge_ series:\n" + scrape);
        Assert.True(missing.Length == 0, "not served on /metrics: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Promtool_finds_nothing_to_fix_in_the_live_metrics_page()
    {
        string scrape = await demo.Http.GetStringAsync(new Uri(demo.Url, "metrics"));
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edge-metrics-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(file, scrape);
        try
        {
            // promtool reads the exposition from stdin; its lint covers naming (a gauge called _total, a counter without it).
            (int exit, string output) = await Tool.RunAsync("bash", ["-c", "promtool check metrics < \"$1\"", "promtool", file], TimeSpan.FromSeconds(60));

            Assert.True(exit == 0, "promtool check metrics:\n" + output);
            Assert.Contains("edge_failovers_total", scrape, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
