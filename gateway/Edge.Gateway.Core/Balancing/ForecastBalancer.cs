namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// The default: greedy placement with hysteresis over forecasts. Flows stay where they are unless their node is
/// gone, no longer eligible, or more than (1 + ε) times the fleet's mean utilisation; orphans go to the node with
/// the most predicted room, and a flow about to burst prefers a node whose buffer has already grown for it.
/// At most <paramref name="maxVoluntaryMoves"/> flows move per call to even out load, so a forecast wobble or
/// a flapping node cannot set off a storm of handovers.
/// </summary>
internal sealed class ForecastBalancer(double epsilon = 0.25, int maxVoluntaryMoves = 2) : IFlowBalancer
{
    public string Name => "forecast-greedy";

    public IReadOnlyDictionary<int, string> Assign(IReadOnlyList<FlowDemand> flows, IReadOnlyList<NodeCapacity> nodes, IReadOnlyDictionary<int, string> current)
    {
        var book = new LoadBook(nodes);
        var result = new Dictionary<int, string>();
        var orphans = new List<FlowDemand>();
        foreach (var flow in flows)
        {
            if (current.TryGetValue(flow.Flow, out string? owner) && book.IsLive(owner) && flow.CanRunOn(owner) && book.HasRoom(owner))
            {
                result[flow.Flow] = owner;
                book.Add(owner, flow.Load);
            }
            else
            {
                orphans.Add(flow);
            }
        }

        // Pinned flows first, then the most constrained (few live nodes can source them), so flexible flows never
        // take the only slots a constrained one could use; then the heaviest.
        foreach (var flow in orphans.OrderBy(f => f.Eligible.Count == 0).ThenBy(f => Candidates(book, f))
            .ThenByDescending(f => f.Load).ThenBy(f => f.Flow))
        {
            string? best = Best(book, flow, exclude: null);
            if (best is not null)
            {
                result[flow.Flow] = best;
                book.Add(best, flow.Load);
            }
        }

        var byFlow = flows.ToDictionary(f => f.Flow);
        for (int move = 0; move < maxVoluntaryMoves && !Balanced(book); move++)
        {
            string hottest = Hottest(book);
            // The smallest flow whose move lowers the peak: a small move fixes most imbalance with least disruption.
            var candidate = result.Where(p => p.Value == hottest).Select(p => byFlow[p.Key]).OrderBy(f => f.Load).ThenBy(f => f.Flow)
                .Select(f => (Flow: f, Target: Best(book, f, exclude: hottest)))
                .FirstOrDefault(c => c.Target is not null && book.UtilisationWith(c.Target, c.Flow.Load) < book.Utilisation(hottest));
            if (candidate.Target is null)
            {
                break;
            }

            book.Remove(hottest, candidate.Flow.Load);
            book.Add(candidate.Target, candidate.Flow.Load);
            result[candidate.Flow.Flow] = candidate.Target;
        }

        return result;
    }

    /// <summary>
    /// The live nodes the flow can run on, counted over its eligible or excluded nodes (a few) rather than over
    /// the fleet: ordering a thousand orphans by a scan of a thousand nodes each was a million checks per placement.
    /// </summary>
    private static int Candidates(LoadBook book, FlowDemand flow) =>
        flow.Eligible.Count > 0
            ? flow.Eligible.Count(n => book.IsLive(n) && flow.Excluded?.Contains(n) != true)
            : book.Count - (flow.Excluded?.Count(book.IsLive) ?? 0);

    private bool Balanced(LoadBook book)
    {
        double mean = book.MeanUtilisation;
        return mean <= 0 || book.Nodes.All(n => book.Utilisation(n.Node) <= (1 + epsilon) * mean);
    }

    /// <summary>
    /// The node with the lowest score, ties to the smallest id: one pass, and for a flow pinned to a few nodes only
    /// over those (a fleet of thousands places every orphan in time proportional to its candidates, not the fleet).
    /// </summary>
    private static string? Best(LoadBook book, FlowDemand flow, string? exclude)
    {
        IEnumerable<NodeCapacity> candidates = flow.Eligible.Count > 0 && flow.Eligible.Count < book.Count
            ? flow.Eligible.Where(book.IsLive).Select(n => book[n])
            : book.Nodes;
        string? best = null;
        double bestScore = double.PositiveInfinity;
        foreach (NodeCapacity node in candidates)
        {
            if (node.Node == exclude || !flow.CanRunOn(node.Node) || !book.HasRoom(node.Node))
            {
                continue;
            }

            double score = Score(book, node, flow);
            if (best is null || score < bestScore || (score == bestScore && string.CompareOrdinal(node.Node, best) < 0))
            {
                best = node.Node;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The most utilised node, ties to the smallest id.</summary>
    private static string Hottest(LoadBook book)
    {
        string? hottest = null;
        double most = double.NegativeInfinity;
        foreach (NodeCapacity node in book.Nodes)
        {
            double utilisation = book.Utilisation(node.Node);
            if (hottest is null || utilisation > most || (utilisation == most && string.CompareOrdinal(node.Node, hottest) < 0))
            {
                hottest = node.Node;
                most = utilisation;
            }
        }

        return hottest!;
    }

    // Lower is better: utilisation after placing the flow, less a bonus for buffer room when a burst is coming.
    private static double Score(LoadBook book, NodeCapacity node, FlowDemand flow)
    {
        double score = book.UtilisationWith(node.Node, flow.Load);
        if (flow.BurstExpected)
        {
            score -= (node.PreExpanded ? 0.5 : 0) + (0.25 * node.Headroom);
        }

        return score;
    }
}
