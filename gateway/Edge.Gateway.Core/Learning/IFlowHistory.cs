namespace Edge.Gateway.Core.Learning;

/// <summary>
/// The fleet's committed history as the learner sees it: per flow, one value a step (arrivals, or the load the
/// flow carries), oldest first. The host adapts its store (the committed samples) to this.
/// </summary>
internal interface IFlowHistory
{
    IReadOnlyList<int> Flows { get; }

    /// <summary>Steps recorded for <paramref name="flow"/> so far.</summary>
    long Length(int flow);

    /// <summary>The last <paramref name="steps"/> steps of <paramref name="flow"/> (fewer if it has fewer).</summary>
    double[] Recent(int flow, int steps);
}
