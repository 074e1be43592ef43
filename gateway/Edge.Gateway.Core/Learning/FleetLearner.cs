using Edge.Node.Core.Agent;
using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// Trains the fleet's model on every flow's history, pushes it only when it beats what the nodes run now on recent
/// data it did not train on, and rolls it back when its live error gets worse than the classical predictor's.
/// One owner: the host calls <see cref="Train"/> and <see cref="Watch"/> from one loop.
/// </summary>
internal sealed class FleetLearner(IFlowHistory history, IModelPublisher publisher, LearnerOptions options)
{
    private readonly Dictionary<int, long> _lengthAtRelease = [];
    private readonly Dictionary<int, FlowModelState> _flows = [];
    private ModelRelease? _previous;
    private long _nextVersion = 1;

    public ModelRelease? Live { get; private set; }

    public int Rollbacks { get; private set; }

    /// <summary>Per flow: the version it runs and its live error (model and baseline), for the dashboard.</summary>
    public IReadOnlyDictionary<int, FlowModelState> Flows => _flows;

    /// <summary>Fits a candidate and pushes it if it is better; returns what was decided.</summary>
    public LearnerDecision Train()
    {
        var train = new List<double[]>();
        var validate = new List<(int Flow, double[] Series, int From)>();
        foreach (int flow in history.Flows)
        {
            double[] series = history.Recent(flow, options.HistorySteps);
            int from = series.Length - options.ValidationSteps;
            if (from <= options.Trainer.WarmUp + options.Trainer.Window)
            {
                continue;
            }

            train.Add(series[..from]);
            validate.Add((flow, series, from));
        }

        if (train.Count == 0)
        {
            return new LearnerDecision(false, "not enough history", double.NaN, double.NaN, Live?.Version ?? 0);
        }

        PeakModel candidate = PeakModelTrainer.Fit(PeakDataset.Build(train, options.Trainer.Window, options.Trainer.Period, options.Trainer.WarmUp), options.Trainer);
        double candidateLoss = MeanLoss(validate, candidate.CreatePredictor);
        double currentLoss = MeanLoss(validate, Current);
        if (!(candidateLoss < currentLoss * (1 - options.MinImprovement)))
        {
            return new LearnerDecision(false, "candidate not better on held-out recent data", candidateLoss, currentLoss, Live?.Version ?? 0);
        }

        _previous = Live;
        Live = ModelRelease.Create(_nextVersion++, candidate, candidateLoss, currentLoss);
        foreach (int flow in history.Flows)
        {
            _lengthAtRelease[flow] = history.Length(flow);
        }

        publisher.Publish(Live);
        return new LearnerDecision(true, "pushed", candidateLoss, currentLoss, Live.Version);
    }

    /// <summary>
    /// Scores the live model and the classical baseline on what arrived since the push (the newest LiveWindow steps of
    /// it); rolls back (to the previous
    /// release, or to the classical predictor) when the model is worse by more than the tolerance.
    /// </summary>
    public bool Watch()
    {
        _flows.Clear();
        if (Live is null)
        {
            return false;
        }

        var fresh = new List<(int Flow, double[] Series, int From)>();
        foreach (int flow in history.Flows)
        {
            long since = history.Length(flow) - _lengthAtRelease.GetValueOrDefault(flow, 0);
            if (since < options.LiveSteps)
            {
                continue;
            }

            since = Math.Min(since, options.LiveWindow);

            // Enough before the fresh part to warm the predictors up, scored only on the fresh part.
            int warm = options.Trainer.WarmUp + Math.Max(64, options.Trainer.Period + 16);
            double[] series = history.Recent(flow, (int)Math.Min(int.MaxValue, since + warm));
            fresh.Add((flow, series, Math.Max(0, series.Length - (int)since)));
        }

        if (fresh.Count == 0)
        {
            return false;
        }

        ModelRelease live = Live;
        double modelLoss = 0;
        double baselineLoss = 0;
        foreach ((int flow, double[] series, int from) in fresh)
        {
            double model = PeakScore.Loss(Predictor(live), series, from, options.Trainer.Window, options.Trainer.Tau);
            double baseline = PeakScore.Loss(PredictorCatalog.Create(options.Baseline), series, from, options.Trainer.Window, options.Trainer.Tau);
            _flows[flow] = new FlowModelState(live.Version, model, baseline);
            modelLoss += model;
            baselineLoss += baseline;
        }

        if (modelLoss <= baselineLoss * (1 + options.RollbackTolerance))
        {
            return false;
        }

        Rollbacks++;
        Live = _previous;
        _previous = null;
        if (Live is null)
        {
            publisher.Withdraw();
        }
        else
        {
            publisher.Publish(Live);
        }

        foreach (int flow in history.Flows)
        {
            _lengthAtRelease[flow] = history.Length(flow);
        }

        return true;
    }

    private static LearnedPeakPredictor Predictor(ModelRelease release)
    {
        var predictor = new LearnedPeakPredictor();
        if (!predictor.LoadWeights(release.Weights, 0, release.Weights.Length))
        {
            throw new InvalidOperationException("A released model the node would refuse.");
        }

        return predictor;
    }

    private IPredictor Current() => Live is null ? PredictorCatalog.Create(options.Baseline) : Predictor(Live);

    private double MeanLoss(List<(int Flow, double[] Series, int From)> sets, Func<IPredictor> create)
    {
        double sum = 0;
        foreach ((_, double[] series, int from) in sets)
        {
            sum += PeakScore.Loss(create(), series, from, options.Trainer.Window, options.Trainer.Tau);
        }

        return sum / sets.Count;
    }
}

/// <summary>What one training round decided, with the losses it compared (lower is better).</summary>
internal sealed record LearnerDecision(bool Pushed, string Reason, double CandidateLoss, double CurrentLoss, long LiveVersion);

/// <summary>A flow's model version and live error (the model's and the classical baseline's on the same fresh data).</summary>
internal sealed record FlowModelState(long Version, double LiveLoss, double BaselineLoss);
