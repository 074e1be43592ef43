using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class EwmaPredictorTests
{
    [Fact]
    public void Ewma_mean_after_a_step_follows_the_geometric_weights()
    {
        var ewma = new EwmaPredictor(0.5, 2.0, 4);
        ewma.Update(0);
        ewma.Update(100);
        ewma.Update(100);
        Assert.Equal(75.0, ewma.Forecast(1), 9);
    }

    [Fact]
    public void Ewma_bound_widens_when_the_signal_turns_noisy()
    {
        var ewma = new EwmaPredictor();
        PredictorCases.Feed(ewma, Enumerable.Repeat(100.0, 50));
        double calm = ewma.UpperBound(1) - ewma.Forecast(1);
        PredictorCases.Feed(ewma, new[] { 20.0, 180.0, 20.0, 180.0 });
        double noisy = ewma.UpperBound(1) - ewma.Forecast(1);
        Assert.True(noisy > calm + 50, $"calm {calm}, noisy {noisy}");
    }

    [Fact]
    public void Ewma_refuses_an_alpha_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EwmaPredictor(0.0, 2.0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EwmaPredictor(1.5, 2.0, 4));
    }
}
