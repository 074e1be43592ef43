using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class RejectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Bad_messages_are_counted_by_reason_never_acked_and_ingest_keeps_going()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 0, 1, 2));
        await gw.SendAsync(Wire.Birth("n1", 2));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 0, 1, 2));
        await gw.SendAsync(Wire.Batch("n1", 99, 2, 0, 1, 2));
        await gw.SendAsync(Wire.Raw(Topics.Node(Wire.Site, "n1", Topics.Data), [1, 1, 0]));
        await gw.SendAsync(Wire.Raw("edge/v1/site1/bogus/x/y", [1]));
        await gw.SendAsync(Wire.Raw(Topics.Node(Wire.Site, "n1", Topics.Birth), "{not json"u8.ToArray()));
        await gw.SendAsync(Wire.Batch("n1", 1, 2, 0, 1, 2));

        await Eventually.TrueAsync(() => gw.HighestAck("n1", 1) == 2, "the good batch is acked");
        IReadOnlyDictionary<string, long> r = gw.Runtime.Queries.Rejections();
        Assert.Equal(1, r.GetValueOrDefault(RejectReasons.NoSession));
        Assert.Equal(1, r.GetValueOrDefault(RejectReasons.StaleSession));
        Assert.Equal(1, r.GetValueOrDefault(RejectReasons.UnknownFlow));
        Assert.Equal(1, r.GetValueOrDefault("truncated"));
        Assert.Equal(1, r.GetValueOrDefault("unknown_topic"));
        Assert.Equal(1, r.GetValueOrDefault("invalid_json"));
        Assert.Equal(1, gw.AckCount("n1"));
    }

    public void Dispose() => _dir.Dispose();
}
