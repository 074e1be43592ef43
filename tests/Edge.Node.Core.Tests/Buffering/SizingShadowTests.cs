using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class SizingShadowTests
{
    private static BufferSettings Settings() => new() { BlockSize = 32, FloorBlocks = 4, CeilingBlocks = 64, ExpansionLatency = 2, DrainPerStep = 64 };

    private static SizingShadow Run(long[] arrivals, IPredictor predictor)
    {
        var settings = Settings();
        var shadow = new SizingShadow(settings);
        var policy = new PredictivePolicy(predictor, 1.0, 2);
        foreach (long a in arrivals)
        {
            predictor.Update(a);
            shadow.Step(a, policy);
        }

        return shadow;
    }

    [Fact]
    public void Arrivals_the_uplink_drains_drop_nothing_under_either_rule()
    {
        var shadow = Run([.. Enumerable.Repeat(60L, 200)], new EwmaPredictor());

        Assert.Equal(0, shadow.PredictiveDropped);
        Assert.Equal(0, shadow.ReactiveDropped);
    }

    [Fact]
    public void A_burst_that_builds_up_is_absorbed_by_predictive_sizing_where_reactive_sizing_drops()
    {
        // Quiet, a rise the precursor detector sees, then a burst well above the 64-a-step uplink.
        long[] arrivals = [.. Enumerable.Repeat(20L, 120), 45, 90, 150, .. Enumerable.Repeat(220L, 8), .. Enumerable.Repeat(20L, 60)];

        var shadow = Run(arrivals, new PrecursorDetector());

        Assert.True(shadow.ReactiveDropped > 0, "the reactive rule dropped nothing: the burst does not test anything");
        Assert.True(shadow.PredictiveDropped < shadow.ReactiveDropped,
            $"predictive dropped {shadow.PredictiveDropped}, reactive {shadow.ReactiveDropped}");
    }
}
