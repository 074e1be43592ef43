namespace Edge.Gateway.Core.Detection;

/// <summary>
/// Defaults for a lab fleet heartbeating every 250 ms: with threshold 8 a node is suspected about 1.1 s after its
/// last heartbeat (mean interval + 5.6 standard deviations, the deviation floored at 150 ms), so a silent death is
/// found within 1.1 s of the kill at worst, while a heartbeat 800 ms late is still no suspicion. Akka and
/// Cassandra use threshold 8 too; Akka's 1 s heartbeat and 3 s acceptable pause suit a WAN, not this bound.
/// </summary>
internal sealed record PhiAccrualOptions
{
    public double Threshold { get; init; } = 8.0;

    public int WindowSize { get; init; } = 100;

    public double MinStdDevMs { get; init; } = 150;

    /// <summary>Extra pause tolerated on top of the learned distribution (GC, a busy broker).</summary>
    public double AcceptablePauseMs { get; init; }

    /// <summary>
    /// Until a node has sent this many heartbeats its history is mostly the seed, and the gateway and node are
    /// often still starting (JIT, thread pool growth): WarmupPauseMs more is tolerated then. A node that dies
    /// right after its birth is still found within about three seconds; its Will finds an abrupt death at once.
    /// </summary>
    public int WarmupHeartbeats { get; init; } = 4;

    public double WarmupPauseMs { get; init; } = 2000;
}
