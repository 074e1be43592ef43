using Edge.Bench.Ingest;
using Edge.Bench.Load;

namespace Edge.Bench.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class FlowCheckTests
{
    [Fact]
    public void A_flow_whose_sequence_count_and_sum_match_what_was_sent_is_exact()
    {
        var check = new FlowCheck(7, First: 0, Sent: 320, Committed: 320, CommittedCount: 320, CommittedSum: SampleValues.Sum(7, 0, 320));
        Assert.True(check.Exact);
    }

    [Fact]
    public void A_sample_counted_twice_is_not_exact_even_when_the_sequence_matches()
    {
        double sum = SampleValues.Sum(7, 0, 320) + SampleValues.At(7, 100);
        Assert.False(new FlowCheck(7, 0, 320, Committed: 320, CommittedCount: 321, CommittedSum: sum).Exact);
    }

    [Fact]
    public void A_flow_committed_short_of_what_was_sent_is_not_exact()
    {
        Assert.False(new FlowCheck(7, 0, 320, Committed: 304, CommittedCount: 304, CommittedSum: SampleValues.Sum(7, 0, 304)).Exact);
    }

    [Fact]
    public void A_wrong_value_is_caught_by_the_sum()
    {
        Assert.False(new FlowCheck(7, 0, 320, 320, 320, SampleValues.Sum(7, 0, 320) + 0.25).Exact);
    }
}
