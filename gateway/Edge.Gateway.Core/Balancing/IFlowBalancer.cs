namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// Decides which live node serves each flow. Given the current owners (which may name dead nodes), returns
/// the new owners; a flow with no eligible live node is left out (unassigned). One class per strategy.
/// </summary>
internal interface IFlowBalancer
{
    string Name { get; }

    IReadOnlyDictionary<int, string> Assign(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> current);
}
