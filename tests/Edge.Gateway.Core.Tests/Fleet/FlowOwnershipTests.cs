using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>Who may write new samples into a flow (docs/PROTOCOL.md section 4.1), as placement publishes it for ingest.</summary>
[Trait("Category", "Unit")]
public sealed class FlowOwnershipTests
{
    private static long Now(SupervisorHarness h) => h.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void Before_the_first_placement_any_node_may_write_and_after_it_only_the_owner()
    {
        var h = new SupervisorHarness();
        h.Birth("n1");
        h.Birth("n2");
        Assert.False(h.Placement.Ownership.Enforced);
        Assert.True(h.Placement.Ownership.Allows(0, "n2", Now(h)));

        h.Run(TimeSpan.FromMilliseconds(1100), "n1", "n2");

        FlowOwnership ownership = h.Placement.Ownership;
        Assert.True(ownership.Enforced);
        foreach ((int flow, string owner) in h.Owners())
        {
            string other = owner == "n1" ? "n2" : "n1";
            Assert.True(ownership.Allows(flow, owner, Now(h)));
            Assert.False(ownership.Allows(flow, other, Now(h)), "flow " + flow + " is " + owner + "'s, not " + other + "'s");
            Assert.False(ownership.Allows(flow, "stranger", Now(h)));
        }
    }

    [Fact]
    public void A_flow_nobody_owns_after_the_first_placement_takes_no_writer()
    {
        var h = new SupervisorHarness(flows: "0-3,9:1:n2");
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(2), "n1");

        Assert.False(h.Owners().ContainsKey(9));
        Assert.False(h.Placement.Ownership.Allows(9, "n1", Now(h)));
    }

    [Fact]
    public void The_former_owner_of_a_planned_move_may_flush_for_the_grace_and_then_not()
    {
        var h = new SupervisorHarness();
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(6), "n1");
        h.Birth("n2");
        h.Publisher.Published.Clear();
        h.Run(TimeSpan.FromSeconds(6), "n1", "n2");

        int moved = h.OwnerMessages().First(m => m.Node == "n2").Flow;
        Assert.Equal("n2", h.Owners()[moved]);
        Assert.True(h.Placement.Ownership.Allows(moved, "n2", Now(h)));
        Assert.True(h.Placement.Ownership.Allows(moved, "n1", Now(h)), "the old owner's flush still lands");

        h.Run(h.Options.FormerOwnerGrace, "n1", "n2");

        Assert.Equal("n2", h.Owners()[moved]);
        Assert.False(h.Placement.Ownership.Allows(moved, "n1", Now(h)), "the grace is over");
        Assert.True(h.Placement.Ownership.Allows(moved, "n2", Now(h)));
    }

    [Fact]
    public void A_dead_owners_flows_belong_to_the_survivor_and_the_dead_node_only_for_the_grace()
    {
        var h = new SupervisorHarness();
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromMilliseconds(1100), "n1", "n2");
        int flow = h.Owners().First(p => p.Value == "n1").Key;

        h.Die("n1");

        Assert.Equal("n2", h.Owners()[flow]);
        Assert.True(h.Placement.Ownership.Allows(flow, "n2", Now(h)));
        Assert.True(h.Placement.Ownership.Allows(flow, "n1", Now(h)));
        h.Run(h.Options.FormerOwnerGrace + TimeSpan.FromMilliseconds(100), "n2");
        Assert.False(h.Placement.Ownership.Allows(flow, "n1", Now(h)));
    }
}
