using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Failover;

/// <summary>Which flows need an owner, and the balancer's view of flows and nodes.</summary>
internal sealed partial class FleetSupervisor
{
    private const long ForecastWarmupMs = 10_000;

    /// <summary>Flows with no live owner (and not waiting on a flush) get one now.</summary>
    private void PlaceOrphans(long now, List<(string, byte[], bool)> outbox)
    {
        var current = LiveOwners();
        var demands = Demands();
        var orphans = demands.Where(d => !current.ContainsKey(d.Flow) && !_moves.Any(m => m.Flow == d.Flow)).ToList();
        if (orphans.Count == 0 || _live.Count == 0 || now < _placeAfterMs)
        {
            return;
        }

        var placed = Place(demands, current, now);
        foreach (var flow in orphans)
        {
            if (placed.TryGetValue(flow.Flow, out string? node))
            {
                Assign(flow.Flow, node, now, outbox);
                Reassignments++;
            }
        }
    }

    /// <summary>Voluntary moves: what the balancer changes among flows whose owner is alive, in two phases.</summary>
    private void Rebalance(long now, List<(string, byte[], bool)> outbox)
    {
        Rebalances++;
        MeasureRates(now);
        var current = LiveOwners();
        var placed = Place(Demands(), current, now);
        foreach (var (flow, target) in placed)
        {
            if (current.TryGetValue(flow, out string? owner) && owner != target && !_moves.Any(m => m.Flow == flow))
            {
                Assign(flow, "", now, outbox);
                _moves.Add(new PlannedMove(flow, owner, target, now + (long)options.HandoverFlush.TotalMilliseconds));
                VoluntaryMoves++;
                events.Add("rebalance", owner, "flow " + flow + " to " + target);
            }
        }

        PlaceOrphans(now, outbox);
    }

    private void CompleteMoves(long now, List<(string, byte[], bool)> outbox)
    {
        foreach (var move in _moves.Where(m => m.DueMs <= now).ToList())
        {
            _moves.Remove(move);
            if (_live.ContainsKey(move.Target))
            {
                Assign(move.Flow, move.Target, now, outbox);
            }
        }

        PlaceOrphans(now, outbox);
    }

    /// <summary>Balancer placement over nodes out of their flap hold-down (all live nodes when none are).</summary>
    private IReadOnlyDictionary<int, string> Place(IReadOnlyList<FlowDemand> demands, IReadOnlyDictionary<int, string> current, long now)
    {
        var steady = _live.Values.Where(n => !InHoldDown(n, now)).ToList();
        var pool = steady.Count > 0 ? steady : [.. _live.Values];
        var nodes = pool.Select(n => new NodeCapacity(n.Node, options.NodeCapacity, n.Headroom, n.PreExpanded, n.MaxFlows)).ToList();
        return balancer.Assign(demands, nodes, current);
    }

    private bool InHoldDown(LiveNode node, long now) =>
        _lastDeathMs.TryGetValue(node.Node, out long died) && now - died <= options.FlapWindow.TotalMilliseconds
        && now - node.JoinedMs < options.FlapHoldDown.TotalMilliseconds;

    private Dictionary<int, string> LiveOwners() =>
        _owners.Values.Where(o => _live.ContainsKey(o.Node)).ToDictionary(o => o.Flow, o => o.Node);

    private List<FlowDemand> Demands()
    {
        var demands = new List<FlowDemand>();
        double total = 0;
        foreach (FlowDefinition flow in gateway.Flows.All)
        {
            double load = flow.Weight * Math.Max(_load.GetValueOrDefault(flow.Id), 1.0);
            bool burst = _owners.TryGetValue(flow.Id, out var owner) && _live.TryGetValue(owner.Node, out var node) && node.Alarm;
            demands.Add(new FlowDemand(flow.Id, load, burst, flow.EligibleNodes));
            total += load;
        }

        // A node's own forecast is an upper bound that is wide until its predictor has seen some steps; count it
        // once the node has been up a while, so a fleet restart does not ask for nodes it will not need.
        long now = Now;
        double forecasts = _live.Values.Where(n => now - n.JoinedMs >= ForecastWarmupMs).Sum(n => n.Forecast);
        ForecastLoad = Math.Max(total, forecasts);
        return demands;
    }

    private void MeasureRates(long now)
    {
        foreach (FlowDefinition flow in gateway.Flows.All)
        {
            long count = sequences.Find(flow.Id)?.CommittedCount ?? 0;
            if (_rates.TryGetValue(flow.Id, out var last) && now > last.AtMs)
            {
                _load[flow.Id] = (count - last.Count) * 1000.0 / (now - last.AtMs);
            }

            _rates[flow.Id] = (count, now);
        }
    }
}
