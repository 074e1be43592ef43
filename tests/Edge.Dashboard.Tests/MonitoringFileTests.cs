using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>docs/monitoring: promtool accepts the rules and their unit tests pass; every metric they use exists.</summary>
public sealed class MonitoringFileTests
{
    private static readonly string Monitoring = Repo.Path("docs", "monitoring");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Promtool_accepts_the_alert_rules()
    {
        (int exit, string output) = await Tool.RunAsync("promtool", ["check", "rules", Path.Combine(Monitoring, "alerts.yml")], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Every_alert_fires_on_its_promtool_unit_test_with_the_expected_labels_and_text()
    {
        (int exit, string output) = await Tool.RunAsync("promtool", ["test", "rules", Path.Combine(Monitoring, "alerts.test.yml")], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_rules_include_the_alerts_the_issue_asks_for()
    {
        string rules = File.ReadAllText(Path.Combine(Monitoring, "alerts.yml"));

        foreach (string alert in new[] { "NodeDown", "NodeDropping", "SinkCircuitOpen", "ForecastExceedsFleetCapacity", "GatewayLeaderChanged" })
        {
            Assert.Contains($"- alert: {alert}\n", rules, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_metric_in_the_alerts_and_the_grafana_dashboard_is_declared_in_the_gateway_source()
    {
        string source = string.Concat(Directory.EnumerateFiles(Repo.Path("gateway", "Edge.Gateway"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        SortedSet<string> used = MetricNames.UsedByMonitoring();

        Assert.True(used.Count >= 15, $"only {used.Count} metric names found: {string.Join(", ", used)}");
        string[] missing = used.Where(n => !source.Contains($"\"{MetricNames.Base(n)}\"", StringComparison.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, "not declared by the gateway: " + string.Join(", ", missing));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_grafana_panel_queries_the_prometheus_data_source_chosen_in_the_dashboard_variable()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Monitoring, "grafana-dashboard.json")));
        JsonElement root = dashboard.RootElement;

        JsonElement variable = root.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal("datasource", variable.GetProperty("type").GetString());
        Assert.Equal("prometheus", variable.GetProperty("query").GetString());
        JsonElement[] panels = root.GetProperty("panels").EnumerateArray().ToArray();
        Assert.NotEmpty(panels);
        foreach (JsonElement panel in panels)
        {
            string title = panel.GetProperty("title").GetString()!;
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), title));
        }

        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }
}
