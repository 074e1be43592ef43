using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Ingest;

/// <summary>Ingest takes new samples of a flow only from its owner, and does not hold batches behind a gap for ever.</summary>
[Trait("Category", "Unit")]
public sealed class OwnershipAndHoldTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_batch_from_a_node_that_does_not_own_the_flow_is_rejected_counted_and_never_acked()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var gw = new RuntimeHarness(_dir.File("gw.db"), clock);
        await gw.SendAsync(Wire.Birth("n1", 1));
        await gw.SendAsync(Wire.Birth("n2", 1));
        clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => Owner(gw, 1) is not null, "flow 1 placed");
        string owner = Owner(gw, 1)!;
        string other = owner == "n1" ? "n2" : "n1";

        await gw.SendAsync(Wire.Batch(other, 1, 1, 0, 7, 7, 7));
        await gw.SendAsync(Wire.Batch(owner, 1, 1, 0, 1, 2, 3));

        await Eventually.TrueAsync(() => gw.HighestAck(owner, 1) == 3, "the owner's batch committed and acked");
        Assert.Equal(1, gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.NotOwner));
        Assert.Equal(-1, gw.HighestAck(other, 1));
        Assert.Equal(6, gw.Runtime.Queries.Flow(1)!.ValueSum);

        // A batch with nothing new (a former owner's late flush) is no harm: it gets the committed ack, no rejection.
        await gw.SendAsync(Wire.Batch(other, 1, 1, 0, 1, 2, 3));
        await Eventually.TrueAsync(() => gw.HighestAck(other, 1) == 3, "the duplicate answered with the committed ack");
        Assert.Equal(1, gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.NotOwner));
    }

    [Fact]
    public async Task A_batch_held_behind_a_gap_nobody_fills_expires_and_is_counted()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var gw = new RuntimeHarness(_dir.File("gw.db"), clock);
        await gw.SendAsync(Wire.Birth("n1", 1));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 10, Wire.Values(10, 10)));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 30, Wire.Values(30, 10)));
        await Eventually.TrueAsync(() => gw.Runtime.Queries.Flow(1)?.HeldBatches == 2, "held");

        clock.Advance(new IngestOptions().HeldExpiry + TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => gw.Runtime.Queries.Flow(1)?.HeldBatches == 0, "the held batches expired");
        Assert.Equal(2, gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.HeldExpired));
        Assert.Equal(-1, gw.HighestAck("n1", 1));

        // Nothing was lost: the node still has them and sends them again in order.
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 0, Wire.Values(0, 20)));
        await Eventually.TrueAsync(() => gw.HighestAck("n1", 1) == 20, "acked after the resend");
    }

    [Fact]
    public async Task Held_batches_per_flow_are_bounded_and_the_overflow_is_counted()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Birth("n1", 1));
        int capacity = new IngestOptions().MaxHeldBatchesPerFlow;
        for (int i = 0; i < capacity + 3; i++)
        {
            await gw.SendAsync(Wire.Batch("n1", 1, 1, 10 + (i * 2L), 1, 2));
        }

        await Eventually.TrueAsync(() => gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.HoldFull) == 3, "three refused");
        Assert.Equal(capacity, gw.Runtime.Queries.Flow(1)!.HeldBatches);
    }

    public void Dispose() => _dir.Dispose();

    private static string? Owner(RuntimeHarness gw, int flow)
    {
        var message = new FlowOwnerMessage();
        string topic = Topics.FlowOwner(Wire.Site, flow);
        foreach (var (t, payload, _) in gw.Publisher.Published.ToArray().Reverse())
        {
            if (t == topic && JsonCodec.Decode(message, new JsonReader(), payload, 0, payload.Length) == ProtocolError.None && message.Node.Length > 0)
            {
                return message.Node;
            }
        }

        return null;
    }
}
