using Edge.Node.Core.Prediction;
using Edge.Bench.Buffer;

namespace Edge.Bench.Tests.Buffer;

[Trait("Category", "Unit")]
public sealed class ForecastScorerTests
{
    // Bursts (above a drain of 150) start at steps 10, 30 and 50 and last two steps each.
    private static readonly int[] Arrivals = Enumerable.Range(0, 60).Select(t => t % 20 is 10 or 11 ? 500 : 100).ToArray();

    [Fact]
    public void A_predictor_that_always_warns_catches_every_onset_with_the_longest_lead()
    {
        ForecastCounts score = ForecastScorer.Score(new FixedBound(1000), Arrivals, 150, 2);
        Assert.Equal(3, score.Onsets);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(3.0, score.MeanLeadSteps);
        // 54 quiet steps warn; 9 of them (three before each onset) are followed by an onset within 3 steps.
        Assert.Equal(9.0 / 54.0, score.Precision, 9);
    }

    [Fact]
    public void A_predictor_that_never_warns_scores_zero()
    {
        ForecastCounts score = ForecastScorer.Score(new FixedBound(0), Arrivals, 150, 2);
        Assert.Equal(0.0, score.Recall);
        Assert.Equal(0.0, score.Precision);
        Assert.Equal(0.0, score.F1);
    }

    [Fact]
    public void The_AR_model_warns_before_most_bursts_of_a_periodic_signal()
    {
        int[] periodic = Enumerable.Range(0, 2000).Select(t => t % 20 is 10 or 11 ? 500 : 100).ToArray();
        ForecastCounts score = ForecastScorer.Score(new RlsArPredictor(), periodic, 150, 2);
        Assert.True(score.Recall > 0.9, $"recall {score.Recall}");
    }

    private sealed class FixedBound(double bound) : IPredictor
    {
        public string Name => "fixed";

        public int MaxHorizon => 16;

        public int Samples { get; private set; }

        public bool Alarm => false;

        public bool Update(double arrivals)
        {
            Samples++;
            return true;
        }

        public double Forecast(int horizon) => 0;

        public double UpperBound(int horizon) => bound;

        public void Reset() => Samples = 0;
    }
}
