namespace Edge.Gateway.Core.Ports;

/// <summary>
/// One term of leadership won by this gateway: the fencing token (the etcd election revision; 0 for a single
/// gateway) and when it began (ms since the epoch).
/// </summary>
internal sealed record LeaderTerm(long Token, long SinceMs);
