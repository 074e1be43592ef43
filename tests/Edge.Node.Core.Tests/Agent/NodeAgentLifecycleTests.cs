using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

[Trait("Category", "Unit")]
public sealed class NodeAgentLifecycleTests
{
    [Fact]
    public void The_agent_connects_then_publishes_birth_and_online_state_with_its_will_set_to_offline()
    {
        var h = new AgentHarness();
        h.Run(100);

        Assert.Equal(AgentState.WaitingForGateway, h.Agent.State);
        var birth = AgentHarness.Json<BirthMessage>(h.Transport.On(Topics.Birth).Single());
        var state = AgentHarness.Json<NodeStateMessage>(h.Transport.On(Topics.State).Single());
        var will = AgentHarness.Json<NodeStateMessage>(h.Transport.Will!);
        Assert.Equal("n1", birth.Node);
        Assert.True(state.Online);
        Assert.False(will.Online);
        Assert.Equal(birth.Session, state.Session);
        Assert.Equal(birth.Session, will.Session);
        Assert.Contains("edge/v1/lab/flow/+/owner", h.Transport.Subscriptions);
    }

    [Fact]
    public void The_session_number_grows_on_every_connect_and_is_saved_before_connecting()
    {
        var h = new AgentHarness();
        h.Run(100);
        long first = h.Agent.Session;
        h.Transport.Drop();
        h.Run(5000);

        Assert.Equal(first + 1, h.Agent.Session);
        Assert.Equal(h.Agent.Session, h.Sessions.Load());
    }

    [Fact]
    public void Data_waits_in_the_buffer_until_a_primary_gateway_is_online()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.Assign(3, "n1", epoch: 1, resumeFrom: 0);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(h.Agent.Record(3, 1000 + i, i));
        }

        h.Run(2000);
        Assert.Empty(h.Batches());

        h.GatewayOnline();
        h.Run(2000);
        Assert.Equal(AgentState.Running, h.Agent.State);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), h.Batches().SelectMany(b => b.Values[..b.Count]));
    }

    [Fact]
    public void A_gateway_going_offline_stops_sending_but_not_recording()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.GatewayOnline();
        h.Assign(1, "n1", 1, 0);
        h.GatewayOnline(online: false);
        h.Run(100);

        Assert.Equal(AgentState.WaitingForGateway, h.Agent.State);
        Assert.True(h.Agent.Record(1, 5, 5.0));
        h.Run(2000);
        Assert.Empty(h.Batches());
    }

    [Fact]
    public void Brokers_are_tried_in_turn_when_the_first_is_unreachable()
    {
        var settings = AgentHarness.Roomy();
        settings.Brokers = ["10.9.9.9:1883", "127.0.0.1:1884"];
        var h = new AgentHarness(settings);
        h.Transport.Reachable.Clear();
        h.Transport.Reachable.Add("127.0.0.1:1884");
        h.Run(5000);

        Assert.Equal(["10.9.9.9:1883", "127.0.0.1:1884"], h.Transport.Attempts);
        Assert.Equal(AgentState.WaitingForGateway, h.Agent.State);
    }

    [Fact]
    public void Back_off_never_hammers_a_dead_broker()
    {
        var h = new AgentHarness();
        h.Transport.Reachable.Clear();
        var attemptsPerMinute = new List<int>();
        for (int minute = 0; minute < 10; minute++)
        {
            int before = h.Transport.Attempts.Count;
            h.Run(60_000, stepMs: 100);
            attemptsPerMinute.Add(h.Transport.Attempts.Count - before);
        }

        // Equal jitter waits at least half the capped delay: 15 s once the cap of 30 s is reached.
        Assert.True(attemptsPerMinute[0] <= 10, "first minute: " + attemptsPerMinute[0]);
        Assert.All(attemptsPerMinute.Skip(1), n => Assert.InRange(n, 1, 4));
    }

    [Fact]
    public void A_clean_stop_publishes_offline_itself()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.Agent.Stop(h.Now);

        var last = AgentHarness.Json<NodeStateMessage>(h.Transport.On(Topics.State).Last());
        Assert.False(last.Online);
        Assert.False(h.Transport.IsConnected);
    }

    [Fact]
    public void Telemetry_reports_buffer_fill_within_capacity_every_heartbeat()
    {
        var settings = AgentHarness.Roomy();
        settings.HeartbeatMs = 1000;
        var h = new AgentHarness(settings);
        h.Run(100);
        h.Assign(2, "n1", 1, 0);
        for (int i = 0; i < 20; i++)
        {
            h.Agent.Record(2, i, i);
        }

        h.Agent.Spilled = 7;
        h.Run(3000);
        var all = h.Transport.On(Topics.Telemetry).Select(AgentHarness.Json<TelemetryMessage>).ToList();
        Assert.InRange(all.Count, 3, 4);
        Assert.Equal(20, all[^1].BufferFill);
        Assert.True(all[^1].BufferCapacity >= 20);
        Assert.Equal(1234, all[^1].FreeMemory);
        Assert.Equal(7, all[^1].Spilled);
    }

    [Fact]
    public void A_busy_node_leaves_its_heartbeats_to_its_data_when_the_gateway_counts_them_but_still_reports_every_fourth_period()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.DeliverJson(Topics.GatewayState("lab", "gw-1"), new GatewayStateMessage { Gateway = "gw-1", Online = true, Primary = true, DataBeats = true });
        h.Assign(1, "n1", 1, 0);
        int before = h.Transport.On(Topics.Telemetry).Count();

        // Two seconds with a batch going out every period: eight heartbeat periods, a quarter of them reported.
        for (long i = 0; i < 2000 / 50; i++)
        {
            for (int k = 0; k < 64; k++)
            {
                h.Agent.Record(1, h.Now, k);
            }

            h.Run(50);
            h.Ack(1, h.Agent.NextRecordSequence(1));
        }

        int busy = h.Transport.On(Topics.Telemetry).Count() - before;
        Assert.InRange(busy, 2, 3);

        // Idle again: every period has its telemetry.
        int idleBefore = h.Transport.On(Topics.Telemetry).Count();
        h.Run(2000);
        Assert.InRange(h.Transport.On(Topics.Telemetry).Count() - idleBefore, 7, 9);
    }

    [Fact]
    public void A_node_keeps_every_heartbeat_when_the_gateway_does_not_count_data()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.GatewayOnline();
        h.Assign(1, "n1", 1, 0);
        int before = h.Transport.On(Topics.Telemetry).Count();
        for (long i = 0; i < 2000 / 50; i++)
        {
            for (int k = 0; k < 64; k++)
            {
                h.Agent.Record(1, h.Now, k);
            }

            h.Run(50);
            h.Ack(1, h.Agent.NextRecordSequence(1));
        }

        Assert.InRange(h.Transport.On(Topics.Telemetry).Count() - before, 7, 9);
    }
}
