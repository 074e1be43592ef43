namespace Edge.Gateway.Core.Ports;

/// <summary>The site's primary as this gateway last saw it (itself or a peer): who, with which token, since when.</summary>
internal sealed record KnownLeader(string Gateway, long Token, long SinceMs);
