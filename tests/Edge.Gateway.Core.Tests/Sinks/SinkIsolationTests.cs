using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Sinks;

[Trait("Category", "Unit")]
public sealed class SinkIsolationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_stalled_sink_does_not_hold_back_commits_or_acks()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"), sinks: [new StalledSink()]);
        await gw.SendAsync(Wire.Birth("n1", 1));
        for (int i = 0; i < 50; i++)
        {
            await gw.SendAsync(Wire.Batch("n1", 1, 1, i * 4, Wire.Values(i * 4, 4)));
        }

        await Eventually.TrueAsync(() => gw.HighestAck("n1", 1) == 200, "every batch acked while the sink hangs");
        Assert.Equal(200, gw.Runtime.Queries.Flow(1)!.SampleCount);
    }

    public void Dispose() => _dir.Dispose();
}
