namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Checks, window by window, what each node reports about itself against what the gateway measures: the arrivals
/// it claims must become committed samples of the flows it owns, growth of its buffer, or drops (conservation:
/// what came in went somewhere); its forecast must stay within reach of what its flows carried or any node can
/// carry; its telemetry must come about as often as its declared heartbeat; its values must stay within their
/// flows' history. A window in which the node's flows moved, its session changed, its telemetry had a gap or the
/// gateway shed reports (<see cref="ShedReports"/>: it was too busy to read them all) proves nothing and is skipped.
/// <see cref="PlausibilityOptions.Strikes"/> failed windows in a row quarantine it.
/// Not thread-safe: the fleet loop owns it.
/// </summary>
internal sealed class PlausibilityJudge(PlausibilityOptions options, double nodeCapacity, Func<string, OwnedFlows> owned, Func<string, long> outliers, Func<long> shed)
{
    // A peak the node's flows reached lately, forgotten by a tenth each window.
    private const double PeakDecay = 0.9;

    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool Enabled => options.Window > TimeSpan.Zero;

    /// <summary>
    /// A telemetry the registry applied for a live node. Returns the checks it failed when this telemetry closed a
    /// conclusive window (None: passed), or null when no window closed or the window proved nothing.
    /// </summary>
    public PlausibilityResult? Telemetry(NodeRecord node, NodeTelemetry t, long now)
    {
        if (!Enabled)
        {
            return null;
        }

        if (!_windows.TryGetValue(node.Node, out Window? w) || w.Session != t.Session)
        {
            _windows[node.Node] = Open(node.Node, t, now, w?.Peak ?? 0, w?.Strikes ?? 0);
            return null;
        }

        long dt = now - w.LastMs;
        w.Gap |= dt > MaxGapMs(node.HeartbeatMs);
        w.Arrivals += w.LastRate * dt / 1000.0;
        w.LastRate = t.Rate;
        w.LastMs = now;
        w.Messages++;
        w.ForecastMin = Math.Min(w.ForecastMin, t.Forecast);
        double seconds = (now - w.StartMs) / 1000.0;
        if (seconds < options.Window.TotalSeconds)
        {
            return null;
        }

        OwnedFlows end = owned(node.Node);
        long outliersNow = outliers(node.Node);
        Window next = Open(node.Node, t, now, w.Peak, w.Strikes, end, outliersNow);
        _windows[node.Node] = next;
        if (w.Gap || w.Shed != next.Shed || !end.SameFlowsAs(w.Owned))
        {
            return null;
        }

        long committed = end.Committed - w.Owned.Committed;
        double seen = committed + (t.BufferFill - w.Fill) + (t.Dropped - w.Dropped);
        double measured = committed / seconds;
        next.Peak = Math.Max(measured, w.Peak * PeakDecay);

        PlausibilityChecks failed = PlausibilityChecks.None;
        if (Math.Abs(w.Arrivals - seen) > Math.Max(options.SlackSamples, options.Tolerance * Math.Max(w.Arrivals, Math.Abs(seen))))
        {
            failed |= PlausibilityChecks.Arrivals;
        }

        if (w.ForecastMin > options.ForecastFactor * Math.Max(next.Peak, nodeCapacity))
        {
            failed |= PlausibilityChecks.Forecast;
        }

        double declared = seconds * 1000.0 / Math.Max(node.HeartbeatMs, 1);
        if (w.Messages > (options.HeartbeatFactor * declared) + 4)
        {
            failed |= PlausibilityChecks.Heartbeat;
        }

        if (outliersNow - w.Outliers > options.OutliersPerWindow)
        {
            failed |= PlausibilityChecks.Values;
        }

        next.Strikes = failed == PlausibilityChecks.None ? 0 : w.Strikes + 1;
        string detail = "reported " + Math.Round(w.Arrivals) + " arrivals, " + Math.Round(seen) + " seen; forecast at least "
            + Math.Round(w.ForecastMin, 1) + " (peak " + Math.Round(next.Peak, 1) + "/s); " + w.Messages + " reports in "
            + Math.Round(seconds) + " s; " + (outliersNow - w.Outliers) + " outlying values";
        return new PlausibilityResult(failed, next.Strikes, detail);
    }

    /// <summary>Starts the node's record again (a lifted quarantine, a forgotten node).</summary>
    public void Forget(string node) => _windows.Remove(node);

    // A node may leave telemetry out while data batches carry its heartbeat (every fourth period at most); a gap of
    // twice that means the gateway did not hear it (a full queue, a partition), and the window proves nothing.
    private static long MaxGapMs(long heartbeatMs) => Math.Max(8 * heartbeatMs, 5000);

    private Window Open(string node, NodeTelemetry t, long now, double peak, int strikes, OwnedFlows? flows = null, long? outliersNow = null) => new()
    {
        Session = t.Session,
        StartMs = now,
        LastMs = now,
        LastRate = t.Rate,
        ForecastMin = double.MaxValue,
        Owned = flows ?? owned(node),
        Fill = t.BufferFill,
        Dropped = t.Dropped,
        Outliers = outliersNow ?? outliers(node),
        Shed = shed(),
        Peak = peak,
        Strikes = strikes,
    };

    private sealed class Window
    {
        public long Session { get; init; }

        public long StartMs { get; init; }

        public long LastMs { get; set; }

        public double LastRate { get; set; }

        public double Arrivals { get; set; }

        public int Messages { get; set; }

        public double ForecastMin { get; set; }

        public bool Gap { get; set; }

        public OwnedFlows Owned { get; init; }

        public long Fill { get; init; }

        public long Dropped { get; init; }

        public long Outliers { get; init; }

        public long Shed { get; init; }

        public double Peak { get; set; }

        public int Strikes { get; set; }
    }
}

/// <summary>One closed window: what failed (None: nothing), the failures in a row so far, and the figures behind it.</summary>
internal sealed record PlausibilityResult(PlausibilityChecks Failed, int Strikes, string Detail);
