using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class HoltPredictorTests
{
    [Fact]
    public void Holt_forecast_follows_a_ramp()
    {
        var holt = new HoltPredictor();
        PredictorCases.Feed(holt, Enumerable.Range(0, 200).Select(t => 10.0 + 3.0 * t));
        double last = 10.0 + 3.0 * 199;
        Assert.Equal(3.0, holt.Trend, 3);
        Assert.Equal(last + 3.0, holt.Forecast(1), 2);
        Assert.Equal(last + 30.0, holt.Forecast(10), 2);
    }

    [Fact]
    public void Holt_never_forecasts_below_zero_on_a_falling_ramp()
    {
        var holt = new HoltPredictor();
        PredictorCases.Feed(holt, Enumerable.Range(0, 50).Select(t => 100.0 - 2.0 * t));
        Assert.Equal(0.0, holt.Forecast(16));
    }

    [Fact]
    public void Holt_bound_grows_with_the_horizon_when_errors_are_seen()
    {
        var holt = new HoltPredictor();
        PredictorCases.Feed(holt, Enumerable.Range(0, 100).Select(t => t % 2 == 0 ? 40.0 : 60.0));
        Assert.True(holt.UpperBound(8) - holt.Forecast(8) > holt.UpperBound(1) - holt.Forecast(1));
    }
}
