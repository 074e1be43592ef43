using Edge.Bench.Harness;

namespace Edge.Bench.Tests.Harness;

[Trait("Category", "Unit")]
public sealed class MosquittoBrokerTests
{
    [Fact]
    public void The_anchor_broker_sends_small_packets_at_once_and_listens_on_loopback_only()
    {
        string[] lines = MosquittoBroker.Config(18830).Split('\n');
        Assert.Contains("set_tcp_nodelay true", lines);
        Assert.Contains("listener 18830 127.0.0.1", lines);
        Assert.Contains("persistence false", lines);
    }
}
