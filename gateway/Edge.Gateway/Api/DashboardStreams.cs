namespace Edge.Gateway.Api;

/// <summary>
/// Caps open dashboard streams: each holds a request and builds a snapshot a second, so a page left open in
/// many tabs must not become a load on the gateway's ingest.
/// </summary>
internal sealed class DashboardStreams(int max = 16)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _open) <= max)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Close() => Interlocked.Decrement(ref _open);
}
