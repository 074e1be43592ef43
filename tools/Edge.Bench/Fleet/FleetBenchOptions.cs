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
}
