namespace Edge.Gateway.Core.Ports;

/// <summary>
/// One takeover, step by step: when the election said this gateway won (ms since the epoch), then how long claiming
/// the store (which waits for an old leader's commit in flight), reloading the watermarks and announcing the owners
/// and the primary state took.
/// </summary>
internal sealed record TakeoverTimings(long ElectedAtMs, double ClaimMs, double ReloadMs, double AnnounceMs, long Token);
