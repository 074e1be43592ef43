using Edge.Bench.Harness;
using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

/// <summary>The load generator against a real Mosquitto: the anchor's path end to end, as `bench ingest` runs it.</summary>
[Trait("Category", "Integration")]
public sealed class AnchorRoundTripTests
{
    [Fact]
    public async Task Every_batch_the_anchor_publishers_send_reaches_the_subscriber_once_and_in_order()
    {
        using var broker = await MosquittoBroker.StartAsync();
        var settings = new LoadSettings { BatchSamples = 16, Window = 4, Anchor = true };
        await using var fleet = new LoadFleet(settings, nodes: 3, withFlows: true);
        await using var subscriber = await AnchorSubscriber.StartAsync("127.0.0.1", broker.Port, settings.Site, fleet.Nodes, CancellationToken.None);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 3, TimeSpan.FromSeconds(30)));

        fleet.Saturate();
        await Eventually.TrueAsync(() => fleet.Nodes.All(n => n.SamplesConfirmed >= 50 * 16), "every publisher had 50 batches confirmed");
        Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(fleet.BatchesSent, subscriber.Received);
        Assert.Equal(0, subscriber.OutOfOrder);
        Assert.All(fleet.Nodes, n => Assert.Equal(n.SamplesSent, n.SamplesConfirmed));
        Assert.All(fleet.Nodes, n => Assert.Equal(0, n.Anomalies));
    }

    [Fact]
    public async Task Nothing_is_sent_before_the_run_starts_and_everything_sent_while_paced_arrives()
    {
        using var broker = await MosquittoBroker.StartAsync();
        var settings = new LoadSettings { BatchSamples = 16, Window = 16, Anchor = true };
        await using var fleet = new LoadFleet(settings, nodes: 2, withFlows: true);
        await using var subscriber = await AnchorSubscriber.StartAsync("127.0.0.1", broker.Port, settings.Site, fleet.Nodes, CancellationToken.None);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 2, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, fleet.BatchesSent);

        fleet.Pace(batchesPerSecond: 40);
        await Eventually.TrueAsync(() => fleet.BatchesSent >= 10, "the paced fleet sent 10 batches");
        Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(fleet.BatchesSent, subscriber.Received);
        Assert.Equal(0, subscriber.OutOfOrder);
    }
}
