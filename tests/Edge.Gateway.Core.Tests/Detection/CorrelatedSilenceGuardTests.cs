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

        Assert.Equal(held, guard.Holds(new Silence(uneasy, judged), suspects: 1, 0, out bool began, out _));
        Assert.Equal(held, began);
        Assert.Equal(held ? 1 : 0, guard.Episodes);
    }

    [Fact]
    public void A_correlated_silence_without_suspects_is_no_episode_until_one_appears()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);
        var quiet = new Silence(10, 10);

        Assert.True(guard.Holds(quiet, suspects: 0, 0, out bool began, out _));
        Assert.False(began);
        Assert.Equal(0, guard.Episodes);

        Assert.True(guard.Holds(quiet, suspects: 3, 50, out began, out _));
        Assert.True(began);
        Assert.Equal(1, guard.Episodes);
    }

    [Fact]
    public void One_episode_lasts_until_the_fleet_is_heard_again_and_is_held_no_longer_than_the_hold()
    {
        var guard = new CorrelatedSilenceGuard(Defaults);
        var quiet = new Silence(10, 10);
        long hold = (long)Defaults.MaxHold.TotalMilliseconds;

        Assert.True(guard.Holds(quiet, 1, 0, out _, out _));
        Assert.True(guard.Holds(quiet, 1, hold - 50, out bool again, out bool believed));
        Assert.False(again);
        Assert.False(believed);
        Assert.False(guard.Holds(quiet, 1, hold, out _, out believed));
        Assert.True(believed);
        Assert.False(guard.Holds(quiet, 1, hold + 50, out _, out believed));
        Assert.False(believed);
        Assert.Equal(1, guard.Episodes);

        Assert.False(guard.Holds(new Silence(0, 10), 1, hold + 100, out _, out _));
        Assert.True(guard.Holds(quiet, 1, hold + 150, out bool began, out _));
        Assert.True(began);
        Assert.Equal(2, guard.Episodes);
    }
}
