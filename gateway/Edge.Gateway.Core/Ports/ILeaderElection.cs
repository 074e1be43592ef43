namespace Edge.Gateway.Core.Ports;

/// <summary>
/// How this gateway becomes the site's primary: the single-gateway guard by default, etcd in the HA mode
/// (gateway/Edge.Gateway.Etcd). The runtime runs it for its whole life and acts only while it holds a term.
/// </summary>
internal interface ILeaderElection : IAsyncDisposable
{
    /// <summary>"single" or "etcd", for logs, /healthz and the fleet view.</summary>
    string Mode { get; }

    /// <summary>
    /// Campaigns until cancelled. Calls <see cref="ILeadershipHandler.ElectedAsync"/> when a term is won (and waits
    /// for it: the gateway reloads and announces itself meanwhile) and <see cref="ILeadershipHandler.LostAsync"/>
    /// when it ends, then campaigns again.
    /// </summary>
    Task RunAsync(ILeadershipHandler handler, CancellationToken cancellationToken);

    /// <summary>
    /// True while <paramref name="term"/> still holds by this process's monotonic clock (its lease has not run out
    /// since the last renewal was sent). Cheap and lock-free: checked before every commit and every publish, so a
    /// process that was paused past its lease knows it on the first instruction after it wakes up.
    /// </summary>
    bool Holds(LeaderTerm term);
}

/// <summary>What the election tells the runtime.</summary>
internal interface ILeadershipHandler
{
    /// <summary>False when the gateway could not take over (the store already has a newer leader's claim).</summary>
    Task<bool> ElectedAsync(LeaderTerm term, CancellationToken cancellationToken);

    Task LostAsync(string why, CancellationToken cancellationToken);

    /// <summary>Why this gateway does not campaign right now (the single-mode guard), or null when it does.</summary>
    void Refused(string? why);
}
