namespace Edge.Gateway.Core.Detection;

/// <summary>When silence is taken to be the fleet's surroundings rather than its nodes (<see cref="CorrelatedSilenceGuard"/>).</summary>
internal sealed record CorrelatedSilenceOptions
{
    /// <summary>
    /// Share of the judged nodes silent at once (see <see cref="UneasyIntervals"/>) at which silence counts as
    /// correlated. Kubernetes' node lifecycle controller calls a zone disrupted at 55 % unhealthy; a half is the point
    /// past which failing over leaves fewer nodes carrying the fleet than were lost.
    /// </summary>
    public double Fraction { get; init; } = 0.5;

    /// <summary>Once begun, a correlated silence lasts until fewer than this share of the judged nodes are silent.</summary>
    public double EndFraction { get; init; } = 0.25;

    /// <summary>
    /// A node counts as silent once it has missed this many of its own mean intervals: two is a heartbeat missed
    /// outright, which a healthy node on a quiet network rarely does, and which every node behind a stall does.
    /// </summary>
    public double UneasyIntervals { get; init; } = 2;

    /// <summary>Below this many judged nodes a share means little (two of three), and every suspicion is acted on.</summary>
    public int MinNodes { get; init; } = 10;

    /// <summary>
    /// A held suspect silent this long since its own last heartbeat is believed and declared dead (a node that
    /// really hung while the fleet was disturbed). Abrupt deaths do not wait for it; their Wills act at once.
    /// </summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromSeconds(10);
}
