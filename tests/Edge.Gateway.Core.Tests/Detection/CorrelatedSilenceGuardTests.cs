using Edge.Gateway.Core.Detection;

namespace Edge.Gateway.Core.Tests.Detection;

[Trait("Category", "Unit")]
public sealed class CorrelatedSilenceGuardTests
{
    private static readonly CorrelatedSilenceOptions Defaults = new();

    [Theory]
    [InlineData(9, 10, true)]
    [InlineData(5, 10, true)]
    [InlineData(4, 10, false)]
    [InlineData(9, 9, false)] // fewer judged nodes than the minimum
    [InlineData(0, 0, false)]
    public void Silence_is_correlated_from_half_of_at_least_ten_judged_nodes(int uneasy, int judged, bool held)
    {
        var guard = new CorrelatedSilenceGuard(Defaults);

        Assert.Equal(held, guard.Holds(new Silence(uneasy, judged), suspects: 1, out bool began, out _));
        Assert.Equal(held, began);
        Assert.Equal(held ? 1 : 0, guard.Episodes);
    }

    [Fact]
    public void A_correlated_silence_without_suspects_is_no_episode_until_one_appears()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);
        var quiet = new Silence(10, 10);

        Assert.True(guard.Holds(quiet, suspects: 0, out bool began, out _));
        Assert.False(began);
        Assert.Equal(0, guard.Episodes);

        Assert.True(guard.Holds(quiet, suspects: 3, out began, out _));
        Assert.True(began);
        Assert.True(guard.Holds(quiet, suspects: 5, out began, out _));
        Assert.False(began);
        Assert.Equal(1, guard.Episodes);
    }

    [Fact]
    public void A_new_episode_begins_only_after_the_fleet_was_heard_again()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);
        var quiet = new Silence(10, 10);

        guard.Holds(quiet, 1, out _, out _);
        Assert.False(guard.Holds(new Silence(0, 10), 1, out _, out _));
        Assert.True(guard.Holds(quiet, 1, out bool began, out _));

        Assert.True(began);
        Assert.Equal(2, guard.Episodes);
    }

    [Fact]
    public void Once_begun_a_silence_lasts_until_fewer_than_a_quarter_are_silent_and_begins_again_only_at_half()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);

        Assert.True(guard.Holds(new Silence(5, 10), 1, out _, out bool ended));
        Assert.False(ended);
        Assert.True(guard.Holds(new Silence(3, 10), 1, out _, out ended));
        Assert.False(ended);
        Assert.False(guard.Holds(new Silence(2, 10), 1, out _, out ended));
        Assert.True(ended);
        Assert.False(guard.Holds(new Silence(4, 10), 1, out _, out ended));
        Assert.False(ended);
        Assert.True(guard.Holds(new Silence(5, 10), 1, out bool began, out _));
        Assert.True(began);
    }

    [Fact]
    public void A_suspect_is_believed_once_silent_on_its_own_for_the_hold()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);
        long hold = (long)Defaults.MaxHold.TotalMilliseconds;

        Assert.False(guard.Believed(hold - 1));
        Assert.True(guard.Believed(hold));
    }
}
