using System.Diagnostics;
using dotnet_etcd;
using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Ports;
using Etcdserverpb;
using Microsoft.Extensions.Logging;
using V3Electionpb;

namespace Edge.Gateway.Etcd;

/// <summary>
/// The HA mode's election, on etcd's own election service (v3election: a lease, then Campaign, which returns once
/// every older candidate's key is gone). The lease lives LeaseTtl (2 s) and is renewed every LeaseTtl/4, so a
/// renewal or two may be lost without losing the lease. The fencing token is the leader key's creation revision,
/// which etcd makes strictly greater for every later candidate. Holds is judged on this process's monotonic clock
/// from the moment the last successful renewal was *sent*: the server's lease can only end later than that, so a
/// gateway never believes it leads after etcd has already handed the site to another; a process paused past its
/// lease knows it on its first instruction after waking.
/// A crashed leader need not be waited out: its MQTT Last Will (the broker publishes it the moment the process's
/// socket closes) says it is offline, and a standby that sees the Will of the gateway whose term is current in etcd
/// revokes that term's lease, so the next candidate is elected at once. This is safe even if the leader were alive
/// (cut off from the broker only): the revoked lease ends its term on its next renewal, and the store refuses its
/// commits from the moment the successor claims it.
/// </summary>
internal sealed partial class EtcdElection : ILeaderElection
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(250);
    private readonly EtcdClient _client;
    private readonly string _name;
    private readonly string _gateway;
    private readonly TimeSpan _ttl;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Leadership? _leadership;
    private readonly Dictionary<string, long> _announced = new(StringComparer.Ordinal);
    private long _validUntil;
    private volatile LeaderTerm? _term;
    private LeaderKey? _key;

    public EtcdElection(string election, string site, string gateway, ElectionOptions options, TimeProvider clock, ILogger<EtcdElection> logger,
        Leadership? leadership = null)
    {
        _leadership = leadership;
        Endpoints = EtcdEndpoints.Parse(election);
        _client = new EtcdClient(Endpoints);
        _name = options.Name(site);
        _gateway = gateway;
        _ttl = options.LeaseTtl;
        _clock = clock;
        _logger = logger;
    }

    public string Endpoints { get; }

    public string Mode => "etcd";

    public bool Holds(LeaderTerm term) => ReferenceEquals(term, _term) && Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil);

    public async Task RunAsync(ILeadershipHandler handler, CancellationToken cancellationToken)
    {
        if (_leadership is not null)
        {
            _leadership.PeerState += OnPeerState;
        }

        try
        {
            await CampaignAsync(handler, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_leadership is not null)
            {
                _leadership.PeerState -= OnPeerState;
            }
        }
    }

    private async Task CampaignAsync(ILeadershipHandler handler, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long lease = 0;
            bool leading = false;
            try
            {
                lease = await GrantAsync(cancellationToken).ConfigureAwait(false);
                using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task keepAlive = KeepAliveAsync(lease, session);
                CampaignResponse won = await _client.CampaignAsync(_name, lease, _gateway, cancellationToken: session.Token).ConfigureAwait(false);
                _key = won.Leader;
                var term = new LeaderTerm(won.Leader.Rev, _clock.GetUtcNow().ToUnixTimeMilliseconds());
                _term = term;
                LogWon(_logger, term.Token, lease);
                leading = await handler.ElectedAsync(term, session.Token).ConfigureAwait(false);
                if (!leading)
                {
                    await ResignAsync().ConfigureAwait(false);
                    await session.CancelAsync().ConfigureAwait(false);
                }

                await keepAlive.ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(_logger, e.GetType().Name, e.Message);
            }
            finally
            {
                _term = null;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                await LeaveAsync(lease).ConfigureAwait(false);
                return;
            }

            if (leading)
            {
                await handler.LostAsync("the etcd lease ran out (a pause, or etcd unreachable for longer than the lease)", cancellationToken)
                    .ConfigureAwait(false);
            }

            await Task.Delay(RetryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A peer's retained state: remember the token each peer announced as primary; on its Will, if that token is still
    /// etcd's current term, revoke the term's lease (see the class comment). Runs on the ingest loop: it only starts
    /// the check.
    /// </summary>
    private void OnPeerState(string gateway, bool online, bool primary, long token, long sinceMs)
    {
        lock (_announced)
        {
            if (online)
            {
                if (primary && token > 0)
                {
                    _announced[gateway] = token;
                }

                return;
            }

            if (!_announced.Remove(gateway, out token) || _term is not null)
            {
                return;
            }
        }

        _ = RevokeIfCurrentAsync(gateway, token);
    }

    private async Task RevokeIfCurrentAsync(string gateway, long token)
    {
        try
        {
            LeaderResponse leader = await _client.LeaderAsync(new LeaderRequest { Name = Google.Protobuf.ByteString.CopyFromUtf8(_name) },
                deadline: DateTime.UtcNow.AddSeconds(1)).ConfigureAwait(false);
            if (leader.Kv is { } kv && kv.CreateRevision == token && kv.Value.ToStringUtf8() == gateway)
            {
                await _client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = kv.Lease }, deadline: DateTime.UtcNow.AddSeconds(1)).ConfigureAwait(false);
                LogRevoked(_logger, gateway, token);
            }
        }
        catch (Exception e)
        {
            // The lease runs out on its own anyway; this only makes it sooner.
            LogFailed(_logger, e.GetType().Name, e.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<long> GrantAsync(CancellationToken cancellationToken)
    {
        long sent = Stopwatch.GetTimestamp();
        LeaseGrantResponse granted = await _client.LeaseGrantAsync(new LeaseGrantRequest { TTL = (long)_ttl.TotalSeconds },
            deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _validUntil, sent + (long)(granted.TTL * Stopwatch.Frequency));
        return granted.ID;
    }

    /// <summary>Renews the lease until it is lost (etcd says it expired, or no renewal got through in time); then ends the session.</summary>
    private async Task KeepAliveAsync(long lease, CancellationTokenSource session)
    {
        TimeSpan every = _ttl / 4;
        try
        {
            while (!session.IsCancellationRequested)
            {
                long sent = Stopwatch.GetTimestamp();
                long ttl = -1;
                try
                {
                    using var call = CancellationTokenSource.CreateLinkedTokenSource(session.Token);
                    call.CancelAfter(every * 2);
                    await _client.LeaseKeepAlive(new LeaseKeepAliveRequest { ID = lease }, r => ttl = r.TTL, call.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!session.IsCancellationRequested)
                {
                    LogRenewalFailed(_logger, e.GetType().Name);
                }

                if (ttl == 0)
                {
                    // etcd no longer knows the lease: it expired (this process was paused, or cut off) and the key is gone.
                    LogExpired(_logger, lease);
                    return;
                }

                if (ttl > 0)
                {
                    Volatile.Write(ref _validUntil, sent + (long)(ttl * Stopwatch.Frequency));
                }
                else if (Stopwatch.GetTimestamp() >= Volatile.Read(ref _validUntil))
                {
                    LogExpired(_logger, lease);
                    return;
                }

                await Task.Delay(every, session.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        finally
        {
            Volatile.Write(ref _validUntil, 0);
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ResignAsync()
    {
        if (_key is { } key)
        {
            try
            {
                await _client.ResignAsync(new ResignRequest { Leader = key }, deadline: DateTime.UtcNow.AddSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogFailed(_logger, e.GetType().Name, e.Message);
            }

            _key = null;
        }
    }

    /// <summary>A clean stop hands the site over at once instead of after the lease: resign, then drop the lease.</summary>
    private async Task LeaveAsync(long lease)
    {
        Volatile.Write(ref _validUntil, 0);
        await ResignAsync().ConfigureAwait(false);
        if (lease != 0)
        {
            try
            {
                await _client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = lease }, deadline: DateTime.UtcNow.AddSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogFailed(_logger, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway}, leader with token {Token}, is offline (its Last Will): its lease is revoked so the next candidate takes over now")]
    private static partial void LogRevoked(ILogger logger, string gateway, long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Won the etcd election: token {Token} (lease {Lease:x})")]
    private static partial void LogWon(ILogger logger, long token, long lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The etcd lease {Lease:x} is gone")]
    private static partial void LogExpired(ILogger logger, long lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An etcd lease renewal failed ({Error}); the lease holds until its time to live runs out")]
    private static partial void LogRenewalFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Election step failed ({Error}: {Message}); campaigning again")]
    private static partial void LogFailed(ILogger logger, string error, string message);
}
