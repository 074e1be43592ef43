using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class RejectionLogTests
{
    [Fact]
    public void Every_rejection_is_counted_but_a_node_is_logged_at_most_once_a_minute()
    {
        var clock = new ManualClock();
        var log = new RejectionLog(NullLogger.Instance, clock, NullGatewayMetrics.Instance, new GatewayEvents(clock));

        Assert.True(log.Reject("n1", "truncated", "t"));
        Assert.False(log.Reject("n1", "truncated", "t"));
        Assert.True(log.Reject("n2", "truncated", "t"));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(log.Reject("n1", "checksum_mismatch", "t"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(log.Reject("n1", "truncated", "t"));

        Assert.Equal(4, log.Count("truncated"));
        Assert.Equal(1, log.Count("checksum_mismatch"));
    }
}
