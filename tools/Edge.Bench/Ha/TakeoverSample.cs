namespace Edge.Bench.Ha;

/// <summary>
/// One leader failure and its takeover, from the old leader's last ack to the new leader's first, split into: idle
/// (last ack to the failure: nothing was waiting), detection and election (the failure to etcd naming the next
/// leader: the lease running out), claim and reload (the store), announce (owners and state queued), and resend
/// (the state reaching the nodes, their resends committed and the first ack out).
/// </summary>
internal sealed record TakeoverSample(
    string Kind, string OldLeader, string NewLeader, long OldToken, long NewToken, double TakeoverMs, double IdleMs, double ElectionMs,
    double ClaimMs, double ReloadMs, double AnnounceMs, double ResendMs, bool OldLeaderStoodDown);
