using Edge.Gateway.Tests.Fixtures;
using Edge.Gateway.Tests.Scenarios;

namespace Edge.Gateway.Tests;

[Trait("Category", "Integration")]
public sealed class EmbeddedBrokerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Duplicated_reordered_and_gapped_batches_are_committed_acked_and_aggregated_exactly_once()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1,2");
        await ExactlyOnceScenario.RunAsync(gateway, "site1", gateway.MqttPort);
    }

    [Fact]
    public async Task Healthz_metrics_and_the_rest_api_answer_while_the_gateway_runs()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1");
        string metrics = await gateway.Client.GetAsync("/metrics");
        Assert.Contains("edge_gateway_ingest_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("edge_gateway_sink_state{sink=\"sqlite\"} 0", metrics, StringComparison.Ordinal);
        Assert.StartsWith("[", await gateway.Client.GetAsync("/api/events"), StringComparison.Ordinal);
        Assert.Contains("\"flow\":1", await gateway.Client.GetAsync("/api/flows"), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/rollups")).Contains("\"window\":\"1s\"", StringComparison.Ordinal), () => "a fleet rollup");
    }

    public void Dispose() => _dir.Dispose();
}
