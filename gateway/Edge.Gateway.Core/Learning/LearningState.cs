namespace Edge.Gateway.Core.Learning;

/// <summary>What the dashboard shows of the learner: the live version (0: nodes run their classical predictor) and each flow's live error.</summary>
internal sealed record LearningState(long LiveVersion, int Rollbacks, IReadOnlyDictionary<int, FlowModelState> Flows)
{
    public static readonly LearningState None = new(0, 0, new Dictionary<int, FlowModelState>());
}
