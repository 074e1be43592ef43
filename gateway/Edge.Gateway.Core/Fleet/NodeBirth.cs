using Edge.Protocol;

namespace Edge.Gateway.Core.Fleet;

/// <summary>What a birth tells the fleet, copied out of the decoder's reused message for the fleet loop.</summary>
internal sealed record NodeBirth(string Node, long Session, long HeartbeatMs, int MaxFlows, long BufferCapacity, string Sources = "")
{
    public static NodeBirth From(BirthMessage birth) =>
        new(birth.Node, birth.Session, birth.HeartbeatMs, (int)birth.MaxFlows, birth.BufferCapacity, birth.Sources ?? "");
}
