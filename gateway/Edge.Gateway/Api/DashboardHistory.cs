using Edge.Gateway.Core.Queries;

namespace Edge.Gateway.Api;

/// <summary>
/// The dashboard's frames, built once a second whether or not a page is open, and the last five minutes of them
/// in the few numbers the charts draw, so a page opens with its history (GET /api/history) instead of an empty
/// chart. Every open stream sends the same latest frame rather than building its own. Bounded: a fixed number of
/// points, each with at most <see cref="NodesPerPoint"/> of the nodes then live and <see cref="FlowsPerPoint"/> of the
/// flows their owners reported (the per-flow forecast vs arrivals chart).
/// </summary>
internal sealed class DashboardHistory(GatewayQueries queries, DashboardStreams streams, TimeProvider clock) : BackgroundService
{
    public const int Points = 300;

    /// <summary>Live nodes one point keeps at most (the forecast vs arrivals chart's choice).</summary>
    public const int NodesPerPoint = 32;

    /// <summary>Flows one point keeps at most (the per-flow chart's choice): pre-expanded first, then the busiest.</summary>
    public const int FlowsPerPoint = 32;

    private readonly Lock _gate = new();
    private readonly Queue<HistoryPoint> _points = new(Points);
    private DashboardSnapshot? _latest;

    public DashboardSnapshot? Latest => Volatile.Read(ref _latest);

    public IReadOnlyList<HistoryPoint> Snapshot()
    {
        lock (_gate)
        {
            return [.. _points];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        do
        {
            DashboardSnapshot frame = await queries.DashboardAsync(streams.Open, stoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _latest, frame);
            Record(frame);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Record(DashboardSnapshot frame)
    {
        // A large fleet keeps the nodes with something to show (pre-expanded first, then the busiest), so five
        // minutes of history stay a few hundred kilobytes however many nodes there are.
        var nodes = frame.Fleet.Nodes.Where(n => n.State != "dead")
            .OrderByDescending(n => n.PreExpanded).ThenByDescending(n => n.Rate).Take(NodesPerPoint)
            .OrderBy(n => n.Node, StringComparer.Ordinal)
            .Select(n => new NodePoint(n.Node, n.Rate, n.Forecast, n.BufferCapacity, n.PreExpanded)).ToList();
        var flows = frame.Flows.Where(f => f.Lane is not null)
            .OrderByDescending(f => f.Lane!.PreExpanded).ThenByDescending(f => f.Lane!.Rate).ThenBy(f => f.Flow).Take(FlowsPerPoint)
            .OrderBy(f => f.Flow)
            .Select(f => new FlowPoint(f.Flow, f.Lane!.Node, f.Lane.Rate, f.Lane.Forecast, f.Lane.Share, f.Lane.PreExpanded)).ToList();
        var point = new HistoryPoint(frame.TimeMs, frame.Rollup?.Count ?? 0, frame.Fleet.ForecastLoad, frame.Fleet.FleetCapacity, nodes, flows);
        lock (_gate)
        {
            if (_points.Count == Points)
            {
                _points.Dequeue();
            }

            _points.Enqueue(point);
        }
    }
}

/// <summary>
/// One second of the charts: committed samples, forecast load and fleet capacity, each live node's arrivals, forecast
/// and buffer, and each reported flow's arrivals and forecast on the node serving it.
/// </summary>
internal sealed record HistoryPoint(
    long TimeMs, long Committed, double ForecastLoad, double FleetCapacity, IReadOnlyList<NodePoint> Nodes, IReadOnlyList<FlowPoint> Flows);

/// <summary>A live node in one second: arrivals per second, the upper bound it sized for, its buffer capacity in samples, pre-expanded or not.</summary>
internal sealed record NodePoint(string Node, double Rate, double Forecast, long Capacity, bool PreExpanded);

/// <summary>
/// A flow in one second, as its owner's lane reported it: arrivals per second, the upper bound its lane sized for,
/// its share of the owner's buffer in samples, and whether that share grew ahead of a burst.
/// </summary>
internal sealed record FlowPoint(int Flow, string Node, double Rate, double Forecast, long Share, bool PreExpanded);
