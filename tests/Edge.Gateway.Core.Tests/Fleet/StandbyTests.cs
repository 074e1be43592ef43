using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>
/// The fleet side of the HA mode: a standby decides nothing but keeps the leader's owners; on taking over it
/// announces them unchanged under its own token; as leader it repairs an owner an older leader overwrote.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StandbyTests
{
    private static long Now(SupervisorHarness h) => h.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void A_standby_assigns_nothing_but_adopts_the_owners_the_leader_published()
    {
        Leadership standby = Leaders.Standing();
        var h = new SupervisorHarness("0-3", leadership: standby);
        h.Birth("n1");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(6), "n1", "n2");
        Assert.Empty(h.OwnerMessages());

        h.Supervisor.Owner(0, "n1", 1_000, 41, Now(h));
        h.Supervisor.Owner(1, "n2", 1_001, 41, Now(h));
        h.Supervisor.Owner(1, "n1", 999, 41, Now(h));

        Assert.Equal(new Dictionary<int, string> { [0] = "n1", [1] = "n2" }, h.Owners());
        Assert.Empty(h.Publisher.Published);
    }

    [Fact]
    public void Taking_over_announces_the_adopted_owners_unchanged_with_the_new_token_and_the_committed_sequence()
    {
        Leadership leadership = Leaders.Standing();
        var h = new SupervisorHarness("0-1", leadership: leadership);
        h.Birth("n1");
        h.Birth("n2");
        h.Supervisor.Owner(0, "n2", 1_000, 41, Now(h));
        h.Supervisor.Owner(1, "n1", 1_001, 41, Now(h));
        h.Flows.Load(new FlowSequence(0, 500, 500, 0));

        leadership.Begin(new LeaderTerm(57, Now(h)));
        h.Supervisor.TakeOver(Now(h));
        h.Run(TimeSpan.FromMilliseconds(100), "n1", "n2");

        var announced = h.OwnerMessages().ToDictionary(o => o.Flow);
        Assert.Equal(("n2", 57L, 500L), (announced[0].Node, announced[0].Token, announced[0].ResumeFrom));
        Assert.Equal(("n1", 57L, 0L), (announced[1].Node, announced[1].Token, announced[1].ResumeFrom));
    }

    [Fact]
    public void The_leader_repairs_an_owner_that_an_older_leader_overwrote()
    {
        Leadership leadership = Leaders.Leading(token: 57);
        var h = new SupervisorHarness("0", leadership: leadership);
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(2), "n1");
        Assert.Equal("n1", h.Owners()[0]);
        int before = h.OwnerMessages().Count;

        // The old leader woke up and published its own idea of flow 0, with a larger (clock-based) epoch.
        h.Supervisor.Owner(0, "n9", 9_999_999_999_999, 41, Now(h));
        h.Run(TimeSpan.FromMilliseconds(50), "n1");

        var repair = h.OwnerMessages().Skip(before).Single();
        Assert.Equal(("n1", 57L), (repair.Node, repair.Token));

        // Its own echo (same token) needs no repair.
        h.Supervisor.Owner(0, "n1", repair.Epoch, 57, Now(h));
        h.Run(TimeSpan.FromMilliseconds(50), "n1");
        Assert.Equal(before + 1, h.OwnerMessages().Count);
    }
}
