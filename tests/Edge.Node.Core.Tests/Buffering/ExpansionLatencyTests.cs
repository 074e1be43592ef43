using Edge.Node.Core.Buffering;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class ExpansionLatencyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Growth_asked_for_at_the_end_of_a_step_arrives_latency_plus_one_steps_later(int latency)
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 20, ExpansionLatency = latency, DrainPerStep = 0 };
        var buffer = new PredictiveBuffer(settings, new ScriptedPolicy(8), 1);

        for (int step = 0; step <= latency; step++)
        {
            buffer.Step(0, 0);
            Assert.Equal(1, buffer.CapacityBlocks);
        }

        buffer.Step(0, 0);
        Assert.Equal(8, buffer.CapacityBlocks);
    }

    [Fact]
    public void A_burst_that_lands_before_the_growth_is_dropped_and_counted()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 20, ExpansionLatency = 2, DrainPerStep = 0 };
        var buffer = new PredictiveBuffer(settings, new ScriptedPolicy(5), 1);
        buffer.Step(0, 0);
        buffer.Step(0, 50);
        Assert.Equal(40, buffer.Ledger.Dropped);
        Assert.Equal(10, buffer.Ledger.Buffered);
        buffer.Step(0, 0);
        buffer.Step(0, 40);
        Assert.Equal(5, buffer.CapacityBlocks);
        Assert.Equal(40, buffer.Ledger.Dropped);
        Assert.Equal(50, buffer.Ledger.Buffered);
    }

    [Fact]
    public void A_request_no_longer_wanted_is_abandoned_before_it_lands()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 20, ExpansionLatency = 3, DrainPerStep = 0 };
        var buffer = new PredictiveBuffer(settings, new ScriptedPolicy(9, 2), 1);
        for (int step = 0; step < 6; step++)
        {
            buffer.Step(0, 0);
            Assert.True(buffer.CapacityBlocks <= 2, $"capacity {buffer.CapacityBlocks} at step {step}");
        }
    }

    [Fact]
    public void Shrinking_waits_for_the_hold_and_the_hysteresis_and_never_goes_below_the_content()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 20, ExpansionLatency = 0, ShrinkHysteresisBlocks = 2, ShrinkHoldSteps = 3, DrainPerStep = 0 };
        var buffer = new PredictiveBuffer(settings, new ScriptedPolicy(10, 10, 9, 1), 1);
        buffer.Step(0, 0);
        buffer.Step(0, 0);
        Assert.Equal(10, buffer.CapacityBlocks);

        buffer.Step(0, 0);
        Assert.Equal(10, buffer.CapacityBlocks);

        buffer.Step(0, 35);
        buffer.Step(0, 0);
        Assert.Equal(10, buffer.CapacityBlocks);
        buffer.Step(0, 0);
        Assert.Equal(4, buffer.CapacityBlocks);
        Assert.Equal(35, buffer.Ledger.Buffered);
    }
}
