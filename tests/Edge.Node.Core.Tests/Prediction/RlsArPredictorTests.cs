using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class RlsArPredictorTests
{
    [Fact]
    public void The_AR_model_learns_periodic_bursts_and_forecasts_the_next_one()
    {
        var ar = new RlsArPredictor(4, 0.99, 2.0, 16);
        // Period 4: a burst of 100 every fourth step over a base of 10; the last sample fed is a burst.
        PredictorCases.Feed(ar, Enumerable.Range(0, 400).Select(t => t % 4 == 3 ? 100.0 : 10.0));
        Assert.InRange(ar.Forecast(1), 5.0, 15.0);
        Assert.InRange(ar.Forecast(3), 5.0, 15.0);
        Assert.InRange(ar.Forecast(4), 90.0, 110.0);
        Assert.InRange(ar.Forecast(8), 90.0, 110.0);
    }

    [Fact]
    public void The_AR_model_recovers_known_coefficients()
    {
        var ar = new RlsArPredictor(2, 1.0, 2.0, 4);
        // x[t] = 5 + 0.6 x[t-1] - 0.2 x[t-2] + small deterministic noise.
        var x = new List<double> { 5, 7 };
        var random = new Random(3);
        for (int t = 2; t < 3000; t++)
        {
            x.Add(5 + 0.6 * x[t - 1] - 0.2 * x[t - 2] + random.NextDouble() * 2);
        }

        PredictorCases.Feed(ar, x);
        Assert.Equal(0.6, ar.Weight(1), 1);
        Assert.Equal(-0.2, ar.Weight(2), 1);
    }

    [Fact]
    public void The_AR_model_follows_a_ramp()
    {
        var ar = new RlsArPredictor();
        PredictorCases.Feed(ar, Enumerable.Range(0, 300).Select(t => 20.0 + 2.0 * t));
        double last = 20.0 + 2.0 * 299;
        Assert.InRange(ar.Forecast(1), last + 1.0, last + 3.0);
    }
}
