namespace Edge.Bench.Ingest;

/// <summary>What one `bench ingest` invocation runs.</summary>
internal sealed record IngestOptions
{
    public IReadOnlyList<int> Nodes { get; init; } = [10, 100, 1000, 10_000];

    public IReadOnlyList<int> BatchSamples { get; init; } = [16, 256];

    public IReadOnlyList<string> Modes { get; init; } = IngestMode.All;

    /// <summary>Unconfirmed batches per node.</summary>
    public int Window { get; init; } = 16;

    public double WarmupSeconds { get; init; } = 3;

    /// <summary>Length of the saturated window, and of the paced one.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>The paced run's rate as a fraction of the saturated one.</summary>
    public double PacedFraction { get; init; } = 0.8;

    public bool Paced { get; init; } = true;

    public int Repeat { get; init; } = 1;

    /// <summary>Connections opened at a time while a run sets up.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    public static IngestOptions Quick => new()
    {
        Nodes = [10, 100], BatchSamples = [16], WarmupSeconds = 1, Seconds = 3,
    };
}
