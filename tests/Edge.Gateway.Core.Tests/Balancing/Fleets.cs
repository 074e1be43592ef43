using Edge.Gateway.Core.Balancing;

namespace Edge.Gateway.Core.Tests.Balancing;

/// <summary>Fleets and flows for balancer tests.</summary>
internal static class Fleets
{
    public static readonly IReadOnlySet<string> AnyNode = new HashSet<string>();

    public static List<NodeCapacity> Nodes(int count, double capacity = 100) =>
        [.. Enumerable.Range(1, count).Select(i => new NodeCapacity("n" + i, capacity))];

    public static List<FlowDemand> Flows(int count, Func<int, double>? load = null) =>
        [.. Enumerable.Range(0, count).Select(f => new FlowDemand(f, load?.Invoke(f) ?? 10, false, AnyNode))];

    public static IFlowBalancer[] All() =>
        [new RoundRobinBalancer(), new LeastLoadedBalancer(), new BoundedLoadHashBalancer(), new ForecastBalancer()];
}
