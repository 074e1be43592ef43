namespace Edge.Gateway.Core.Balancing;

/// <summary>Strategies by the names the command line and the benchmark use.</summary>
internal static class BalancerCatalog
{
    public static readonly string[] Names = ["forecast-greedy", "bounded-hash", "least-loaded", "round-robin"];

    public static IFlowBalancer Create(string name) => name switch
    {
        "bounded-hash" => new BoundedLoadHashBalancer(),
        "least-loaded" => new LeastLoadedBalancer(),
        "round-robin" => new RoundRobinBalancer(),
        _ => new ForecastBalancer(),
    };
}
