using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>
/// A node whose reports keep failing plausibility checks is quarantined: it keeps its flows, gets no new ones, its
/// forecast no longer counts, and only an operator lifts it. An honest node is never touched.
/// </summary>
[Trait("Category", "Unit")]
public sealed class QuarantineTests
{
    // The harness's nodes heartbeat every 250 ms and, producing, commit one sample a heartbeat per flow they own.
    private const double OneFlowRate = 4;

    private static SupervisorOptions Options() => new()
    {
        StallAfter = TimeSpan.Zero,
        Plausibility = new PlausibilityOptions { Window = TimeSpan.FromSeconds(10), Strikes = 3 },
    };

    private static SupervisorHarness Fleet(string flows, params string[] nodes)
    {
        var h = new SupervisorHarness(flows: flows, options: Options()) { ProducesData = true };
        foreach (string node in nodes)
        {
            h.Birth(node);
            h.Claims[node] = (OneFlowRate * flows.Split('-').Length / nodes.Length, 20);
        }

        return h;
    }

    [Fact]
    public void An_honest_node_whose_reports_match_its_committed_samples_is_never_quarantined()
    {
        var h = Fleet("0-1", "n1", "n2");
        h.Run(TimeSpan.FromMinutes(3), "n1", "n2");

        Assert.All(h.Supervisor.Nodes.All(), n => Assert.False(n.Quarantined));
        Assert.All(h.Supervisor.Snapshot(0).Implausible.Failed, failed => Assert.Equal(0, failed));
    }

    [Fact]
    public void A_node_claiming_arrivals_that_never_arrive_is_quarantined_after_three_failed_windows_in_a_row()
    {
        var h = Fleet("0-1", "n1", "liar");
        h.Run(TimeSpan.FromSeconds(5), "n1", "liar");
        h.Claims["liar"] = (5000, 20);

        h.Run(TimeSpan.FromSeconds(25), "n1", "liar");
        Assert.False(h.Supervisor.Nodes.Get("liar")!.Quarantined);

        h.Run(TimeSpan.FromSeconds(30), "n1", "liar");
        NodeRecord liar = h.Supervisor.Nodes.Get("liar")!;
        Assert.True(liar.Quarantined);
        Assert.Equal("arrivals", liar.Quarantine);
        Assert.False(h.Supervisor.Nodes.Get("n1")!.Quarantined);
        Assert.Equal(1, h.Supervisor.Quarantines);
        Assert.True(h.Supervisor.Snapshot(0).Implausible.Of(PlausibilityChecks.Arrivals) >= 3);
        Assert.Contains(h.Events.Recent(50), e => e.Kind == "quarantine" && e.Node == "liar");
    }

    [Fact]
    public void A_forecast_far_beyond_anything_carried_quarantines_the_node_and_stops_counting_for_the_autoscaler()
    {
        var h = Fleet("0-1", "n1", "liar");
        h.Claims["liar"] = (OneFlowRate, 1e6);
        h.Run(TimeSpan.FromSeconds(25), "n1", "liar");
        Assert.True(h.Placement.ForecastLoad >= 1e6);

        h.Run(TimeSpan.FromSeconds(20), "n1", "liar");

        Assert.Equal("forecast", h.Supervisor.Nodes.Get("liar")!.Quarantine);
        h.Run(TimeSpan.FromSeconds(6), "n1", "liar");
        Assert.True(h.Placement.ForecastLoad < 1000, "forecast load " + h.Placement.ForecastLoad);
    }

    [Fact]
    public void A_quarantined_node_keeps_its_flows_but_gets_none_of_a_dead_nodes()
    {
        var h = Fleet("0-5", "n1", "n2", "liar");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2", "liar");
        h.Claims["liar"] = (5000, 20);
        h.Run(TimeSpan.FromSeconds(45), "n1", "n2", "liar");
        Assert.True(h.Supervisor.Nodes.Get("liar")!.Quarantined);
        int[] liarsFlows = [.. h.Owners().Where(o => o.Value == "liar").Select(o => o.Key)];
        Assert.NotEmpty(liarsFlows);

        h.Die("n1");
        h.Run(TimeSpan.FromSeconds(2), "n2", "liar");

        Dictionary<int, string> owners = h.Owners();
        Assert.All(liarsFlows, flow => Assert.Equal("liar", owners[flow]));
        Assert.Equal(6 - liarsFlows.Length, owners.Values.Count(n => n == "n2"));
    }

    [Fact]
    public void Lifting_the_quarantine_lets_the_node_take_flows_again_and_is_recorded()
    {
        var h = Fleet("0-3", "n1", "liar");
        h.Run(TimeSpan.FromSeconds(2), "n1", "liar");
        h.Claims["liar"] = (5000, 20);
        h.Run(TimeSpan.FromSeconds(45), "n1", "liar");
        Assert.True(h.Supervisor.Nodes.Get("liar")!.Quarantined);
        Assert.False(h.Supervisor.Lift("n1"));

        h.Claims["liar"] = (OneFlowRate * 2, 20);
        Assert.True(h.Supervisor.Lift("liar"));
        h.Die("n1");
        h.Run(TimeSpan.FromSeconds(2), "liar");

        Assert.False(h.Supervisor.Nodes.Get("liar")!.Quarantined);
        Assert.All(h.Owners().Values, owner => Assert.Equal("liar", owner));
        Assert.Contains(h.Events.Recent(50), e => e.Kind == "quarantine_lifted" && e.Node == "liar");
    }

    [Fact]
    public void A_quarantine_outlives_the_nodes_reboot()
    {
        var h = Fleet("0-1", "n1", "liar");
        h.Claims["liar"] = (5000, 20);
        h.Run(TimeSpan.FromSeconds(45), "n1", "liar");
        Assert.True(h.Supervisor.Nodes.Get("liar")!.Quarantined);

        h.Birth("liar");

        Assert.True(h.Supervisor.Nodes.Get("liar")!.Quarantined);
    }
}
