using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Tests.Flows;

[Trait("Category", "Unit")]
public sealed class FlowSequenceTests
{
    [Fact]
    public void A_batch_starting_at_the_next_sequence_is_accepted()
    {
        var flow = new FlowSequence(1, 10, 10, 0);
        Assert.Equal(SequenceVerdict.Accept, flow.Classify(10, 5));
    }

    [Fact]
    public void A_batch_entirely_below_the_accepted_sequence_is_a_duplicate()
    {
        var flow = new FlowSequence(1, 10, 10, 0);
        Assert.Equal(SequenceVerdict.Duplicate, flow.Classify(5, 5));
    }

    [Fact]
    public void A_batch_overlapping_the_accepted_sequence_is_accepted_for_its_new_tail()
    {
        var flow = new FlowSequence(1, 10, 10, 0);
        Assert.Equal(SequenceVerdict.Accept, flow.Classify(8, 5));
    }

    [Fact]
    public void A_batch_after_a_gap_is_held_until_the_gap_fills()
    {
        var flow = new FlowSequence(1, 0, 0, 0);
        var later = new IngestedBatch();
        later.Batch.FirstSequence = 20;
        later.Batch.Count = 10;
        Assert.Equal(SequenceVerdict.Gap, flow.Classify(20, 10));
        Assert.True(flow.TryHold(later, 4, 0));
        Assert.False(flow.TryHold(later, 4, 0));
        Assert.Null(flow.TakeReady());

        flow.Advance(20);
        Assert.Same(later, flow.TakeReady());
        Assert.Null(flow.GapSinceMs);
    }

    [Fact]
    public void The_hold_refuses_batches_beyond_its_capacity()
    {
        var flow = new FlowSequence(1, 0, 0, 0);
        for (int i = 1; i <= 2; i++)
        {
            var b = new IngestedBatch();
            b.Batch.FirstSequence = i * 10;
            Assert.True(flow.TryHold(b, 2, 0));
        }

        var third = new IngestedBatch();
        third.Batch.FirstSequence = 30;
        Assert.False(flow.TryHold(third, 2, 0));
    }

    [Fact]
    public void Trimming_the_front_keeps_the_remaining_samples_in_order()
    {
        var b = new IngestedBatch();
        b.Batch.FirstSequence = 5;
        for (int i = 0; i < 4; i++)
        {
            b.Batch.TryAdd(100 + i, i);
        }

        b.TrimFront(3);
        Assert.Equal(8, b.Batch.FirstSequence);
        Assert.Equal(1, b.Batch.Count);
        Assert.Equal(3.0, b.Batch.Values[0]);
        Assert.Equal(3, b.Batch.OffsetsMs[0]);
    }
}
