namespace Edge.Bench.Fleet;

/// <summary>What one `bench fleet` invocation runs.</summary>
internal sealed record FleetBenchOptions
{
    public IReadOnlyList<int> Boards { get; init; } = [100, 1000, 5000, 10_000];

    /// <summary>embedded (MQTTnet in the gateway) or mosquitto, comma-separated.</summary>
    public IReadOnlyList<string> Brokers { get; init; } = ["embedded"];

    /// <summary>The measured steady window after the start-up.</summary>
    public double Seconds { get; init; } = 600;

    /// <summary>After every board is live, before the steady window: new heartbeat histories warm up.</summary>
    public double SettleSeconds { get; init; } = 10;

    /// <summary>Boards connecting at the same time during the start-up storm.</summary>
    public int Storm { get; init; } = 1000;

    public double PollSeconds { get; init; } = 2;

    /// <summary>
    /// How long the start-up may take before the steady window starts anyway (the row then says how many were not
    /// live); by default 120 s plus 1 s per 20 boards, at most 900 s.
    /// </summary>
    public double? StartupLimitSeconds { get; init; }

    public TimeSpan StartupLimit(int boards) => TimeSpan.FromSeconds(StartupLimitSeconds ?? Math.Min(900, 120 + (boards / 20.0)));
}
