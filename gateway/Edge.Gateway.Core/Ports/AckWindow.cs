using System.Text.Json.Serialization;

namespace Edge.Gateway.Core.Ports;

/// <summary>The acks one gateway published in one term of leadership (token -1: after the term had ended).</summary>
internal sealed record AckWindow(long Token, [property: JsonIgnore] LeaderTerm? Term, long FirstMs, long LastMs, long Count);
