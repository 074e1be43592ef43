namespace Edge.Gateway.Core.Detection;

/// <summary>
/// Holds suspicions while much of the fleet is silent at once. Independent deaths rarely come together; a broker,
/// an access point or a host that stalls silences every node behind it at the same moment. Failing all of those
/// over, onto the few still heard, and then asking each to rebirth when it speaks again turns a one-second hiccup
/// into a storm (issue 17: 16,478 false failovers in a 10,000-board start-up, every node late together because
/// the load generator's one timing thread was). Kubernetes' node lifecycle controller stops evicting from a zone
/// where most nodes are unhealthy for the same reason. A lone death among nodes still heard is declared as before,
/// the held suspects are declared as soon as the others are heard again, abrupt deaths come by their Wills, and
/// a silence that outlasts <see cref="CorrelatedSilenceOptions.MaxHold"/> is believed.
/// Owned by the fleet loop; <see cref="Episodes"/> is read from any thread.
/// </summary>
internal sealed class CorrelatedSilenceGuard(CorrelatedSilenceOptions options)
{
    private long _episodes;
    private long? _sinceMs;
    private bool _counted;
    private bool _believed;

    /// <summary>Times most of the fleet went silent at once while someone was suspected: suspicions held.</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>
    /// Whether this judgement's <paramref name="suspects"/> are held. A correlated silence is timed from the
    /// judgement that first found it; <paramref name="began"/> is set on the first that held a suspect in it (one
    /// episode), <paramref name="believed"/> on the first that found suspects after the hold ran out.
    /// </summary>
    public bool Holds(Silence silence, int suspects, long nowMs, out bool began, out bool believed)
    {
        began = false;
        believed = false;
        if (silence.Judged < options.MinNodes || silence.Uneasy < options.Fraction * silence.Judged)
        {
            _sinceMs = null;
            return false;
        }

        if (_sinceMs is not long since)
        {
            _sinceMs = since = nowMs;
            _counted = false;
            _believed = false;
        }

        if (nowMs - since >= (long)options.MaxHold.TotalMilliseconds)
        {
            believed = suspects > 0 && !_believed;
            _believed |= believed;
            return false;
        }

        if (suspects > 0 && !_counted)
        {
            _counted = true;
            began = true;
            Interlocked.Increment(ref _episodes);
        }

        return true;
    }
}
