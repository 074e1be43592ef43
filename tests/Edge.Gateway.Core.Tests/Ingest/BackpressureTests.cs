using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class BackpressureTests
{
    [Fact]
    public void Saturated_while_a_hand_over_waits_and_for_a_while_after()
    {
        var clock = new ManualClock();
        var backpressure = new Backpressure(clock, new ShedReports());
        Assert.False(backpressure.Saturated);

        long started = backpressure.Started();
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(backpressure.Saturated);
        backpressure.Ended(started);

        clock.Advance(Backpressure.HoldFor - TimeSpan.FromMilliseconds(1));
        Assert.True(backpressure.Saturated);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.False(backpressure.Saturated);
        Assert.Equal(1, backpressure.Waits);
    }
}
