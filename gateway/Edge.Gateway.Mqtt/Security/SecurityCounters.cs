namespace Edge.Gateway.Mqtt.Security;

/// <summary>What the broker refused, by reason; read by tests and exported by the host.</summary>
internal sealed class SecurityCounters
{
    private long _badCredentials;
    private long _anonymousRefused;
    private long _clientIdRefused;
    private long _publishDenied;
    private long _subscribeDenied;
    private long _throttled;
    private long _oversize;
    private long _oversizePackets;
    private long _retainDenied;
    private long _subscriptionsOverQuota;

    public long BadCredentials => Interlocked.Read(ref _badCredentials);

    public long AnonymousRefused => Interlocked.Read(ref _anonymousRefused);

    public long ClientIdRefused => Interlocked.Read(ref _clientIdRefused);

    public long PublishDenied => Interlocked.Read(ref _publishDenied);

    public long SubscribeDenied => Interlocked.Read(ref _subscribeDenied);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long Oversize => Interlocked.Read(ref _oversize);

    /// <summary>Connections closed because a packet's header declared more than <see cref="PacketLimit.MaxPacketBytes"/> (before it was read).</summary>
    public long OversizePackets => Interlocked.Read(ref _oversizePackets);

    public long RetainDenied => Interlocked.Read(ref _retainDenied);

    /// <summary>Subscriptions refused because the client held its limit of distinct filters already.</summary>
    public long SubscriptionsOverQuota => Interlocked.Read(ref _subscriptionsOverQuota);

    public void BadCredential() => Interlocked.Increment(ref _badCredentials);

    public void AnonymousRefusal() => Interlocked.Increment(ref _anonymousRefused);

    public void ClientIdRefusal() => Interlocked.Increment(ref _clientIdRefused);

    public void PublishDenial() => Interlocked.Increment(ref _publishDenied);

    public void SubscribeDenial() => Interlocked.Increment(ref _subscribeDenied);

    public void Throttle() => Interlocked.Increment(ref _throttled);

    public void OversizePublish() => Interlocked.Increment(ref _oversize);

    public void OversizePacket() => Interlocked.Increment(ref _oversizePackets);

    public void RetainDenial() => Interlocked.Increment(ref _retainDenied);

    public void SubscriptionOverQuota() => Interlocked.Increment(ref _subscriptionsOverQuota);
}
