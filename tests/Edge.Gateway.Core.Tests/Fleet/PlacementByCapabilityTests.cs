using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>Flows go only where they can be served: sources declared at birth, pinned flows first, stalls noticed.</summary>
[Trait("Category", "Unit")]
public sealed class PlacementByCapabilityTests
{
    [Fact]
    public void A_pi_that_sources_only_its_pinned_flows_never_gets_another_flow_even_when_a_sim_board_dies()
    {
        var h = new SupervisorHarness(flows: "0-7,9:1:pi-01,10:1:pi-01") { MaxFlows = 4 };
        h.Birth("sim-001");
        h.Birth("sim-002");
        h.Birth("pi-01", sources: "9-10");
        h.Run(TimeSpan.FromSeconds(2), "sim-001", "sim-002", "pi-01");

        h.Die("sim-002");
        h.Run(TimeSpan.FromSeconds(6), "sim-001", "pi-01");

        Dictionary<int, string> owners = h.Owners();
        Assert.Equal("pi-01", owners[9]);
        Assert.Equal("pi-01", owners[10]);
        Assert.All(Enumerable.Range(0, 8), f => Assert.NotEqual("pi-01", owners.GetValueOrDefault(f)));
        Assert.Equal(4, owners.Count(o => o.Value == "sim-001"));
    }

    [Fact]
    public void Alone_on_the_broker_a_pi_gets_its_pinned_flows_and_nothing_it_cannot_source()
    {
        var h = new SupervisorHarness(flows: "0-3,9:1:pi-01,10:1:pi-01") { MaxFlows = 4 };
        h.Birth("pi-01", sources: "9-10");
        h.Run(TimeSpan.FromSeconds(2), "pi-01");

        Dictionary<int, string> owners = h.Owners();
        Assert.Equal("pi-01", owners[9]);
        Assert.Equal("pi-01", owners[10]);
        Assert.DoesNotContain(owners, o => o.Key < 4 && o.Value.Length > 0);
    }

    [Fact]
    public void Pinned_flows_are_placed_before_flexible_ones_take_the_only_slots_they_could_use()
    {
        // Four slots and five flows that could use them: the pinned one must be among those placed.
        var h = new SupervisorHarness(flows: "0-3,9:0.1:n1") { MaxFlows = 4 };
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(2), "n1");

        Assert.Equal("n1", h.Owners()[9]);
    }

    [Fact]
    public void A_flow_that_does_not_progress_on_a_live_owner_moves_and_does_not_come_straight_back()
    {
        var options = new SupervisorOptions { StallAfter = TimeSpan.FromSeconds(5), StallHoldDown = TimeSpan.FromSeconds(60) };
        var h = new SupervisorHarness(flows: "0-3", options: options) { ProducesData = true };
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");
        int stuck = h.Owners().First(o => o.Value == "n2").Key;
        h.Idle.Add("n2");

        h.Run(TimeSpan.FromSeconds(8), "n1", "n2");

        Assert.Equal("n1", h.Owners()[stuck]);
        Assert.True(h.Placement.Stalls >= 1);
        Assert.Equal(0, h.Supervisor.Failovers);
        h.Run(TimeSpan.FromSeconds(20), "n1", "n2");
        Assert.Equal("n1", h.Owners()[stuck]);
    }

    [Fact]
    public void Flows_that_progress_never_count_as_stalled()
    {
        var options = new SupervisorOptions { StallAfter = TimeSpan.FromSeconds(5) };
        var h = new SupervisorHarness(flows: "0-3", options: options) { ProducesData = true };
        h.Birth("n1");
        h.Birth("n2");

        h.Run(TimeSpan.FromSeconds(30), "n1", "n2");

        Assert.Equal(0, h.Placement.Stalls);
    }

    [Fact]
    public void A_planned_stop_moves_the_flows_at_once_without_counting_a_failover()
    {
        var h = new SupervisorHarness(flows: "0-3");
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");

        h.Stop("n2");

        Assert.All(h.Owners().Values, owner => Assert.Equal("n1", owner));
        Assert.Equal(0, h.Supervisor.Failovers);
        Assert.Equal(1, h.Supervisor.Departures);
    }

    [Fact]
    public async Task A_retained_owner_of_a_flow_the_gateway_does_not_serve_is_cleared()
    {
        var h = new SupervisorHarness(flows: "0-3");

        h.Supervisor.StaleOwner(42);
        await h.Outbox.FlushAsync(default);

        var cleared = Assert.Single(h.Publisher.Published);
        Assert.Equal("edge/v1/lab/flow/42/owner", cleared.Topic);
        Assert.Empty(cleared.Payload);
        Assert.True(cleared.Retain);
    }
}
