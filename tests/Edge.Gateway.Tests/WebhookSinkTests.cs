using Edge.Gateway.Tests.Fixtures;
using Edge.Gateway.Tests.Scenarios;

namespace Edge.Gateway.Tests;

[Trait("Category", "Integration")]
public sealed class WebhookSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_webhook_that_fails_then_recovers_receives_every_rollup_and_ingest_never_waits_for_it()
    {
        using var webhook = new FailingThenRecoveringWebhook(failures: 6);
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1", null, "--webhook", webhook.Url);
        await using var node = new TestNode("site1", "pi-01", gateway.MqttPort);
        await node.ConnectAsync(session: 1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "node seen");

        for (int i = 0; i < 10; i++)
        {
            await node.SendBatchAsync(1, (long)i * SourceData.BatchSize, SourceData.Batch(1, i));
        }

        await Eventually.TrueAsync(() => node.AckedUpTo(1) == 10 * SourceData.BatchSize, "acked while the webhook fails");
        await Eventually.TrueAsync(() => webhook.Requests > 6 && webhook.Taken.Where(t => t.Key.Item1 == "1s" && t.Key.Item2 == 1).Sum(t => t.Value) == 10 * SourceData.BatchSize,
            $"the webhook got every 1 s rollup of flow 1 after recovering", 60_000);
        await Eventually.TrueAsync(async () => await gateway.Client.MetricAsync("edge_gateway_sink_dead_letters{sink=\"webhook\"}") == 0,
            () => "the dead letters replayed", 30_000);
        Assert.True(await gateway.Client.MetricAsync("edge_gateway_sink_dead_lettered_total{sink=\"webhook\"}") > 0, "some rollups went through the dead-letter table");
    }

    public void Dispose() => _dir.Dispose();
}
