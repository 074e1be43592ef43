using Edge.Gateway.Core.Ports;

namespace Edge.Gateway.Core.Queries;

/// <summary>
/// Who leads the site, as this gateway knows it (in /api/fleet and on the dashboard): the leader's id, token and
/// since when; this gateway's own id, role (leader, standby or refused, with why) and election mode; and the
/// timings of its last takeover; when it published acks, per term.
/// </summary>
internal sealed record LeaderView(
    string? Leader, long Token, long SinceMs, string Gateway, string Role, string Mode, string? Refusal, long Changes, TakeoverTimings? LastTakeover,
    IReadOnlyList<AckWindow> Acks)
{
    public static LeaderView Of(Leadership leadership)
    {
        KnownLeader? leader = leadership.Leader;
        return new LeaderView(leader?.Gateway, leader?.Token ?? 0, leader?.SinceMs ?? 0, leadership.Gateway, leadership.Role, leadership.Mode,
            leadership.Refusal, leadership.Changes, leadership.LastTakeover, leadership.AckWindows());
    }
}
