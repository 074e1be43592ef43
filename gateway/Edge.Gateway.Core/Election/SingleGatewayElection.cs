using System.Threading.Channels;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Election;

/// <summary>
/// The single mode's guard: no election service, so a gateway listens to the other gateways' retained states. After
/// a short grace with no other primary online it acts as primary (token 0). Seeing another online primary first, it
/// refuses and says why; when two became primary at once, the one primary for longer (then the smaller id) stays and
/// the other steps down. Two gateways on one broker without etcd thus never both commit and ack for long; for a
/// real standby the site runs the HA mode (--election etcd://...). A gateway of the HA mode (token above 0) always wins.
/// </summary>
internal sealed partial class SingleGatewayElection(
    string site, Leadership leadership, ElectionOptions options, TimeProvider clock, ILogger<SingleGatewayElection> logger)
    : ILeaderElection
{
    private readonly Channel<Peer> _peers = Channel.CreateBounded<Peer>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Dictionary<string, Peer> _primaries = new(StringComparer.Ordinal);

    public string Mode => "single";

    public bool Holds(LeaderTerm term) => true;

    public async Task RunAsync(ILeadershipHandler handler, CancellationToken cancellationToken)
    {
        leadership.PeerState += OnPeer;
        try
        {
            LeaderTerm? mine = null;
            string? refused = null;
            long actAt = Now + (long)options.StartupGrace.TotalMilliseconds;
            while (!cancellationToken.IsCancellationRequested)
            {
                while (_peers.Reader.TryRead(out Peer? peer))
                {
                    if (peer.Online && peer.Primary)
                    {
                        _primaries[peer.Gateway] = peer;
                    }
                    else
                    {
                        _primaries.Remove(peer.Gateway);
                    }
                }

                Peer? blocker = Blocker(mine);
                string? why = blocker is null ? null
                    : $"gateway {blocker.Gateway} is already primary for site {site} since {DateTimeOffset.FromUnixTimeMilliseconds(blocker.SinceMs):O}; "
                      + "this gateway will not act as a second primary (run every gateway with --store postgres://... --election etcd://... for a standby)";
                if (mine is not null && blocker is not null)
                {
                    mine = null;
                    LogSteppedDown(logger, blocker.Gateway);
                    await handler.LostAsync(why!, cancellationToken).ConfigureAwait(false);
                }

                if (why != refused)
                {
                    refused = why;
                    handler.Refused(why);
                    if (why is not null)
                    {
                        LogRefused(logger, why);
                    }
                    else
                    {
                        actAt = Math.Max(actAt, Now + (long)options.StartupGrace.TotalMilliseconds);
                    }
                }

                if (mine is null && refused is null && Now >= actAt)
                {
                    mine = new LeaderTerm(0, Now);
                    if (!await handler.ElectedAsync(mine, cancellationToken).ConfigureAwait(false))
                    {
                        mine = null;
                    }
                }

                await WaitAsync(mine is null && refused is null ? actAt - Now : Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            leadership.PeerState -= OnPeer;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The primary this gateway must yield to: any while it does not act; while it does, only an older one.</summary>
    private Peer? Blocker(LeaderTerm? mine) =>
        _primaries.Values
            .Where(p => mine is null || p.Token > 0 || p.SinceMs < mine.SinceMs
                || (p.SinceMs == mine.SinceMs && string.CompareOrdinal(p.Gateway, leadership.Gateway) < 0))
            .OrderByDescending(p => p.Token).ThenBy(p => p.SinceMs).FirstOrDefault();

    private async Task WaitAsync(long ms, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (ms != Timeout.Infinite)
        {
            timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(ms, 1)));
        }

        try
        {
            await _peers.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The grace is over, or the gateway stops (the loop checks which).
        }
    }

    private void OnPeer(string gateway, bool online, bool primary, long token, long sinceMs) =>
        _peers.Writer.TryWrite(new Peer(gateway, online, primary, token, sinceMs));

    private sealed record Peer(string Gateway, bool Online, bool Primary, long Token, long SinceMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not acting as primary: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stepping down: gateway {Peer} has been primary for longer")]
    private static partial void LogSteppedDown(ILogger logger, string peer);
}
