using Edge.Gateway.Core.Learning;
using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Tests.Learning;

[Trait("Category", "Unit")]
public sealed class PeakModelTrainerTests
{
    [Fact]
    public void On_noise_the_fitted_bound_covers_about_tau_of_the_coming_peaks()
    {
        var random = new Random(5);
        double[][] series = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 3000).Select(_ => 50.0 + random.Next(100)).ToArray())];
        var options = new TrainerOptions { Hidden = 0, Tau = 0.9, Window = 3 };
        PeakModel model = PeakModelTrainer.Fit(PeakDataset.Build(series, 3, 0, 20), options);

        LearnedPeakPredictor predictor = model.CreatePredictor();
        double[] fresh = [.. Enumerable.Range(0, 4000).Select(_ => 50.0 + random.Next(100))];
        int covered = 0;
        int scored = 0;
        for (int t = 0; t + 3 < fresh.Length; t++)
        {
            predictor.Update(fresh[t]);
            if (t < 100)
            {
                continue;
            }

            scored++;
            covered += Math.Max(fresh[t + 1], Math.Max(fresh[t + 2], fresh[t + 3])) <= predictor.UpperBound(1) ? 1 : 0;
        }

        // The level the inputs are divided by is itself estimated, so coverage is near tau, not exactly it.
        Assert.InRange(covered / (double)scored, 0.8, 0.96);
    }

    [Fact]
    public void The_node_computes_exactly_what_the_trainer_fitted()
    {
        var random = new Random(9);
        double[] series = [.. Enumerable.Range(0, 1500).Select(t => t % 37 < 3 ? 900.0 : 100.0 + random.Next(30))];
        var options = new TrainerOptions { Hidden = 4, MaxIterations = 60 };
        PeakDataset data = PeakDataset.Build([series], 3, 0, 20);
        PeakModel model = PeakModelTrainer.Fit(data, options);

        LearnedPeakPredictor node = model.CreatePredictor();
        var features = new PeakFeatures();
        for (int t = 0; t < 500; t++)
        {
            node.Update(series[t]);
            features.Update(series[t]);
            double[] row = [.. Enumerable.Range(0, PeakFeatures.Count).Select(features.Value)];
            double expected = Math.Max(Math.Max(model.Evaluate(row), 0) * features.Scale, features.ShortMean);
            Assert.Equal(expected, node.UpperBound(1), 6);
        }
    }

    [Fact]
    public void The_gradient_matches_finite_differences()
    {
        var random = new Random(2);
        double[] series = [.. Enumerable.Range(0, 300).Select(t => t % 17 < 2 ? 700.0 : 90.0 + random.Next(20))];
        PeakDataset data = PeakDataset.Build([series], 3, 0, 20);
        var options = new TrainerOptions { Hidden = 3, Smoothing = 0.5 };
        double[] p = [.. Enumerable.Range(0, (3 * 13) + 1).Select(i => ((i * 7919) % 13 - 6) / 20.0)];
        (_, double[] gradient) = PeakModelTrainer.LossAndGradient(data, options, p);
        for (int i = 0; i < p.Length; i += 5)
        {
            double[] up = (double[])p.Clone();
            double[] down = (double[])p.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double numeric = (PeakModelTrainer.LossAndGradient(data, options, up).Loss - PeakModelTrainer.LossAndGradient(data, options, down).Loss) / 2e-6;
            Assert.Equal(numeric, gradient[i], 4);
        }
    }
}
