namespace Edge.Gateway.Core.Ingest;

/// <summary>What the gateway knows about one node; a snapshot copy is what the REST API returns.</summary>
internal sealed record NodeSession
{
    public required string Node { get; init; }

    public long Session { get; init; }

    public bool Online { get; init; }

    public long LastSeenMs { get; init; }

    public long HeartbeatMs { get; init; }

    public long BufferFill { get; init; }

    public long BufferCapacity { get; init; }

    public double Rate { get; init; }

    public double Forecast { get; init; }

    public long Unacked { get; init; }
}
