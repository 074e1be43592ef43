using Edge.Gateway.Core.Fleet;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Label values of rejected{reason}: the protocol's decode errors plus what only the gateway can judge. Stable
/// snake_case strings because dashboards and alert rules match on them.
/// </summary>
internal static class RejectReasons
{
    public const string UnknownFlow = "unknown_flow";
    public const string NoSession = "no_session";
    public const string StaleSession = "stale_session";
    public const string NotEligible = "not_eligible";
    public const string HoldFull = "hold_full";
    public const string NodeMismatch = "node_mismatch";
    public const string NotOwner = "not_owner";
    public const string HeldExpired = "held_expired";

    /// <summary>A heartbeat's lane report that broke its rules: dropped, while the heartbeat itself counts.</summary>
    public const string BadLanes = "bad_lanes";

    public static string Of(ProtocolError error) => ProtocolErrors.Name(error);

    /// <summary>Null when the registry says the data's session is the node's current one.</summary>
    public static string? OfSession(SessionUpdate check) => check switch
    {
        SessionUpdate.Applied => null,
        SessionUpdate.Stale => StaleSession,
        _ => NoSession,
    };
}
