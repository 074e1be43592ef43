using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class AutoscalePlannerTests
{
    private static AutoscalePlanner Planner() =>
        new(new AutoscaleOptions { MinNodes = 2, MaxNodes = 10, Headroom = 0.25, ScaleInAfter = TimeSpan.FromSeconds(60) }, nodeCapacity: 100);

    [Fact]
    public void Needed_nodes_are_forecast_load_with_headroom_over_capacity_within_bounds()
    {
        var p = Planner();

        Assert.Equal(5, p.Evaluate(400, 0));
        Assert.Equal(10, p.Evaluate(5000, 1));
    }

    [Fact]
    public void Scale_in_waits_for_the_lower_number_to_hold()
    {
        var p = Planner();
        p.Evaluate(400, 0);

        Assert.Equal(5, p.Evaluate(100, 1_000));
        Assert.Equal(5, p.Evaluate(100, 50_000));
        Assert.Equal(2, p.Evaluate(100, 61_001));
    }

    [Fact]
    public void A_brief_dip_does_not_scale_in()
    {
        var p = Planner();
        p.Evaluate(400, 0);
        p.Evaluate(100, 1_000);
        p.Evaluate(400, 30_000);

        Assert.Equal(5, p.Evaluate(100, 70_000));
    }
}
