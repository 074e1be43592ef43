using Edge.Gateway.Core.Balancing;

namespace Edge.Bench.Failover;

/// <summary>
/// Every balancing strategy through the same sequence of fleet events (nodes joining and leaving, forecasts
/// shifting): load imbalance (peak over mean utilisation) after each event and flows moved per event.
/// Flow loads come from the traces (each trace's load, repeated with a spread to the requested number of flows),
/// so flows differ the way real ones do, and there are enough of them that balance is not just granularity.
/// </summary>
internal static class StrategyComparison
{
    public static List<StrategyResult> Run(IReadOnlyList<double> traceLoads, int flows, int rounds, int seed)
    {
        var spread = new Random(seed);
        var flowLoads = Enumerable.Range(0, flows).Select(i => traceLoads[i % traceLoads.Count] * (0.5 + spread.NextDouble())).ToArray();
        var results = new List<StrategyResult>();
        foreach (string name in BalancerCatalog.Names)
        {
            IFlowBalancer balancer = BalancerCatalog.Create(name);
            var random = new Random(seed);
            var nodes = Enumerable.Range(1, 4).Select(i => "n" + i).ToList();
            int nextNode = 5;
            double[] loads = [.. flowLoads];
            IReadOnlyDictionary<int, string> owners = new Dictionary<int, string>();
            double imbalance = 0;
            long moves = 0;
            for (int round = 0; round < rounds; round++)
            {
                switch (random.Next(3))
                {
                    case 0 when nodes.Count < 8:
                        nodes.Add("n" + nextNode++);
                        break;
                    case 1 when nodes.Count > 2:
                        nodes.RemoveAt(random.Next(nodes.Count));
                        break;
                    default:
                        int f = random.Next(loads.Length);
                        loads[f] = flowLoads[f] * (0.2 + (random.NextDouble() * 3));
                        break;
                }

                var demands = loads.Select((l, i) => new FlowDemand(i, l, false, new HashSet<string>())).ToList();
                var capacities = nodes.Select(n => new NodeCapacity(n, 100)).ToList();
                var next = balancer.Assign(demands, capacities, owners);
                moves += next.Count(p => owners.TryGetValue(p.Key, out string? old) && old != p.Value && nodes.Contains(old));
                owners = next;
                imbalance += BalanceMetrics.Imbalance(demands, capacities, owners);
            }

            results.Add(new StrategyResult(name, Math.Round(imbalance / rounds, 3), Math.Round((double)moves / rounds, 2)));
        }

        return results;
    }
}

internal sealed record StrategyResult(string Strategy, double Imbalance, double MovesPerRebalance);
