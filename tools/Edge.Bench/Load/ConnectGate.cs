namespace Edge.Bench.Load;

/// <summary>
/// What every connection attempt of one generator shares: at most <c>concurrency</c> attempts at a time (the
/// start-up storm, and the reconnections after it), a limit per attempt so a connection that never answers gives
/// its place back instead of holding it for the whole start-up, and the stop that ends every retry loop.
/// </summary>
internal sealed class ConnectGate(int concurrency, TimeSpan attemptTimeout) : IDisposable
{
    /// <summary>How long one attempt (socket, CONNECT/CONNACK, SUBSCRIBE/SUBACK, birth) may take.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _slots = new(concurrency);
    private readonly CancellationTokenSource _stop = new();

    public TimeSpan AttemptTimeout => attemptTimeout;

    public CancellationToken Stopping => _stop.Token;

    /// <summary>Runs one attempt in a slot, cancelled after <see cref="AttemptTimeout"/> or at <see cref="Stop"/>.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            linked.CancelAfter(attemptTimeout);
            await attempt(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Stop() => _stop.Cancel();

    /// <summary>
    /// Stops; the token source stays usable (it has no timer to free) because retry loops still read
    /// <see cref="Stopping"/> as they end.
    /// </summary>
    public void Dispose() => _stop.Cancel();
}
