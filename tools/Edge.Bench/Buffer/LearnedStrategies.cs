using Edge.Gateway.Core.Learning;
using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// The models the fleet trains, as the bench scores them: for each fold, the gateway's trainer fits a linear and a
/// one-layer network peak model on that fold's calibration traces only (gateway/Edge.Gateway.Core/Learning), and
/// the node's predictor (firmware/Edge.Node.Core/Prediction/LearnedPeakPredictor) runs them under the predictive
/// policy, its margin swept like every predictive strategy's.
/// </summary>
internal static class LearnedStrategies
{
    public const string Linear = "learned-linear";
    public const string Network = "learned-mlp";

    public static Func<IReadOnlyList<Trace>, FoldStrategies> For(BenchPhysics physics)
    {
        ArgumentNullException.ThrowIfNull(physics);
        return calibration =>
        {
            var models = new List<(string Name, PeakModel Model)>
            {
                (Linear, Train(calibration, physics, hidden: 0)),
                (Network, Train(calibration, physics, hidden: 8)),
            };
            return new FoldStrategies(
                models.Select(m => new BufferStrategy(BufferStrategy.PredictivePrefix + m.Name, (trace, settings) => Sweep(trace, settings, m.Model, physics))).ToList(),
                models.Select(m => new NamedPredictor(m.Name, m.Model.CreatePredictor)).ToList());
        };
    }

    public static TrainerOptions Options(BenchPhysics physics, int hidden) => new()
    {
        Hidden = hidden,
        Window = physics.ExpansionLatency + 1,
        Period = physics.SeasonalPeriod,
    };

    public static PeakModel Train(IReadOnlyList<Trace> calibration, BenchPhysics physics, int hidden)
    {
        TrainerOptions options = Options(physics, hidden);
        PeakDataset data = PeakDataset.Build(calibration.Select(t => t.Arrivals.Select(a => (double)a).ToArray()), options.Window, options.Period, options.WarmUp);
        return PeakModelTrainer.Fit(data, options);
    }

    private static List<RunResult> Sweep(Trace trace, BufferSettings settings, PeakModel model, BenchPhysics physics)
    {
        var runs = new List<RunResult>();
        foreach (double margin in KnobSweep.PredictiveMargins)
        {
            var predictor = model.CreatePredictor();
            var policy = new PredictivePolicy(predictor, margin, physics.LookAheadWindow);
            runs.Add(StrategyRunner.Run(trace, settings, policy, predictor, settings.FloorBlocks, BufferStrategy.PredictivePrefix + (model.Hidden == 0 ? Linear : Network), margin));
        }

        return runs;
    }
}
