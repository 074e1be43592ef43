using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Election;

/// <summary>The single mode's guard against a second primary on the same broker.</summary>
[Trait("Category", "Unit")]
public sealed class SingleGatewayElectionTests
{
    private static (SingleGatewayElection Election, Leadership Leadership, RecordingHandler Handler) Guard(string id = "gw-b", int graceMs = 100)
    {
        var leadership = new Leadership(id, TimeProvider.System);
        var election = new SingleGatewayElection("lab", leadership, new ElectionOptions { StartupGrace = TimeSpan.FromMilliseconds(graceMs) },
            TimeProvider.System, NullLogger<SingleGatewayElection>.Instance);
        return (election, leadership, new RecordingHandler(leadership));
    }

    [Fact]
    public async Task Alone_it_acts_as_primary_after_the_grace()
    {
        var (election, _, handler) = Guard();
        using var stop = new CancellationTokenSource();
        Task run = election.RunAsync(handler, stop.Token);

        await Eventually.TrueAsync(() => handler.Elected == 1, "elected");
        Assert.Equal(0, handler.Term!.Token);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task With_another_primary_online_it_refuses_says_why_and_leads_once_that_one_is_gone()
    {
        var (election, leadership, handler) = Guard();
        using var stop = new CancellationTokenSource();
        Task run = election.RunAsync(handler, stop.Token);
        leadership.ObservePeer("gw-a", online: true, primary: true, token: 0, sinceMs: 1_000);

        await Eventually.TrueAsync(() => handler.Refusal is not null, "refused");
        Assert.Contains("gw-a is already primary for site lab", handler.Refusal, StringComparison.Ordinal);
        await Task.Delay(400);
        Assert.Equal(0, handler.Elected);
        Assert.Equal("refused", leadership.Role);

        leadership.ObservePeer("gw-a", online: false, primary: false, token: 0, sinceMs: 0);
        await Eventually.TrueAsync(() => handler.Elected == 1, "elected once gw-a is offline");
        Assert.Null(handler.Refusal);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Of_two_primaries_the_one_primary_for_longer_stays()
    {
        var (election, leadership, handler) = Guard(graceMs: 0);
        using var stop = new CancellationTokenSource();
        Task run = election.RunAsync(handler, stop.Token);
        await Eventually.TrueAsync(() => handler.Elected == 1, "elected");

        // A newer primary does not make it yield...
        leadership.ObservePeer("gw-c", online: true, primary: true, token: 0, sinceMs: handler.Term!.SinceMs + 5_000);
        await Task.Delay(300);
        Assert.Equal(0, handler.Lost);

        // ...an older one does.
        leadership.ObservePeer("gw-a", online: true, primary: true, token: 0, sinceMs: 1);
        await Eventually.TrueAsync(() => handler.Lost == 1, "stepped down");
        Assert.Contains("gw-a", handler.Refusal, StringComparison.Ordinal);
        await stop.CancelAsync();
        await run;
    }

    private sealed class RecordingHandler(Leadership leadership) : ILeadershipHandler
    {
        public int Elected { get; private set; }

        public int Lost { get; private set; }

        public LeaderTerm? Term { get; private set; }

        public string? Refusal { get; private set; }

        public Task<bool> ElectedAsync(LeaderTerm term, CancellationToken cancellationToken)
        {
            Elected++;
            Term = term;
            leadership.Begin(term);
            return Task.FromResult(true);
        }

        public Task LostAsync(string why, CancellationToken cancellationToken)
        {
            Lost++;
            leadership.End();
            return Task.CompletedTask;
        }

        public void Refused(string? why)
        {
            Refusal = why;
            leadership.Refuse(why);
        }
    }
}
