using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class FleetSupervisorTests
{
    private static readonly string[] Three = ["n1", "n2", "n3"];

    private static SupervisorHarness ThreeNodes()
    {
        var h = new SupervisorHarness();
        foreach (string node in Three)
        {
            h.Birth(node);
        }

        h.Run(TimeSpan.FromMilliseconds(1100), Three);
        return h;
    }

    [Fact]
    public void Every_flow_is_spread_over_the_nodes_born_within_the_startup_grace()
    {
        var h = ThreeNodes();

        Assert.Equal(12, h.Owners().Count);
        Assert.All(Three, n => Assert.Equal(4, h.Owners().Values.Count(o => o == n)));
        Assert.All(h.Owners().Values, n => Assert.Contains(n, Three));
        Assert.All(h.Publisher.Published.Where(p => p.Topic.EndsWith("/owner", StringComparison.Ordinal)), p => Assert.True(p.Retain));
    }

    [Fact]
    public void A_dead_nodes_flows_move_at_once_and_resume_from_the_committed_sequence()
    {
        var h = ThreeNodes();
        h.Flows.Load(new FlowSequence(0, committed: 1234, count: 1234, sum: 0));
        var before = h.Owners();
        string victim = before[0];
        h.Publisher.Published.Clear();

        h.Die(victim);

        var moved = h.OwnerMessages();
        Assert.Equal(before.Count(p => p.Value == victim), moved.Count);
        Assert.All(moved, m => Assert.NotEqual(victim, m.Node));
        Assert.Equal(1234, moved.Single(m => m.Flow == 0).ResumeFrom);
        Assert.All(h.Owners().Where(p => before[p.Key] != victim), p => Assert.Equal(before[p.Key], p.Value));
    }

    [Fact]
    public void A_silent_node_is_declared_dead_within_the_bound_and_its_flows_move()
    {
        var h = ThreeNodes();
        h.Run(TimeSpan.FromSeconds(5), Three);
        h.Publisher.Published.Clear();
        h.Run(TimeSpan.FromMilliseconds(1300), "n1", "n2");

        Assert.DoesNotContain("n3", h.Owners().Values);
        Assert.Equal(1, h.Supervisor.Failovers);
        Assert.NotEmpty(h.OwnerMessages());
    }

    [Fact]
    public void Steady_heartbeats_cause_no_failover()
    {
        var h = ThreeNodes();
        h.Run(TimeSpan.FromMinutes(2), Three);

        Assert.Equal(0, h.Supervisor.Failovers);
    }

    [Fact]
    public void Two_nodes_dying_at_once_leave_every_flow_on_the_survivor()
    {
        var h = ThreeNodes();
        h.Die("n1");
        h.Die("n2");

        Assert.All(h.Owners().Values, n => Assert.Equal("n3", n));
        Assert.Equal(12, h.Owners().Count);
    }

    [Fact]
    public void An_owner_message_always_carries_a_larger_epoch_than_the_last()
    {
        var h = ThreeNodes();
        h.Die("n2");
        h.Birth("n2");
        h.Run(TimeSpan.FromSeconds(30), Three);

        var epochs = h.OwnerMessages().Select(m => m.Epoch).ToList();
        Assert.Equal(epochs.Order(), epochs);
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
    }

    [Fact]
    public void A_joining_node_gets_flows_in_two_phases_unassign_then_assign()
    {
        var h = new SupervisorHarness();
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(6), "n1");
        Assert.All(h.Owners().Values, n => Assert.Equal("n1", n));
        h.Birth("n2");
        h.Publisher.Published.Clear();
        h.Run(TimeSpan.FromSeconds(10), "n1", "n2");

        var messages = h.OwnerMessages();
        var toN2 = messages.Where(m => m.Node == "n2").Select(m => m.Flow).ToHashSet();
        Assert.NotEmpty(toN2);
        Assert.All(toN2, f => Assert.Contains(messages, m => m.Flow == f && m.Node.Length == 0));
        Assert.All(toN2, f => Assert.True(
            messages.FindIndex(m => m.Flow == f && m.Node.Length == 0) < messages.FindIndex(m => m.Flow == f && m.Node == "n2")));
    }

    [Fact]
    public void A_flapping_node_does_not_cause_a_rebalance_storm()
    {
        var h = ThreeNodes();
        h.Run(TimeSpan.FromSeconds(10), Three);
        var stable = h.Owners().Where(p => p.Value != "n3").ToDictionary();
        long movesBefore = h.Placement.VoluntaryMoves;
        for (int flap = 0; flap < 10; flap++)
        {
            h.Die("n3");
            h.Run(TimeSpan.FromSeconds(2), "n1", "n2");
            h.Birth("n3");
            h.Run(TimeSpan.FromSeconds(2), Three);
        }

        Assert.True(h.Placement.VoluntaryMoves - movesBefore <= 2, "voluntary moves: " + (h.Placement.VoluntaryMoves - movesBefore));
        Assert.All(stable, p => Assert.Equal(p.Value, h.Owners()[p.Key]));
    }

    [Fact]
    public void A_node_declared_dead_that_keeps_talking_is_asked_to_rebirth_once_per_five_seconds()
    {
        var h = ThreeNodes();
        h.Run(TimeSpan.FromSeconds(3), Three);
        h.Run(TimeSpan.FromSeconds(2), "n1", "n2");
        h.Publisher.Published.Clear();
        h.Run(TimeSpan.FromSeconds(6), Three);

        var commands = h.Publisher.Published.Where(p => p.Topic == "edge/v1/lab/node/n3/cmd").ToList();
        Assert.InRange(commands.Count, 1, 2);
        Assert.Equal(CommandMessage.Rebirth, SupervisorHarness.Decode<CommandMessage>(commands[0].Payload).Command);
        Assert.False(commands[0].Retain);
    }

    [Fact]
    public void A_pinned_flow_waits_for_its_node_instead_of_moving()
    {
        var h = new SupervisorHarness(flows: "0-3,9:1:n2");
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(2), "n1");
        Assert.False(h.Owners().ContainsKey(9));

        h.Birth("n2");
        Assert.Equal("n2", h.Owners()[9]);
    }

    [Fact]
    public void Autoscaling_follows_the_forecast_up_at_once_and_down_only_after_the_hold()
    {
        var actuator = new RecordingActuator();
        var options = new SupervisorOptions { NodeCapacity = 100, StallAfter = TimeSpan.Zero, Autoscale = new AutoscaleOptions { ScaleInAfter = TimeSpan.FromSeconds(30) } };
        var h = new SupervisorHarness(flows: "0-3:100", options: options, actuator: actuator);
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(6), "n1");
        int high = h.Supervisor.RecommendedNodes;

        Assert.Equal(5, high); // 4 flows x weight 100 x 1 sample/s x 1.25 headroom / 100 per node
        Assert.Equal(5, actuator.Requests.Last());
    }

    [Fact]
    public void A_flow_waiting_for_a_flush_from_a_node_that_dies_is_placed_at_once()
    {
        var h = new SupervisorHarness();
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(6), "n1");
        h.Birth("n2");
        var waiting = new List<int>();
        for (int step = 0; step < 200 && waiting.Count == 0; step++)
        {
            h.Run(TimeSpan.FromMilliseconds(50), "n1", "n2");
            waiting = [.. h.Owners().Where(p => p.Value.Length == 0).Select(p => p.Key)];
        }

        Assert.NotEmpty(waiting);

        h.Die("n1");

        Assert.All(waiting, f => Assert.Equal("n2", h.Owners()[f]));
    }

    [Fact]
    public void A_just_born_nodes_wide_forecast_does_not_inflate_the_recommendation_until_it_has_warmed_up()
    {
        var options = new SupervisorOptions { NodeCapacity = 100, StallAfter = TimeSpan.Zero };
        var h = new SupervisorHarness(flows: "0-1", options: options) { Forecast = 1000 };
        h.Birth("n1");
        h.Run(TimeSpan.FromSeconds(6), "n1");
        int early = h.Supervisor.RecommendedNodes;
        h.Run(TimeSpan.FromSeconds(10), "n1");

        Assert.Equal(1, early);
        Assert.Equal(13, h.Supervisor.RecommendedNodes); // 1000 x 1.25 / 100
    }

    [Fact]
    public void An_assignment_the_broker_did_not_take_is_published_again_on_the_next_tick()
    {
        var h = new SupervisorHarness(publisher: new FailingOncePublisher());
        foreach (string node in Three)
        {
            h.Birth(node);
        }

        h.Run(TimeSpan.FromMilliseconds(1200), Three);

        var publisher = (FailingOncePublisher)h.PublisherUsed;
        Assert.Equal(1, h.Outbox.Failures);
        Assert.Equal(12, publisher.Published.Select(p => p.Topic).Where(t => t.EndsWith("/owner", StringComparison.Ordinal)).Distinct().Count());
    }

    private sealed class FailingOncePublisher : Edge.Gateway.Core.Ports.IMessagePublisher
    {
        private int _calls;

        public List<(string Topic, byte[] Payload)> Published { get; } = [];

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 3)
            {
                throw new InvalidOperationException("not connected to the broker");
            }

            Published.Add((topic, payload.ToArray()));
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingActuator : IScaleActuator
    {
        public List<int> Requests { get; } = [];

        public Task ScaleToAsync(int nodes, CancellationToken cancellationToken)
        {
            Requests.Add(nodes);
            return Task.CompletedTask;
        }
    }
}
