namespace Edge.Gateway.Mqtt;

/// <summary>What the embedded broker did not keep because a <see cref="BrokerLimits"/> bound was reached; the host can export these.</summary>
internal sealed class BrokerCounters
{
    private long _droppedForConnected;
    private long _droppedWhileAway;
    private long _sessionsEvicted;

    /// <summary>Messages not queued for a connected client whose queue held <see cref="BrokerLimits.PendingPerClient"/>.</summary>
    public long DroppedForConnectedClients => Interlocked.Read(ref _droppedForConnected);

    /// <summary>QoS 1/2 messages not queued for an absent persistent session that held <see cref="BrokerLimits.QueuedWhileAway"/>.</summary>
    public long DroppedWhileAway => Interlocked.Read(ref _droppedWhileAway);

    /// <summary>Persistent sessions of absent clients deleted because more than <see cref="BrokerLimits.SessionsAway"/> were kept.</summary>
    public long SessionsEvicted => Interlocked.Read(ref _sessionsEvicted);

    public void DroppedForConnectedClient() => Interlocked.Increment(ref _droppedForConnected);

    public void DroppedForAbsentClient() => Interlocked.Increment(ref _droppedWhileAway);

    public void SessionEvicted() => Interlocked.Increment(ref _sessionsEvicted);
}
