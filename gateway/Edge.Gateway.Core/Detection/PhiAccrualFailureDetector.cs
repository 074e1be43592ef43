namespace Edge.Gateway.Core.Detection;

/// <summary>
/// Phi accrual failure detection (Hayashibara et al., 2004): phi = -log10(1 - F(time since last heartbeat)),
/// F the normal distribution fitted to recent intervals (with Akka's logistic approximation). Instead of a
/// fixed timeout, suspicion grows with silence relative to how regular this node's heartbeats have been.
/// Not thread-safe: the fleet loop owns it.
/// </summary>
internal sealed class PhiAccrualFailureDetector(PhiAccrualOptions options)
{
    private readonly Dictionary<string, HeartbeatHistory> _nodes = new(StringComparer.Ordinal);

    public PhiAccrualOptions Options => options;

    /// <summary>Starts (or restarts, for a new session) tracking a node that announced its heartbeat period.</summary>
    public void Watch(string node, long heartbeatMs, long nowMs) => _nodes[node] = new HeartbeatHistory(options.WindowSize, heartbeatMs, nowMs);

    /// <summary>
    /// A heartbeat as it reached the gateway. One stamped before the history's last event (it waited in a queue
    /// while the node was born again, or while silence was excused) says nothing new and is ignored.
    /// </summary>
    public void Heartbeat(string node, long nowMs)
    {
        if (_nodes.TryGetValue(node, out var history) && nowMs >= history.LastMs)
        {
            history.Heartbeat(nowMs);
        }
    }

    /// <summary>
    /// The gateway could not listen until <paramref name="nowMs"/> (its inbound queue was full): silence up to now
    /// is not the nodes' doing, so every node's silence counts from now. No interval is recorded, so the learned
    /// distribution is not stretched by the gateway's own stall.
    /// </summary>
    public void Excuse(long nowMs)
    {
        foreach (HeartbeatHistory history in _nodes.Values)
        {
            history.Excuse(nowMs);
        }
    }

    public void Forget(string node) => _nodes.Remove(node);

    /// <summary>How long since the node's last heartbeat (or since silence was last excused); 0 when not watched.</summary>
    public long SilentFor(string node, long nowMs) => _nodes.TryGetValue(node, out var history) ? nowMs - history.LastMs : 0;

    public double Phi(string node, long nowMs) => _nodes.TryGetValue(node, out var history) ? Phi(history, nowMs) : 0;

    /// <summary>Watched nodes whose phi is at or above the threshold now.</summary>
    public IReadOnlyList<string> Suspects(long nowMs)
    {
        var suspects = new List<string>();
        Judge(nowMs, suspects, double.PositiveInfinity);
        return suspects;
    }

    /// <summary>
    /// One pass over the watched nodes: those at or above the threshold go into <paramref name="suspects"/>, and the
    /// fleet's silence is counted among the nodes past their warm-up: uneasy are those silent for at least
    /// <paramref name="uneasyIntervals"/> of their own mean intervals. Not phi: a stall of everything behind the
    /// gateway silences every node alike, but only the nodes with the narrowest learned spread (the newest, which
    /// have not lived through a start-up's jitter) reach a high phi, so phi would see a group of nodes die at one
    /// tick where a plain count of missed heartbeats sees the whole fleet fall silent.
    /// </summary>
    public Silence Judge(long nowMs, List<string> suspects, double uneasyIntervals)
    {
        int uneasy = 0;
        int judged = 0;
        foreach ((string node, HeartbeatHistory history) in _nodes)
        {
            if (Phi(history, nowMs) >= options.Threshold)
            {
                suspects.Add(node);
            }

            if (history.Received >= options.WarmupHeartbeats)
            {
                judged++;
                uneasy += nowMs - history.LastMs >= uneasyIntervals * history.Mean ? 1 : 0;
            }
        }

        return new Silence(uneasy, judged);
    }

    private double Phi(HeartbeatHistory history, long nowMs)
    {
        double elapsed = nowMs - history.LastMs;
        double warmup = history.Received < options.WarmupHeartbeats ? options.WarmupPauseMs : 0;
        double mean = history.Mean + options.AcceptablePauseMs + warmup;
        double std = Math.Max(history.StdDev, options.MinStdDevMs);
        double y = (elapsed - mean) / std;
        double exponent = -y * (1.5976 + (0.070566 * y * y));
        if (elapsed > mean)
        {
            // -log10(e / (1 + e)) in log space: e underflows to 0 after a long silence, and phi must stay finite
            // (it is shown on /api/fleet, and JSON has no infinity).
            return (-exponent + Math.Log(1.0 + Math.Exp(exponent))) / Math.Log(10.0);
        }

        double e = Math.Exp(exponent);
        return -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }
}
