using System.Diagnostics;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Hosting;

/// <summary>
/// Taking over and standing down. A won term counts only once the gateway has claimed the store (from then on the
/// database refuses any commit under an older token, and an old leader's commit in flight has finished), reloaded
/// every flow's watermark from it, and queued its owners and its primary state; nodes then send everything not
/// acknowledged again. Losing a term stops acks, owners, commits and replays at once (Leadership.IsLeader).
/// </summary>
internal sealed partial class GatewayRuntime : ILeadershipHandler
{
    private int _resync;

    public async Task<bool> ElectedAsync(LeaderTerm term, CancellationToken cancellationToken)
    {
        long electedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        long started = Stopwatch.GetTimestamp();
        if (term.Token > 0 && !_store.Claim(term.Token, Options.GatewayId, term.SinceMs))
        {
            LogClaimRefused(_logger, term.Token);
            return false;
        }

        double claimMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        _flows.Reload(_store.LoadFlows());
        double reloadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        Leadership.Begin(term);
        await _fleet.TakeOverAsync(cancellationToken).ConfigureAwait(false);
        PublishState();
        double announceMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Leadership.LastTakeover = new TakeoverTimings(electedAt, claimMs, reloadMs, announceMs, term.Token);
        _events.Add("leading", Options.GatewayId, Leadership.Mode + " token " + term.Token);
        LogLeading(_logger, Leadership.Mode, term.Token, claimMs, reloadMs, announceMs);
        return true;
    }

    public Task LostAsync(string why, CancellationToken cancellationToken)
    {
        Leadership.End();
        PublishState();
        _events.Add("standing_down", Options.GatewayId, why);
        LogLost(_logger, why);
        return Task.CompletedTask;
    }

    public void Refused(string? why)
    {
        Leadership.Refuse(why);
        PublishState();
        if (why is not null)
        {
            _events.Add("refused", Options.GatewayId, why);
        }
    }

    private async Task RunElectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _election.RunAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            Leadership.End();
            LogElectionFailed(_logger, e);
        }
    }

    private void PublishState() => _outbox.Enqueue(OutboundMessage.State(Options.Site, Leadership.StateMessage(online: true)));

    /// <summary>The database refused a commit: a newer leader has claimed the store, so this one stops acting now.</summary>
    private void OnFencedOut(Storage.CommitFencedException e)
    {
        if (Leadership.Term is { } term && term.Token <= e.Token)
        {
            Leadership.End();
            PublishState();
        }
    }

    /// <summary>The store's guard refused a batch the ingest side thought was next: its positions are reloaded (ingest loop only).</summary>
    private void RequestResync() => Interlocked.Exchange(ref _resync, 1);

    private void ResyncIfAsked()
    {
        if (Interlocked.Exchange(ref _resync, 0) == 1)
        {
            _flows.Reload(_store.LoadFlows());
            LogResynced(_logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Won the election with token {Token}, but the store has a newer leader's claim; standing by")]
    private static partial void LogClaimRefused(ILogger logger, long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading the site ({Mode}, token {Token}): store claimed in {ClaimMs:F1} ms, watermarks reloaded in {ReloadMs:F1} ms, owners and state queued in {AnnounceMs:F1} ms")]
    private static partial void LogLeading(ILogger logger, string mode, long token, double claimMs, double reloadMs, double announceMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No longer leading: {Why}")]
    private static partial void LogLost(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "The election stopped; this gateway stands by")]
    private static partial void LogElectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused a batch the gateway took for the next one; flow positions reloaded from the store")]
    private static partial void LogResynced(ILogger logger);
}
