namespace Edge.Gateway.Core.Ingest;

/// <summary>How ingest queues, reorders and asks for resends; docs/ARCHITECTURE.md explains the defaults.</summary>
internal sealed class IngestOptions
{
    /// <summary>Messages received but not yet processed; a full queue makes the MQTT client stop reading.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Batches held per flow while waiting for a gap to fill; past this the node's resend covers them.</summary>
    public int MaxHeldBatchesPerFlow { get; set; } = 64;

    /// <summary>
    /// How long a batch may wait behind a gap: past it, it is dropped unacknowledged and counted (held_expired), so a
    /// node cannot make the gateway remember gaps for ever. Fifteen resend requests' worth.
    /// </summary>
    public TimeSpan HeldExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a gap may stay open before the node is asked (again) to resend from the committed sequence.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(2);
}
