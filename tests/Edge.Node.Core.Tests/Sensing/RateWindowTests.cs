using Edge.Node.Core.Sensing;

namespace Edge.Node.Core.Tests.Sensing;

[Trait("Category", "Unit")]
public sealed class RateWindowTests
{
    [Fact]
    public void The_window_keeps_only_the_last_N_steps()
    {
        var window = new RateWindow(3);
        foreach (double x in new[] { 1.0, 2.0, 3.0, 4.0, 5.0 })
        {
            window.Add(x);
        }

        Assert.Equal(3, window.Count);
        Assert.Equal(12.0, window.Sum);
        Assert.Equal(4.0, window.Mean);
        Assert.Equal(5.0, window.Get(0));
        Assert.Equal(3.0, window.Get(2));
        Assert.Equal(5.0, window.Max());
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Get(3));
    }

    [Fact]
    public void An_empty_window_has_zero_mean_and_clear_empties_it()
    {
        var window = new RateWindow(4);
        Assert.Equal(0.0, window.Mean);
        window.Add(7);
        window.Clear();
        Assert.Equal(0, window.Count);
        Assert.Equal(0.0, window.Sum);
    }
}
