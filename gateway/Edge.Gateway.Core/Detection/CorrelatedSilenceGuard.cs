namespace Edge.Gateway.Core.Detection;

/// <summary>
/// Holds suspicions while much of the fleet is silent at once. Independent deaths rarely come together; a broker,
/// an access point or a host that stalls silences every node behind it at the same moment. Failing all of those
/// over, onto the few still heard, and then asking each to rebirth when it speaks again turns a one-second hiccup
/// into a storm (issue 17: a 10,000-board start-up had 16,478 false failovers, up to 7,361 nodes suspected at once,
/// while the load generator's one timing thread ran 1.3 s late). Kubernetes' node lifecycle controller stops evicting from a zone
/// where most nodes are unhealthy for the same reason. A lone death among nodes still heard is declared as before;
/// when the others are heard again, the silence of those still silent counts from then (a stall ends in turns, and
/// its last nodes are heard a moment after the rest), so a node that stays silent is declared one detection bound
/// later; abrupt deaths come by their Wills, and a node silent for <see cref="CorrelatedSilenceOptions.MaxHold"/>
/// on its own is believed.
/// Owned by the fleet loop; <see cref="Episodes"/> is read from any thread.
/// </summary>
internal sealed class CorrelatedSilenceGuard(CorrelatedSilenceOptions options)
{
    private long _episodes;
    private bool _correlated;
    private bool _counted;

    /// <summary>Times most of the fleet went silent at once while someone was suspected: suspicions held.</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>
    /// Whether this judgement's <paramref name="suspects"/> are held (but see <see cref="Believed"/>).
    /// <paramref name="began"/> is set on the first judgement of a correlated silence that held a suspect: one episode.
    /// <paramref name="ended"/> is set on the first judgement after a correlated silence: the fleet is heard again.
    /// </summary>
    public bool Holds(Silence silence, int suspects, out bool began, out bool ended)
    {
        began = false;
        // Begun at half, ended below a quarter: a stall's tail, as nodes come back in turns, wavers around the half,
        // and ending there released thousands of suspects at once (issue 17: 2,927 in one judgement at 46 % silent).
        double share = _correlated ? options.EndFraction : options.Fraction;
        bool correlated = silence.Judged >= options.MinNodes && silence.Uneasy >= share * silence.Judged;
        if (correlated && !_correlated)
        {
            _counted = false;
        }

        ended = _correlated && !correlated;
        _correlated = correlated;
        if (correlated && suspects > 0 && !_counted)
        {
            _counted = true;
            began = true;
            Interlocked.Increment(ref _episodes);
        }

        return correlated;
    }

    /// <summary>
    /// A held suspect silent this long on its own is believed dead however the rest of the fleet fares: a fleet
    /// that stays disturbed (late in turns, never all heard at once) must not hide a node that really hung.
    /// </summary>
    public bool Believed(long silentMs) => silentMs >= (long)options.MaxHold.TotalMilliseconds;
}
