using Edge.Protocol;

namespace Edge.Bench.Load;

/// <summary>How every logical node of one run behaves.</summary>
internal sealed record LoadSettings
{
    public string Site { get; init; } = "lab";

    /// <summary>Samples per data batch.</summary>
    public int BatchSamples { get; init; } = 16;

    /// <summary>Unconfirmed batches a node may have at a time.</summary>
    public int Window { get; init; } = 16;

    public long HeartbeatMs { get; init; } = ConfigMessage.DefaultHeartbeatMs;

    /// <summary>Publish only, to the anchor broker: no Will, no subscriptions, no birth, no heartbeats.</summary>
    public bool Anchor { get; init; }

    /// <summary>Subscribe to every flow's owner as docs/PROTOCOL.md says a node does (else only to its own flow's).</summary>
    public bool AllOwners { get; init; }
}
