using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>Ids that came and went are forgotten after SupervisorOptions.NodeRetention, unless they still own a flow.</summary>
[Trait("Category", "Unit")]
public sealed class NodeRetentionTests
{
    private static SupervisorOptions Retention(TimeSpan retention) => new() { StallAfter = TimeSpan.Zero, NodeRetention = retention };

    [Fact]
    public void A_node_dead_longer_than_the_retention_is_forgotten_and_one_still_live_is_not()
    {
        var h = new SupervisorHarness(flows: "0-1", options: Retention(TimeSpan.FromMinutes(2)));
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");

        h.Die("n2");
        h.Run(TimeSpan.FromMinutes(1), "n1");
        Assert.NotNull(h.Supervisor.Nodes.Get("n2"));

        h.Run(TimeSpan.FromMinutes(3), "n1");

        Assert.Null(h.Supervisor.Nodes.Get("n2"));
        Assert.NotNull(h.Supervisor.Nodes.Get("n1"));
        Assert.All(h.Owners().Values, owner => Assert.Equal("n1", owner));
    }

    [Fact]
    public void A_dead_node_that_still_owns_a_flow_is_kept()
    {
        var h = new SupervisorHarness(flows: "0", options: Retention(TimeSpan.FromMinutes(2)));
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(2), "n1");

        // Alone: its flow has nowhere to go, so the assignment (and the node) stay for when it comes back.
        h.Die("n1");
        h.Run(TimeSpan.FromMinutes(4));

        Assert.Equal("n1", h.Owners()[0]);
        Assert.NotNull(h.Supervisor.Nodes.Get("n1"));
    }

    [Fact]
    public void A_forgotten_node_that_comes_back_is_born_again_and_served()
    {
        var h = new SupervisorHarness(flows: "0-1", options: Retention(TimeSpan.FromMinutes(2)));
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");
        h.Die("n2");
        h.Run(TimeSpan.FromMinutes(4), "n1");
        Assert.Null(h.Supervisor.Nodes.Get("n2"));

        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");

        Assert.True(h.Supervisor.Nodes.Get("n2")?.Live);
    }
}
