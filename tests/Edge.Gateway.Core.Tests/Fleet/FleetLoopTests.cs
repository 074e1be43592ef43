using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Detection;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class FleetLoopTests
{
    [Fact]
    public async Task Data_that_follows_an_awaited_birth_always_finds_its_session()
    {
        var (loop, _) = Loop();
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);

        for (int session = 1; session <= 50; session++)
        {
            Assert.Equal(SessionUpdate.Applied, await loop.BirthAsync(new NodeBirth("n1", session, 250, 0, 100), CancellationToken.None));
            Assert.Equal(SessionUpdate.Applied, loop.Nodes.CheckData("n1", session));
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_full_queue_loses_heartbeats_and_counts_them_but_never_a_birth()
    {
        var (loop, _) = Loop();
        for (int i = 0; i < FleetLoop.QueueCapacity + 100; i++)
        {
            loop.Heartbeat("n1");
        }

        Assert.Equal(100, loop.Dropped);
        Task<SessionUpdate> birth = loop.BirthAsync(new NodeBirth("n2", 1, 250, 0, 100), CancellationToken.None);
        Assert.False(birth.IsCompleted);

        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        Assert.Equal(SessionUpdate.Applied, await birth);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_snapshot_taken_while_the_loop_runs_shows_what_it_applied_before()
    {
        var (loop, clock) = Loop();
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        await loop.BirthAsync(new NodeBirth("n1", 7, 250, 0, 100), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));

        FleetSnapshot snapshot = await loop.SnapshotAsync(CancellationToken.None);

        FleetNode node = Assert.Single(snapshot.Nodes);
        Assert.Equal(7, node.Record.Session);
        Assert.True(node.Phi > 0, "two silent seconds raise suspicion");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_flood_of_births_never_starves_heartbeats()
    {
        var (loop, clock) = Loop();
        await Warm(loop, clock, "n1");

        // A judgement is queued behind a storm of births; while the loop works through them the watched node's
        // heartbeats keep arriving (the clock moves two seconds), and they reach the detector before it judges.
        var births = Enumerable.Range(0, 5000).Select(i => loop.BirthAsync(new NodeBirth("b" + i, 1, 250, 0, 100), CancellationToken.None)).ToList();
        loop.RequestTick();
        for (int i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            loop.Heartbeat("n1");
        }

        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        await Task.WhenAll(births);
        FleetSnapshot snapshot = await loop.SnapshotAsync(CancellationToken.None);

        Assert.Equal(0, snapshot.Failovers);
        Assert.True(snapshot.Nodes.Single(n => n.Record.Node == "n1").Record.Live);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_gateway_that_cannot_listen_suspects_nobody_and_judges_again_once_it_hears()
    {
        var (loop, clock) = Loop();
        await Warm(loop, clock, "n1");

        loop.Deafened();
        clock.Advance(TimeSpan.FromSeconds(5));
        loop.RequestTick();
        loop.Hearing();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        loop.RequestTick();
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        Assert.Equal(0, (await loop.SnapshotAsync(CancellationToken.None)).Failovers);

        // Once hearing again, real silence is judged as before.
        clock.Advance(TimeSpan.FromSeconds(3));
        loop.RequestTick();
        FleetSnapshot after = await loop.SnapshotAsync(CancellationToken.None);
        Assert.Equal(1, after.Failovers);
        Assert.False(after.Nodes.Single().Record.Live);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_gateway_that_was_paused_suspects_nobody_for_as_long_and_judges_again_after()
    {
        var (loop, clock) = Loop();
        await Warm(loop, clock, "n1");

        // Three seconds in which the gateway's own work ran late: n1's heartbeats would be sitting in its socket.
        clock.Advance(TimeSpan.FromSeconds(3));
        loop.Paused(3000);
        loop.RequestTick();
        clock.Advance(TimeSpan.FromSeconds(2));
        loop.RequestTick();
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        Assert.Equal(0, (await loop.SnapshotAsync(CancellationToken.None)).Failovers);
        Assert.Equal(1, loop.Pauses);

        // Past the excuse, real silence is judged as before.
        clock.Advance(TimeSpan.FromSeconds(3));
        loop.RequestTick();
        FleetSnapshot after = await loop.SnapshotAsync(CancellationToken.None);
        Assert.Equal(1, after.Failovers);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task Pinned_flows_of_a_fleet_born_together_all_find_their_boards()
    {
        var (loop, clock) = Loop(string.Join(',', Enumerable.Range(0, 1000).Select(i => i + ":1:b" + i)));
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => loop.BirthAsync(new NodeBirth("b" + i, 1, 250, 0, 100), CancellationToken.None)));

        // Placement waits out the start-up grace, then places every pinned flow on its own board.
        clock.Advance(TimeSpan.FromSeconds(2));
        loop.RequestTick();
        FleetSnapshot snapshot = await loop.SnapshotAsync(CancellationToken.None);

        Assert.Equal(1000, snapshot.Owners.Count);
        Assert.All(snapshot.Owners, o => Assert.Equal("b" + o.Flow, o.Node));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    /// <summary>Born, and heartbeating long enough to be past the detector's warm-up; the loop is stopped again after.</summary>
    private static async Task Warm(FleetLoop loop, ManualClock clock, string node)
    {
        using var stop = new CancellationTokenSource();
        Task running = loop.RunAsync(stop.Token);
        await loop.BirthAsync(new NodeBirth(node, 1, 250, 0, 100), CancellationToken.None);
        for (int i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            loop.Heartbeat(node);
        }

        Assert.Equal(0, (await loop.SnapshotAsync(CancellationToken.None)).Failovers);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    private static (FleetLoop Loop, ManualClock Clock) Loop(string flows = "0-3")
    {
        var clock = new ManualClock();
        var options = new SupervisorOptions();
        var events = new GatewayEvents(clock);
        var outbox = new Outbox(new RecordingPublisher(), NullGatewayMetrics.Instance, clock, NullLogger<Outbox>.Instance);
        var placement = new FlowPlacement(options, "lab", new FlowRegistry(FlowCatalog.Parse(flows)), new ForecastBalancer(), events);
        var supervisor = new FleetSupervisor(options, new NodeRegistry(), placement, new PhiAccrualFailureDetector(options.Phi), outbox, events, "lab");
        return (new FleetLoop(supervisor, clock, null, NullLogger<FleetLoop>.Instance), clock);
    }
}
