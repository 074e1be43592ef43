using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Failover;

[Trait("Category", "Integration")]
[Collection(FleetCollection.Name)]
public sealed class FleetFailoverTests
{
    [Fact]
    public async Task Killing_one_of_three_nodes_mid_burst_moves_its_flows_and_the_totals_stay_exact()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 3, flows: 6);
        await h.FlowingAsync(100);
        string victim = h.Owner(0);
        var victimFlows = h.FlowIds.Where(f => h.Owner(f) == victim).ToList();

        h.Fleet[victim].Kill();
        await Eventually.TrueAsync(() => victimFlows.All(f => h.Owner(f) is { Length: > 0 } owner && owner != victim), "the victim's flows have new owners");
        await h.FlowingAsync(100);

        Assert.True(h.Supervisor.Failovers == 1, h.Events());
        Assert.DoesNotContain(h.LiveNodes, n => n.Node == victim);
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task Two_nodes_dying_at_once_leave_every_flow_flowing_on_the_survivor()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 3, flows: 6);
        await h.FlowingAsync(50);

        h.Fleet["sim-001"].Kill();
        h.Fleet["sim-002"].Kill();
        await h.FlowingAsync(100);

        Assert.All(h.FlowIds, f => Assert.Equal("sim-003", h.Owner(f)));
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task A_partitioned_node_is_declared_dead_its_flows_move_and_it_comes_back_as_a_new_session()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 3, flows: 6);
        await h.FlowingAsync(100);
        string victim = h.Owner(0);
        long session = h.LiveNodes.Single(n => n.Node == victim).Session;

        h.Fleet[victim].Pause();
        await Eventually.TrueAsync(() => h.LiveNodes.All(n => n.Node != victim), "the silent node is declared dead", timeoutMs: 5_000);
        await h.FlowingAsync(100);
        h.Fleet[victim].Resume();

        await Eventually.TrueAsync(() => h.LiveNodes.Any(n => n.Node == victim && n.Session > session), "the node rejoins as a new session");
        await Eventually.TrueAsync(() => h.FlowIds.Any(f => h.Owner(f) == victim), "the rejoined node gets work again", timeoutMs: 45_000);
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task A_flapping_node_does_not_cause_a_rebalance_storm()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 3, flows: 6);
        await h.FlowingAsync(50);
        await Task.Delay(6_000); // one rebalance round, so the placement has settled
        var steady = h.FlowIds.Where(f => h.Owner(f) != "sim-003").ToDictionary(f => f, h.Owner);
        long moves = h.Supervisor.VoluntaryMoves;

        for (int flap = 0; flap < 6; flap++)
        {
            h.Fleet["sim-003"].Restart();
            await Task.Delay(1_500);
        }

        await h.FlowingAsync(50);
        Assert.True(h.Supervisor.VoluntaryMoves - moves <= 2, "voluntary moves during flapping: " + (h.Supervisor.VoluntaryMoves - moves));
        Assert.All(steady, p => Assert.Equal(p.Value, h.Owner(p.Key)));
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task A_stall_that_silences_most_of_the_fleet_for_two_seconds_fails_nobody_over()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 12, flows: 12, samplesPerSecond: 20);
        await h.FlowingAsync(100);
        var sessions = h.LiveNodes.ToDictionary(n => n.Node, n => n.Session);
        var stalled = h.Fleet.Boards.Take(8).ToList();

        foreach (var board in stalled)
        {
            board.Pause();
        }

        await Task.Delay(2_000);
        foreach (var board in stalled)
        {
            board.Resume();
        }

        await h.FlowingAsync(100);
        Assert.True(h.Supervisor.Failovers == 0, "failovers: " + h.Supervisor.Failovers + "\n" + h.Events());
        Assert.Equal(sessions, h.LiveNodes.ToDictionary(n => n.Node, n => n.Session));
        Assert.True(h.Queries.Saturation().CorrelatedSilences >= 1, h.Events());
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task When_every_node_loses_the_broker_for_a_while_nothing_is_lost_or_counted_twice()
    {
        await using var h = await FleetHarness.StartAsync(nodes: 2, flows: 4);
        await h.FlowingAsync(100);
        var before = h.FlowIds.ToDictionary(f => f, h.Committed);

        foreach (var board in h.Fleet.Boards)
        {
            board.Pause();
        }

        await Task.Delay(3_000);
        foreach (var board in h.Fleet.Boards)
        {
            board.Resume();
        }

        await h.FlowingAsync(200);
        Assert.All(h.FlowIds, f => Assert.True(h.Committed(f) >= before[f] + 200, "flow " + f + ": " + before[f] + " -> " + h.Committed(f)));
        await h.AssertTotalsEqualTheSourceAsync();
    }

    [Fact]
    public async Task When_the_broker_restarts_nodes_and_gateway_reconnect_and_nothing_is_lost_or_counted_twice()
    {
        await using var broker = await MosquittoBroker.StartAsync(persistent: true);
        await using var h = await FleetHarness.StartAsync(nodes: 2, flows: 4, externalBrokerPort: broker.Port);
        await h.FlowingAsync(100);

        await broker.StopAsync();
        await Task.Delay(3_000);
        await broker.StartAgainAsync();

        await h.FlowingAsync(200, timeoutMs: 60_000);
        await h.AssertTotalsEqualTheSourceAsync();
    }
}
