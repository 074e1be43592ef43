using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

/// <summary>
/// In the HA mode several gateways share a site: the node follows the primary with the newest fencing token,
/// resends what is not acknowledged when a new leader takes over, and orders assignments by (token, epoch).
/// </summary>
[Trait("Category", "Unit")]
public sealed class LeaderFollowingTests
{
    private static void Primary(AgentHarness h, string gateway, long token, bool online = true) =>
        h.DeliverJson(Topics.GatewayState("lab", gateway),
            new GatewayStateMessage { Gateway = gateway, Online = online, Primary = true, Token = token, SinceMs = 1 });

    private static void Assign(AgentHarness h, int flow, string node, long epoch, long resumeFrom, long token) =>
        h.DeliverJson(Topics.FlowOwner("lab", flow),
            new FlowOwnerMessage { Flow = flow, Node = node, Epoch = epoch, ResumeFrom = resumeFrom, Weight = 1, Token = token });

    private static AgentHarness RunningUnder(string gateway, long token)
    {
        var h = new AgentHarness();
        h.Run(100);
        Primary(h, gateway, token);
        Assign(h, 1, "n1", 1, 0, token);
        for (int i = 0; i < 100; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);
        return h;
    }

    private static List<DataBatch> BatchesAfter(AgentHarness h, int published) =>
        h.Transport.Published.Skip(published).Where(p => p.Topic.EndsWith("/data", StringComparison.Ordinal)).Select(p =>
        {
            var batch = new DataBatch();
            Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(p.Payload, 0, p.Payload.Length, batch));
            return batch;
        }).ToList();

    [Fact]
    public void A_new_leader_gets_everything_not_yet_acknowledged_again_at_once()
    {
        AgentHarness h = RunningUnder("gw-a", 5);
        h.Ack(1, 30);
        int before = h.Transport.Published.Count;

        Primary(h, "gw-b", 9);
        h.Run(100);

        List<DataBatch> resent = BatchesAfter(h, before);
        Assert.NotEmpty(resent);
        Assert.Equal(30, resent[0].FirstSequence);
        Assert.Equal(BatchFlags.Resend, resent[0].Flags & BatchFlags.Resend);
        Assert.Equal(70, resent.Sum(b => b.Count));
    }

    [Fact]
    public void An_old_leader_that_wakes_up_is_not_followed()
    {
        AgentHarness h = RunningUnder("gw-a", 5);
        Primary(h, "gw-b", 9);
        h.Run(100);
        int before = h.Transport.Published.Count;

        // gw-a was paused through the election and still says primary with its old token.
        Primary(h, "gw-a", 5);
        h.Run(100);
        Assert.Empty(BatchesAfter(h, before));

        // ...and when it goes offline the node keeps running under gw-b.
        Primary(h, "gw-a", 5, online: false);
        Assert.Equal(AgentState.Running, h.Agent.State);
    }

    [Fact]
    public void An_assignment_from_an_older_leader_loses_whatever_its_epoch()
    {
        AgentHarness h = RunningUnder("gw-a", 5);
        Primary(h, "gw-b", 9);
        Assign(h, 1, "n1", 1, 0, 9);

        // The old leader's epochs are wall-clock large; the new leader's start small. Token decides.
        Assign(h, 1, "other", 1_800_000_000_000, 50, 5);
        Assert.True(h.Agent.IsServing(1));

        Assign(h, 1, "other", 2, 60, 9);
        Assert.False(h.Agent.IsServing(1));
    }

    [Fact]
    public void Within_one_leader_the_epoch_orders_assignments_as_before()
    {
        AgentHarness h = RunningUnder("gw-a", 5);
        Assign(h, 1, "other", 1, 50, 5);
        Assert.True(h.Agent.IsServing(1));
        Assign(h, 1, "other", 2, 50, 5);
        Assert.False(h.Agent.IsServing(1));
    }

    [Fact]
    public void When_the_leader_dies_the_next_one_is_followed_whatever_its_token()
    {
        AgentHarness h = RunningUnder("gw-a", 50);
        Primary(h, "gw-a", 50, online: false);
        Assert.Equal(AgentState.WaitingForGateway, h.Agent.State);

        // A new etcd cluster starts its revisions again at 1.
        Primary(h, "gw-b", 1);
        Assert.Equal(AgentState.Running, h.Agent.State);
    }
}
