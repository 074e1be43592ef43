namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// What the embedded broker enforces: who may connect (<see cref="Credentials"/>; anonymous clients only when
/// <see cref="AllowAnonymous"/>, which the host sets only for a loopback-only broker), what each may publish and
/// subscribe (<see cref="Acl"/>), and the per-client limits (<see cref="MaxPublishPerSecond"/>, payload size, <see cref="MaxSubscriptionsPerNode"/>).
/// </summary>
internal sealed record BrokerSecurity(NodeCredentials Credentials, TopicAcl Acl, bool AllowAnonymous)
{
    /// <summary>Sustained publishes per second one node or dashboard client may send; beyond it they are dropped and counted.</summary>
    public double MaxPublishPerSecond { get; init; } = 500;

    /// <summary>Publishes a client may send at once above the sustained rate (a node replaying its buffer after an outage).</summary>
    public double PublishBurst { get; init; } = 2000;

    /// <summary>Distinct filters one node may hold: it needs three (its inbox, flow owners, gateway states).</summary>
    public int MaxSubscriptionsPerNode { get; init; } = 64;

    /// <summary>
    /// Distinct filters one dashboard or local client may hold: room for Home Assistant's per-entity subscriptions
    /// across a large fleet, and still a bound.
    /// </summary>
    public int MaxSubscriptionsPerClient { get; init; } = 100_000;

    /// <summary>Largest payload a non-gateway client may publish: the protocol's limit for every edge/v1 payload.</summary>
    public int MaxPayloadBytes { get; init; } = Edge.Protocol.ProtocolLimits.MaxPayloadBytes;

    /// <summary>The credentials file, read again when an unknown username connects after it changed (`nodes add` while running).</summary>
    public string? CredentialsPath { get; init; }

    /// <summary>One line for the startup log: which mode the broker runs in.</summary>
    public string Describe() => AllowAnonymous
        ? "loopback only: anonymous local clients allowed; " + Credentials.Count + " credentials checked when given; topic ACL for authenticated clients"
        : "authenticated: anonymous refused; " + Credentials.Count + " credentials; topic ACL enforced";
}
