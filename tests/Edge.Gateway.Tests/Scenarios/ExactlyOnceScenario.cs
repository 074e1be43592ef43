using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Scenarios;

/// <summary>
/// The acceptance scenario, shared by both broker suites: N batches on two flows, some sent twice, some swapped,
/// one held back until the end (a gap later filled). Every sample must be committed, acked and aggregated once.
/// </summary>
internal static class ExactlyOnceScenario
{
    public const int Batches = 40;
    public const int GapBatch = 15;

    public static async Task RunAsync(InProcessGateway gateway, string site, int brokerPort)
    {
        await using var node = new TestNode(site, "pi-01", brokerPort);
        await node.ConnectAsync(session: 1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("\"online\":true", StringComparison.Ordinal), () => "node online");

        foreach (int flow in new[] { 1, 2 })
        {
            foreach (int index in SendOrder())
            {
                await node.SendBatchAsync(flow, (long)index * SourceData.BatchSize, SourceData.Batch(flow, index));
            }
        }

        await Eventually.TrueAsync(async () => (await gateway.Client.FlowAsync(1)).Committed == GapBatch * SourceData.BatchSize
            && (await gateway.Client.FlowAsync(2)).Committed == GapBatch * SourceData.BatchSize, () => "the flows stop at the gap");
        await Eventually.TrueAsync(() => node.AckedUpTo(1) == GapBatch * SourceData.BatchSize, "acked up to the gap, not beyond");

        foreach (int flow in new[] { 1, 2 })
        {
            await node.SendBatchAsync(flow, (long)GapBatch * SourceData.BatchSize, SourceData.Batch(flow, GapBatch));
            await node.SendBatchAsync(flow, (long)GapBatch * SourceData.BatchSize, SourceData.Batch(flow, GapBatch));
        }

        const long total = (long)Batches * SourceData.BatchSize;
        await Eventually.TrueAsync(() => node.AckedUpTo(1) == total && node.AckedUpTo(2) == total, "every batch acknowledged");
        foreach (int flow in new[] { 1, 2 })
        {
            Assert.Equal((total, total, SourceData.Sum(flow, Batches)), await gateway.Client.FlowAsync(flow));
            await Eventually.TrueAsync(() => Task.FromResult(RollupTable.Totals(gateway.DatabasePath, "1s", flow) == (total, SourceData.Sum(flow, Batches))),
                () => $"1 s rollups of flow {flow} add up to the source, have {RollupTable.Totals(gateway.DatabasePath, "1s", flow)}");
        }

        Assert.Equal(2 * total, await gateway.Client.MetricAsync("edge_gateway_samples_committed_total"));
        Assert.True(await gateway.Client.MetricAsync("edge_gateway_duplicate_batches_total") >= 8);
    }

    /// <summary>0..39 without the gap batch, with duplicates and swapped neighbours mixed in.</summary>
    private static IEnumerable<int> SendOrder()
    {
        for (int i = 0; i < Batches; i++)
        {
            if (i == GapBatch)
            {
                continue;
            }

            int index = i switch { 5 => 6, 6 => 5, 25 => 26, 26 => 25, _ => i };
            yield return index;
            if (i % 10 == 3)
            {
                yield return index;
            }
        }
    }
}
