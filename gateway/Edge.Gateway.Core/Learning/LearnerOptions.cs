namespace Edge.Gateway.Core.Learning;

/// <summary>
/// How the fleet learner trains, judges and watches. The newest ValidationSteps of each flow are never trained on:
/// a candidate is pushed only if its loss there beats what the nodes run now by MinImprovement; a live model is
/// rolled back when its loss on the data that arrived since it was pushed exceeds the classical baseline's there
/// by RollbackTolerance.
/// </summary>
internal sealed record LearnerOptions
{
    /// <summary>Off by default: training takes CPU the gateway's other loops may need; the demo turns it on.</summary>
    public bool Enabled { get; init; }

    /// <summary>How often a candidate is trained (each round reads the store and fits on every flow's history).</summary>
    public TimeSpan TrainEvery { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the live model is judged and new nodes are sent the live config.</summary>
    public TimeSpan WatchEvery { get; init; } = TimeSpan.FromSeconds(5);

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>The predictor a node runs without a pushed model (config's default).</summary>
    public string Baseline { get; init; } = Edge.Protocol.ConfigMessage.DefaultPredictor;

    public int HistorySteps { get; init; } = 20_000;

    public int ValidationSteps { get; init; } = 500;

    public double MinImprovement { get; init; } = 0.02;

    /// <summary>Steps of fresh data needed before a live model is judged.</summary>
    public int LiveSteps { get; init; } = 200;

    /// <summary>The live error is measured over at most this many of the newest steps, so a change of regime shows.</summary>
    public int LiveWindow { get; init; } = 1000;

    public double RollbackTolerance { get; init; } = 0.05;
}
