using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class LearnedPeakPredictorTests
{
    // A linear model whose output is 3 levels plus the last arrivals in levels.
    private static double[] Linear(double bias, double lastWeight, int period = 0)
    {
        double[] weights = new double[LearnedPeakPredictor.WeightsFor(0)];
        weights[0] = period;
        weights[1] = 0;
        weights[2] = bias;
        weights[3] = lastWeight;
        return weights;
    }

    [Fact]
    public void Without_weights_it_forecasts_the_short_mean_with_no_margin()
    {
        var predictor = new LearnedPeakPredictor();
        PredictorCases.Feed(predictor, Enumerable.Repeat(40.0, 50));
        Assert.False(predictor.HasWeights);
        Assert.Equal(40.0, predictor.UpperBound(1), 6);
        Assert.Equal(predictor.Forecast(3), predictor.UpperBound(3), 6);
    }

    [Fact]
    public void Loaded_weights_give_the_bound_in_units_of_the_running_level()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = Linear(3.0, 1.0);
        Assert.True(predictor.LoadWeights(weights, 0, weights.Length));
        PredictorCases.Feed(predictor, Enumerable.Repeat(20.0, 200));

        // Level 20, last arrivals 1 level: (3 + 1) x 20.
        Assert.Equal(80.0, predictor.UpperBound(1), 3);
        Assert.Equal(80.0, predictor.UpperBound(5), 3);
        Assert.Equal(PeakFeatures.Count, predictor.MultiplyAdds);
    }

    [Fact]
    public void A_network_costs_thirteen_multiply_adds_per_hidden_unit()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = new double[LearnedPeakPredictor.WeightsFor(8)];
        weights[1] = 8;
        Assert.True(predictor.LoadWeights(weights, 0, weights.Length));
        Assert.Equal(8 * 13, predictor.MultiplyAdds);
        Assert.True(weights.Length * sizeof(float) <= 2048, "the weights fit the 2 KB the config may carry");
    }

    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.0, 3.0)]
    [InlineData(0.0, 17.0)]
    [InlineData(2000.0, 0.0)]
    public void Weights_with_a_bad_header_or_count_are_refused_and_the_old_model_kept(double period, double hidden)
    {
        var predictor = new LearnedPeakPredictor();
        double[] good = Linear(2.0, 0.0);
        Assert.True(predictor.LoadWeights(good, 0, good.Length));
        double[] bad = Linear(9.0, 0.0);
        bad[0] = period;
        bad[1] = hidden;

        Assert.False(predictor.LoadWeights(bad, 0, bad.Length));
        PredictorCases.Feed(predictor, Enumerable.Repeat(10.0, 100));
        Assert.Equal(20.0, predictor.UpperBound(1), 3);
    }

    [Fact]
    public void A_weight_that_is_not_finite_is_refused()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = Linear(double.NaN, 0.0);
        Assert.False(predictor.LoadWeights(weights, 0, weights.Length));
        weights = Linear(double.PositiveInfinity, 0.0);
        Assert.False(predictor.LoadWeights(weights, 0, weights.Length));
        Assert.False(predictor.HasWeights);
    }

    [Fact]
    public void The_seasonal_input_sees_the_burst_one_period_ago()
    {
        var features = new PeakFeatures();
        Assert.True(features.UsePeriod(50));
        for (int t = 0; t < 200; t++)
        {
            // A burst of 900 every 50 steps at phase 10; everything else 100.
            features.Update(t % 50 == 10 ? 900 : 100);
            bool burstAhead = (t + 1) % 50 is >= 7 and <= 14 || (t + 4) % 50 == 10;
            if (t > 60 && (t + 2) % 50 == 10)
            {
                Assert.True(features.Value(11) > 5, $"step {t}: {features.Value(11)}");
            }

            if (t > 60 && !burstAhead && (t % 50) is > 20 and < 30)
            {
                Assert.True(features.Value(11) < 2, $"step {t}: {features.Value(11)}");
            }
        }
    }

    [Fact]
    public void Update_and_the_bounds_allocate_nothing()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = new double[LearnedPeakPredictor.WeightsFor(8)];
        weights[0] = 288;
        weights[1] = 8;
        for (int i = 2; i < weights.Length; i++)
        {
            weights[i] = ((i * 37) % 11 - 5) / 10.0;
        }

        Assert.True(predictor.LoadWeights(weights, 0, weights.Length));
        var random = new Random(1);
        double[] samples = Enumerable.Range(0, 4096).Select(_ => random.NextDouble() < 0.05 ? 900.0 : 100.0).ToArray();
        long bytes = AllocationProbe.LeastBytes(() =>
        {
            foreach (double x in samples)
            {
                predictor.Update(x);
                predictor.UpperBound(3);
            }
        });
        Assert.Equal(0, bytes);
    }
}
