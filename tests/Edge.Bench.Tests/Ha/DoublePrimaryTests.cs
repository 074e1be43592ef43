using Edge.Bench.Ha;

namespace Edge.Bench.Tests.Ha;

[Trait("Category", "Unit")]
public sealed class DoublePrimaryTests
{
    [Fact]
    public void Leaders_that_follow_each_other_are_never_two_at_once()
    {
        AckSpan[] spans = [new("gw-1", 41, 1_000, 5_000), new("gw-2", 57, 7_200, 9_000), new("gw-1", 63, 9_500, 12_000)];
        Assert.Equal(0, DoublePrimary.Milliseconds(spans));
    }

    [Fact]
    public void An_old_leader_that_acks_after_the_new_one_began_counts_the_overlap()
    {
        // gw-1 was paused at 5 s, gw-2 acks from 7.2 s, gw-1 wakes and acks until 7.5 s.
        AckSpan[] spans = [new("gw-1", 41, 1_000, 7_500), new("gw-2", 57, 7_200, 9_000)];
        Assert.Equal(301, DoublePrimary.Milliseconds(spans));
    }

    [Fact]
    public void Two_terms_of_one_gateway_are_one_gateway_and_a_third_adds_nothing_twice()
    {
        AckSpan[] spans =
        [
            new("gw-1", 41, 0, 1_000), new("gw-1", 42, 1_000, 2_000),
            new("gw-2", 57, 500, 600), new("gw-3", 58, 550, 650),
        ];
        Assert.Equal(151, DoublePrimary.Milliseconds(spans));
    }
}
