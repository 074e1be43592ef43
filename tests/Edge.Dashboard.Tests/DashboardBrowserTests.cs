using Edge.Dashboard.Tests.Fixtures;
using Xunit.Abstractions;

namespace Edge.Dashboard.Tests;

/// <summary>
/// The acceptance test: the demo fleet on the gateway's own web server, the page in headless chromium,
/// a node killed through the simulator, and the page showing it dead with its flows moved, and within the demo's first
/// minute a flow's forecast, arrivals and pre-expansion on the per-flow chart.
/// </summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class DashboardBrowserTests(DemoGateway demo, ITestOutputHelper log)
{
    [Fact]
    public async Task The_page_shows_a_killed_node_dead_and_its_flows_moved_within_seconds()
    {
        string screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        string copy = Repo.Path("artifacts", "dashboard.png");
        File.Delete(screenshot);
        // Run from the source folder: node resolves playwright-core from browser/node_modules beside it.
        string script = Repo.Path("tests", "Edge.Dashboard.Tests", "browser", "dashboard.mjs");

        (int exit, string output) = await Tool.RunAsync("node", [script, demo.Url.ToString(), screenshot, copy], TimeSpan.FromSeconds(90));

        log.WriteLine(output);
        Assert.True(exit == 0, $"dashboard.mjs exited {exit}:\n{output}\ngateway output:\n{demo.Log}");
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(File.Exists(copy), "no copy of the screenshot in artifacts/");
    }

    [Fact]
    public async Task The_gateway_serves_the_page_and_chart_js_from_its_own_web_server()
    {
        string html = await demo.Http.GetStringAsync(demo.Url);
        using HttpResponseMessage chart = await demo.Http.GetAsync(new Uri(demo.Url, "vendor/chart.umd.min.js"));

        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("vendor/chart.umd.min.js", html, StringComparison.Ordinal);
        Assert.True(chart.IsSuccessStatusCode, $"vendor/chart.umd.min.js: {(int)chart.StatusCode}");
        Assert.Contains("Chart.js", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
