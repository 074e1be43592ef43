using System.Diagnostics;
using System.Text.Json;
using Edge.Bench.Harness;

namespace Edge.Bench.Fleet;

/// <summary>
/// Polls GET /api/fleet as a dashboard would: live nodes, failovers, and how many nodes the gateway shows as
/// suspected or dead at once. An answer that is not 200 (or does not come within the client's timeout) is counted.
/// </summary>
internal sealed class FleetWatch : IAsyncDisposable
{
    private readonly GatewayUnderTest _gateway;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private readonly TimeSpan _every;
    private int _maxSuspected;

    public FleetWatch(GatewayUnderTest gateway, TimeSpan every)
    {
        _gateway = gateway;
        _every = every;
        _polling = Task.Run(PollAsync);
    }

    public int LiveNodes { get; private set; }

    public long Failovers { get; private set; }

    public int Errors { get; private set; }

    /// <summary>When the last successful poll was taken.</summary>
    public long LastPollTicks { get; private set; }

    /// <summary>The most suspected-or-dead nodes seen in one poll since the last reset.</summary>
    public int MaxSuspected => Volatile.Read(ref _maxSuspected);

    public void ResetMaxSuspected() => Volatile.Write(ref _maxSuspected, 0);

    /// <summary>Polls now (and waits for it), so the figures are current.</summary>
    public Task<bool> RefreshAsync() => PollOnceAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _polling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    /// <summary>Counts the nodes of a /api/fleet answer that are not online.</summary>
    public static (int Live, long Failovers, int NotOnline) Read(JsonElement fleet)
    {
        int notOnline = fleet.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("state").GetString() != "online");
        return (fleet.GetProperty("liveNodes").GetInt32(), fleet.GetProperty("failovers").GetInt64(), notOnline);
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await PollOnceAsync().ConfigureAwait(false);
            await Task.Delay(_every, _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task<bool> PollOnceAsync()
    {
        try
        {
            using JsonDocument fleet = await _gateway.GetAsync("/api/fleet").ConfigureAwait(false);
            (int live, long failovers, int notOnline) = Read(fleet.RootElement);
            LiveNodes = live;
            Failovers = failovers;
            LastPollTicks = Stopwatch.GetTimestamp();
            int seen;
            while ((seen = Volatile.Read(ref _maxSuspected)) < notOnline && Interlocked.CompareExchange(ref _maxSuspected, notOnline, seen) != seen)
            {
            }

            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            Errors++;
            return false;
        }
    }
}
