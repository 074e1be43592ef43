using Edge.Node.Core.Prediction;

namespace Edge.Bench.Buffer;

/// <summary>
/// What a fold adds to the classical strategies: strategies and predictors built from its calibration traces only
/// (a model trained on them). Scored on that fold's evaluation traces, which it never saw.
/// </summary>
internal sealed record FoldStrategies(IReadOnlyList<BufferStrategy> Strategies, IReadOnlyList<NamedPredictor> Predictors)
{
    public static readonly FoldStrategies None = new([], []);
}

/// <summary>A predictor for the onset score, built fresh per trace.</summary>
internal sealed record NamedPredictor(string Name, Func<IPredictor> Create);
