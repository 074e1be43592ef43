namespace Edge.Gateway.Core.Outbound;

/// <summary>What the gateway sends back to the fleet, and so how a newer message supersedes an unsent older one.</summary>
internal enum OutboundKind
{
    /// <summary>Retained flow/{flow}/owner: only the newest assignment of a flow counts.</summary>
    Owner,

    /// <summary>Cumulative ack to a node for one flow: the newest covers every older one.</summary>
    Ack,

    /// <summary>A resend request to a node for one flow: the newest position is the one to ask for.</summary>
    Resend,

    /// <summary>Any other command to a node (rebirth): one pending per node and command.</summary>
    Command,

    /// <summary>This gateway's retained state (primary or standby, token): the newest counts; sent whatever the role.</summary>
    State,

    /// <summary>Retained node/{node}/config carrying the fleet's model: only the newest per node counts.</summary>
    Config,
}
