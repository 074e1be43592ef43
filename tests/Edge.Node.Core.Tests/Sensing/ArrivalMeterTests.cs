using Edge.Node.Core.Sensing;

namespace Edge.Node.Core.Tests.Sensing;

[Trait("Category", "Unit")]
public sealed class ArrivalMeterTests
{
    [Fact]
    public void Events_are_counted_per_step_and_the_step_resets()
    {
        var meter = new ArrivalMeter(8);
        meter.AddEvent();
        meter.AddEvents(4);
        meter.AddEvents(-3);
        Assert.Equal(5, meter.CloseStep());
        Assert.Equal(0, meter.CloseStep());
        Assert.Equal(2, meter.Window.Count);
        Assert.Equal(5.0, meter.Window.Get(1));
    }

    [Fact]
    public void A_cumulative_counter_becomes_deltas_and_a_restart_is_not_negative()
    {
        var meter = new ArrivalMeter(8);
        meter.ObserveCounter(1000);
        Assert.Equal(0, meter.CloseStep());
        meter.ObserveCounter(1040);
        Assert.Equal(40, meter.CloseStep());
        meter.ObserveCounter(1050);
        meter.ObserveCounter(12);
        Assert.Equal(22, meter.CloseStep());
    }
}
