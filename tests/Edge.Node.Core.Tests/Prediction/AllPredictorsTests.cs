using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class AllPredictorsTests
{
    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void A_constant_is_forecast_as_itself_with_a_tight_bound(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        PredictorCases.Feed(predictor, Enumerable.Repeat(50.0, 300));
        for (int h = 1; h <= 8; h++)
        {
            Assert.InRange(predictor.Forecast(h), 49.5, 50.5);
            Assert.InRange(predictor.UpperBound(h), predictor.Forecast(h), 51.0);
        }

        Assert.False(predictor.Alarm);
    }

    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void Zeros_forecast_zero_and_never_NaN(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        PredictorCases.Feed(predictor, Enumerable.Repeat(0.0, 3000));
        for (int h = 1; h <= 20; h++)
        {
            Assert.Equal(0.0, predictor.Forecast(h), 6);
            Assert.Equal(0.0, predictor.UpperBound(h), 6);
        }

        Assert.False(predictor.Alarm);
    }

    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void NaN_infinite_and_negative_input_is_rejected_and_changes_nothing(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        PredictorCases.Feed(predictor, new[] { 10.0, 12.0, 9.0, 11.0, 10.0, 13.0 });
        double forecast = predictor.Forecast(1);
        double bound = predictor.UpperBound(3);
        int samples = predictor.Samples;

        Assert.False(predictor.Update(double.NaN));
        Assert.False(predictor.Update(double.PositiveInfinity));
        Assert.False(predictor.Update(-1.0));

        Assert.Equal(samples, predictor.Samples);
        Assert.Equal(forecast, predictor.Forecast(1));
        Assert.Equal(bound, predictor.UpperBound(3));
    }

    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void A_step_up_is_followed_within_a_few_dozen_steps(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        PredictorCases.Feed(predictor, Enumerable.Repeat(10.0, 100));
        PredictorCases.Feed(predictor, Enumerable.Repeat(100.0, 60));
        Assert.InRange(predictor.Forecast(1), 90.0, 110.0);
    }

    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void Reset_forgets_everything(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        PredictorCases.Feed(predictor, new[] { 5.0, 500.0, 5.0, 700.0, 3.0 });
        predictor.Reset();
        Assert.Equal(0, predictor.Samples);
        Assert.Equal(0.0, predictor.Forecast(1));
        Assert.False(predictor.Alarm);
    }

    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void Update_and_forecast_allocate_nothing_per_sample(string name)
    {
        IPredictor predictor = PredictorCases.Create(name);
        var random = new Random(7);
        double[] samples = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() < 0.05 ? 800.0 : 50.0 + random.Next(20)).ToArray();
        double sink = 0;
        long allocated = AllocationProbe.LeastBytes(() => sink = Run(predictor, samples));

        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
    }

    private static double Run(IPredictor predictor, double[] samples)
    {
        double sum = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            predictor.Update(samples[i]);
            sum += predictor.Forecast(1) + predictor.UpperBound(4);
        }

        return sum;
    }
}
