using Edge.Protocol;

namespace Edge.Gateway.Core.Ports;

/// <summary>
/// This gateway's role, read by every loop that acts on the site's behalf: ingest takes data, the store commits,
/// the outbox sends acks, owners and commands, placement assigns flows and the sink pumps replay dead letters
/// only while <see cref="IsLeader"/>. A term counts only from the moment the gateway finished taking over
/// (claimed the store, reloaded the watermarks) and only while the election says it still holds. Also keeps what
/// the gateway knows of the site's leader (itself, or a peer's retained state) for the fleet view. Thread-safe.
/// </summary>
internal sealed class Leadership(string gateway, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private volatile LeaderTerm? _term;
    private Func<LeaderTerm, bool> _holds = _ => true;
    private readonly LinkedList<AckWindow> _acks = new();
    private KnownLeader? _peer;
    private long _changes;

    /// <summary>Peer gateway states as they arrive (the single-mode guard listens).</summary>
    public event Action<string, bool, bool, long, long>? PeerState;

    public string Gateway => gateway;

    public string Mode { get; private set; } = "single";

    /// <summary>True while this gateway is the site's primary and its term still holds.</summary>
    public bool IsLeader => _term is { } term && _holds(term);

    /// <summary>The term this gateway won last, held or not: its token fences the commits it makes.</summary>
    public LeaderTerm? Term => _term;

    public long Token => _term?.Token ?? 0;

    /// <summary>Why this gateway refuses to act as primary (the single-mode guard), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Terms begun and ended on this gateway (the leader-change alert counts them).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public string Role => IsLeader ? "leader" : Refusal is not null ? "refused" : "standby";

    /// <summary>The site's leader as far as this gateway knows: itself while it leads, else the newest peer primary.</summary>
    public KnownLeader? Leader
    {
        get
        {
            if (_term is { } term && IsLeader)
            {
                return new KnownLeader(gateway, term.Token, term.SinceMs);
            }

            lock (_gate)
            {
                return _peer;
            }
        }
    }

    public void Use(string mode, Func<LeaderTerm, bool> holds)
    {
        Mode = mode;
        _holds = holds;
    }

    /// <summary>The runtime finished taking over: from now on this gateway acts.</summary>
    public void Begin(LeaderTerm term)
    {
        Refusal = null;
        _term = term;
        Interlocked.Increment(ref _changes);
    }

    /// <summary>The term ended (lease lost, or the guard found an older primary): stop acting at once.</summary>
    public void End()
    {
        if (_term is not null)
        {
            Interlocked.Increment(ref _changes);
        }

        _term = null;
    }

    public void Refuse(string? why) => Refusal = why;

    /// <summary>A gateway state heard on the broker; this gateway's own echo is ignored.</summary>
    public void ObservePeer(string peer, bool online, bool primary, long token, long sinceMs)
    {
        if (peer == gateway)
        {
            return;
        }

        lock (_gate)
        {
            if (online && primary && (_peer is null || token >= _peer.Token || _peer.Gateway == peer))
            {
                _peer = new KnownLeader(peer, token, sinceMs);
            }
            else if (_peer?.Gateway == peer && !(online && primary))
            {
                _peer = null;
            }
        }

        PeerState?.Invoke(peer, online, primary, token, sinceMs);
    }

    /// <summary>
    /// An ack this gateway published, stamped when its publish began: per term, the first and last such instant. An
    /// old leader that sends anything after waking from a pause shows up here with a time after the new leader's
    /// first ack (the HA bench's double-primary time and the pause test read this).
    /// </summary>
    public void AckPublished(long atMs)
    {
        long token = _term?.Token ?? -1;
        lock (_gate)
        {
            if (_acks.Last is { } last && last.Value.Token == token && last.Value.Term == _term)
            {
                last.Value = last.Value with { LastMs = atMs, Count = last.Value.Count + 1 };
                return;
            }

            _acks.AddLast(new AckWindow(token, _term, atMs, atMs, 1));
            if (_acks.Count > 64)
            {
                _acks.RemoveFirst();
            }
        }
    }

    /// <summary>The acks this gateway published, per term (the last 64 terms).</summary>
    public IReadOnlyList<AckWindow> AckWindows()
    {
        lock (_gate)
        {
            return [.. _acks];
        }
    }

    /// <summary>How the last takeover went (for the fleet view and the HA bench), or null before the first.</summary>
    public TakeoverTimings? LastTakeover { get; set; }

    /// <summary>This gateway's retained state as of now: primary with its term while it leads, else standby.</summary>
    public GatewayStateMessage StateMessage(bool online)
    {
        LeaderTerm? term = online && IsLeader ? _term : null;
        return new GatewayStateMessage
        {
            Gateway = gateway, Online = online, Primary = term is not null, TimestampMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Token = term?.Token ?? 0, SinceMs = term?.SinceMs ?? 0,
            // The runtime stamps every data batch as a heartbeat of its sender: nodes may stay quiet while busy.
            DataBeats = true,
        };
    }
}
