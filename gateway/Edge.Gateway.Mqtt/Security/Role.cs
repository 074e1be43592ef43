namespace Edge.Gateway.Mqtt.Security;

/// <summary>Who a broker client is, as far as the topic ACL is concerned (docs/PROTOCOL.md, section 1.1).</summary>
internal enum Role
{
    /// <summary>A board: publishes only under its own node/{id}/..., reads its own leaves, owners and gateway states.</summary>
    Node,

    /// <summary>The gateway's own clients ({gateway}-in, {gateway}-out): every topic.</summary>
    Gateway,

    /// <summary>A dashboard or monitoring tool: reads the site's topics, publishes nothing.</summary>
    Dashboard,

    /// <summary>A client without credentials, let in only while the broker listens on loopback alone.</summary>
    LocalAnonymous,
}
