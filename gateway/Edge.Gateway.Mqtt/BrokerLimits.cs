namespace Edge.Gateway.Mqtt;

/// <summary>
/// What the embedded broker keeps for its clients, each bound counted when reached (<see cref="BrokerCounters"/>)
/// and listed in gateway/README.md. Anyone on the network can open a persistent session and walk away, so what
/// the broker holds for absent clients is bounded twice: per session and in the number of such sessions.
/// </summary>
internal sealed record BrokerLimits
{
    public static readonly BrokerLimits Default = new();

    /// <summary>
    /// Messages waiting to be written to one connected client. Large on purpose: the gateway's own inbox stops
    /// reading while ingest is full and the broker holds node data meanwhile; beyond it new messages are dropped.
    /// </summary>
    public int PendingPerClient { get; init; } = 100_000;

    /// <summary>QoS 1/2 messages kept for one persistent session while its client is away (Mosquitto's default max_queued_messages).</summary>
    public int QueuedWhileAway { get; init; } = 1000;

    /// <summary>Persistent sessions kept for clients that are away; beyond it the session away longest is deleted.</summary>
    public int SessionsAway { get; init; } = 100;
}
