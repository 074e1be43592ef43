using Edge.Node.Core.Buffering;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class PriorityAndSpillTests
{
    [Fact]
    public void Control_records_go_out_before_bulk_data()
    {
        var settings = new BufferSettings { BlockSize = 100, FloorBlocks = 1, CeilingBlocks = 1, DrainPerStep = 10 };
        var buffer = new PredictiveBuffer(settings, new StaticPolicy(1), 1);
        buffer.Step(0, 30);
        buffer.Step(6, 0);
        Assert.Equal(0, buffer.Ledger.ControlBuffered);
        Assert.Equal(16, buffer.Ledger.BulkBuffered);
        Assert.Equal(20, buffer.Ledger.Sent);
    }

    [Fact]
    public void When_full_bulk_is_dropped_before_control()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 1, DrainPerStep = 0 };
        var buffer = new PredictiveBuffer(settings, new StaticPolicy(1), 1);
        buffer.Step(0, 10);
        buffer.Step(4, 0);
        Assert.Equal(4, buffer.Ledger.ControlBuffered);
        Assert.Equal(6, buffer.Ledger.BulkBuffered);
        Assert.Equal(4, buffer.Ledger.Dropped);
        Assert.True(buffer.Ledger.IsBalanced);
    }

    [Fact]
    public void Overflow_spills_to_the_secondary_store_until_it_is_full_then_drops()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 1, DrainPerStep = 0, SpillCapacity = 15 };
        var buffer = new PredictiveBuffer(settings, new StaticPolicy(1), 1);
        buffer.Step(0, 30);
        Assert.Equal(15, buffer.Ledger.SpillHeld);
        Assert.Equal(5, buffer.Ledger.Dropped);
        Assert.True(buffer.Ledger.IsBalanced);
    }

    [Fact]
    public void The_secondary_store_drains_with_leftover_uplink()
    {
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 1, DrainPerStep = 0, SpillCapacity = 100 };
        var buffer = new PredictiveBuffer(settings, new StaticPolicy(1), 1);
        buffer.Step(0, 30);
        settings.DrainPerStep = 25;
        buffer.Step(0, 0);
        Assert.Equal(0, buffer.Ledger.Buffered);
        Assert.Equal(5, buffer.Ledger.SpillHeld);
        Assert.Equal(25, buffer.Ledger.Sent);
        Assert.True(buffer.Ledger.IsBalanced);
    }
}
