using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class ConfiguredArPredictorTests
{
    [Fact]
    public void Before_weights_arrive_the_model_forecasts_the_last_value()
    {
        var model = new ConfiguredArPredictor(2, 2.0, 8);
        PredictorCases.Feed(model, new[] { 5.0, 9.0 });
        Assert.False(model.HasWeights);
        Assert.Equal(9.0, model.Forecast(3));
        Assert.Equal(9.0, model.UpperBound(3));
    }

    [Fact]
    public void Loaded_weights_give_the_known_recursive_forecast_and_bound()
    {
        var model = new ConfiguredArPredictor(2, 2.0, 8);
        PredictorCases.Feed(model, new[] { 10.0, 20.0 });
        // x[t] = 1 + 0.5 x[t-1] + 0.25 x[t-2], one-step deviation 3.
        Assert.True(model.LoadWeights(new[] { 99.0, 1.0, 0.5, 0.25, 3.0 }, 1, 4));
        Assert.Equal(1 + 10 + 2.5, model.Forecast(1), 9);
        Assert.Equal(1 + 0.5 * 13.5 + 0.25 * 20, model.Forecast(2), 9);
        Assert.Equal(model.Forecast(2) + 2.0 * 3.0 * Math.Sqrt(2), model.UpperBound(2), 9);
    }

    [Fact]
    public void Weights_of_the_wrong_count_or_not_finite_are_refused_and_the_old_ones_kept()
    {
        var model = new ConfiguredArPredictor(1, 2.0, 4);
        Assert.True(model.LoadWeights(new[] { 0.0, 1.0, 0.0 }, 0, 3));
        Assert.False(model.LoadWeights(new[] { 0.0, 1.0 }, 0, 2));
        Assert.False(model.LoadWeights(new[] { double.NaN, 1.0, 0.0 }, 0, 3));
        Assert.False(model.LoadWeights(new[] { 0.0, 1.0, -1.0 }, 0, 3));
        Assert.False(model.LoadWeights(new[] { 0.0, 1.0, 0.0 }, 1, 3));
        model.Update(42.0);
        Assert.Equal(42.0, model.Forecast(4));
    }

    [Fact]
    public void A_model_with_remote_weights_drives_the_buffer_without_changing_the_policy()
    {
        var model = new ConfiguredArPredictor(1, 2.0, 8);
        Assert.True(model.LoadWeights(new[] { 0.0, 1.0, 50.0 }, 0, 3));
        var settings = new BufferSettings { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = 64, ExpansionLatency = 2, DrainPerStep = 100 };
        var buffer = new PredictiveBuffer(settings, new PredictivePolicy(model, 1.0, 2), 1);
        for (int i = 0; i < 10; i++)
        {
            model.Update(100);
            buffer.Step(0, 100);
        }

        Assert.True(buffer.CapacityBlocks > 1, "the bound above the drain made the policy grow the buffer");
    }
}
