namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// How far a birth or state may move a node's session. Sessions only grow, so one message with a huge session
/// (4294967295) would make every later message of the real node stale: locked out for good. Nodes take their
/// session from a counter (+1 per connect) or, without a stored one, from the seconds since 2020-01-01
/// (firmware FlashSessionStore), so a genuine session is never beyond both the known one plus
/// <see cref="MaxStep"/> and the seconds since 2020 now plus a day of clock error.
/// </summary>
internal static class SessionBound
{
    public const long MaxStep = 10_000;
    private const long Epoch2020Seconds = 1_577_836_800;
    private const long ClockSlackSeconds = 86_400;

    public static bool Allows(long? known, long session, long nowMs)
    {
        long clockCeiling = (nowMs / 1000) - Epoch2020Seconds + ClockSlackSeconds;
        long stepCeiling = known is long k ? k + MaxStep : MaxStep;
        return session <= Math.Max(clockCeiling, stepCeiling);
    }
}
