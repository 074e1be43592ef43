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

    /// <summary>
    /// Open a lost connection again after the node agent's back-off, as a board does (`bench fleet`). Off for the
    /// ingest runs, whose nodes would resume mid-window: there a lost connection stays lost and is reported.
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>Subscribe to every flow's owner as docs/PROTOCOL.md says a node does (else only to its own flow's).</summary>
    public bool AllOwners { get; init; }
}
