namespace Edge.Gateway.Core.Events;

/// <summary>Something an operator wants in a timeline: a birth, a death, a rejection, a resend request.</summary>
internal sealed record GatewayEvent(long TimeMs, string Kind, string Node, string Detail);
