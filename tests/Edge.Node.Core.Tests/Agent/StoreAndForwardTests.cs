using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

[Trait("Category", "Unit")]
public sealed class StoreAndForwardTests
{
    private static AgentHarness Running(int flow = 1, long resumeFrom = 0)
    {
        var h = new AgentHarness();
        h.Run(100);
        h.GatewayOnline();
        h.Assign(flow, "n1", 1, resumeFrom);
        return h;
    }

    [Fact]
    public void Every_batch_stays_held_until_the_gateway_acknowledges_it()
    {
        var h = Running();
        for (int i = 0; i < 100; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);
        Assert.Equal(100, h.Agent.StoredSamples());

        h.Ack(1, 64);
        Assert.Equal(36, h.Agent.StoredSamples());
        h.Ack(1, 100);
        Assert.Equal(0, h.Agent.StoredSamples());
    }

    [Fact]
    public void An_ack_for_sequences_never_recorded_is_ignored_and_frees_nothing()
    {
        var h = Running();
        for (int i = 0; i < 100; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);

        // A forged ack (or one meant for another node's lane) claims far more than was ever recorded.
        h.Ack(1, 1_000_000);
        Assert.Equal(100, h.Agent.StoredSamples());
        Assert.Equal(1, h.Agent.ForgedAcks);

        h.Ack(1, 100);
        Assert.Equal(0, h.Agent.StoredSamples());
    }

    [Fact]
    public void An_owner_message_that_names_sequences_never_recorded_is_ignored_and_frees_nothing()
    {
        var h = Running();
        for (int i = 0; i < 100; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);

        // A forged (or planted) assignment of the node's own flow, newer and resuming far past what it recorded.
        h.Assign(1, "n1", 2, resumeFrom: 1_000_000);
        Assert.Equal(100, h.Agent.StoredSamples());
        Assert.Equal(1, h.Agent.ForgedOwners);

        // The real owner message (resume from what the gateway committed) still applies, and acks still free.
        h.Assign(1, "n1", 3, resumeFrom: 40);
        Assert.Equal(60, h.Agent.StoredSamples());
        h.Ack(1, 100);
        Assert.Equal(0, h.Agent.StoredSamples());
        Assert.Equal(1, h.Agent.ForgedOwners);
    }

    [Fact]
    public void A_flow_that_comes_back_after_another_node_served_it_resumes_past_what_this_node_recorded()
    {
        var h = Running();
        for (int i = 0; i < 10; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);
        h.Ack(1, 10);

        // Given to n2, which got far; then back here: not forged, this node was not serving meanwhile.
        h.Assign(1, "n2", 2, resumeFrom: 10);
        h.Run(200);
        h.Assign(1, "n1", 3, resumeFrom: 500);
        h.Agent.Record(1, 0, 1);
        h.Run(1500);

        Assert.Equal(0, h.Agent.ForgedOwners);
        Assert.Contains(h.Batches(), b => b.Flow == 1 && b.FirstSequence == 500);
    }

    [Fact]
    public void After_a_reconnect_unacknowledged_samples_are_resent_in_order()
    {
        var h = Running();
        for (int i = 0; i < 100; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);
        h.Ack(1, 40);
        h.Transport.Drop();
        int before = h.Transport.Published.Count;
        h.Run(5000);
        h.GatewayOnline();
        h.Run(500);

        var after = h.Transport.Published.Skip(before).Where(p => p.Topic.EndsWith("/data", StringComparison.Ordinal)).ToList();
        var first = new DataBatch();
        DataBatchCodec.Decode(after[0].Payload, 0, after[0].Payload.Length, first);
        Assert.Equal(40, first.FirstSequence);
        Assert.Equal(BatchFlags.Resend, first.Flags & BatchFlags.Resend);
        Assert.Equal(60, after.Sum(p => p.Payload.Length - ProtocolLimits.BatchBytes(0)) / ProtocolLimits.BatchSampleBytes);
    }

    [Fact]
    public void A_flapping_connection_loses_nothing_when_the_gateway_acknowledges_what_it_has()
    {
        var h = Running();
        var committed = new SortedSet<long>();
        long next = 0;
        var random = new Random(3);
        for (int round = 0; round < 40; round++)
        {
            for (int i = 0; i < 25; i++)
            {
                long seq = h.Agent.NextRecordSequence(1);
                Assert.True(h.Agent.Record(1, seq, seq * 0.5));
            }

            h.Run(300);
            foreach (var batch in h.Batches())
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    committed.Add(batch.FirstSequence + i);
                }
            }

            while (committed.Contains(next))
            {
                next++;
            }

            if (random.Next(3) == 0)
            {
                h.Transport.Drop(); // the ack for this round is lost with the connection
                h.Run(3000);
                h.GatewayOnline();
            }
            else
            {
                h.Ack(1, next);
            }
        }

        h.Run(1000);
        foreach (var batch in h.Batches())
        {
            for (int i = 0; i < batch.Count; i++)
            {
                committed.Add(batch.FirstSequence + i);
            }
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), committed);
    }

    [Fact]
    public void A_resend_command_rewinds_to_the_requested_sequence()
    {
        var h = Running();
        for (int i = 0; i < 30; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Run(200);
        h.Ack(1, 10);
        int sent = h.Batches().Count;
        h.DeliverJson(Topics.Node("lab", "n1", Topics.Command), new CommandMessage { Command = CommandMessage.Resend, Id = 1, Flow = 1, From = 20 });
        h.Run(100);

        var again = h.Batches().Skip(sent).First();
        Assert.Equal(20, again.FirstSequence);
        Assert.Equal(10, again.Count);
    }

    [Fact]
    public void A_new_owner_resumes_from_the_committed_sequence()
    {
        var h = Running(flow: 5, resumeFrom: 1200);
        Assert.Equal(1200, h.Agent.NextRecordSequence(5));
        h.Agent.Record(5, 1, 1.0);
        h.Run(1200);

        Assert.Equal(1200, h.Batches().Single().FirstSequence);
    }

    [Fact]
    public void An_unassigned_flow_stops_recording_flushes_what_it_holds_and_is_freed_once_acknowledged()
    {
        var h = Running();
        for (int i = 0; i < 10; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Assign(1, "", epoch: 2, resumeFrom: 0);
        Assert.False(h.Agent.Record(1, 11, 11));
        h.Run(100);
        Assert.Equal(10, h.Batches().Sum(b => b.Count));

        h.Ack(1, 10);
        h.Run(100);
        Assert.False(h.Agent.IsServing(1));
        Assert.Equal(-1, h.Agent.Lane(0).Flow);
    }

    [Fact]
    public void A_flow_given_to_another_node_is_not_sent_again_from_where_that_node_resumes()
    {
        var h = Running();
        for (int i = 0; i < 10; i++)
        {
            h.Agent.Record(1, i, i);
        }

        h.Assign(1, "n2", epoch: 2, resumeFrom: 4);
        h.Run(100);

        var sent = h.Batches().SelectMany(b => Enumerable.Range(0, b.Count).Select(i => b.FirstSequence + i)).ToList();
        Assert.Equal([0L, 1, 2, 3], sent);
        h.Ack(1, 4);
        h.Run(100);
        Assert.Equal(0, h.Agent.StoredSamples());
    }

    [Fact]
    public void A_rebirth_command_reconnects_as_a_new_session()
    {
        var h = Running();
        long before = h.Agent.Session;
        h.DeliverJson(Topics.Node("lab", "n1", Topics.Command), new CommandMessage { Command = CommandMessage.Rebirth, Id = 3 });
        h.Run(100);

        Assert.Equal(before + 1, h.Agent.Session);
        Assert.Equal(2, h.Transport.On(Topics.Birth).Count());
    }

    [Fact]
    public void An_older_assignment_never_overrides_a_newer_one()
    {
        var h = Running();
        h.Assign(1, "n2", epoch: 5, resumeFrom: 0);
        h.Assign(1, "n1", epoch: 4, resumeFrom: 0);

        Assert.False(h.Agent.IsServing(1));
    }

    [Fact]
    public void Config_changes_the_heartbeat_and_the_predictor()
    {
        var h = Running();
        h.DeliverJson(Topics.Node("lab", "n1", Topics.Config), new ConfigMessage { HeartbeatMs = 250, Predictor = "holt", Margin = 1.5 });

        Assert.Equal(250, h.Settings.HeartbeatMs);
        Assert.Equal("holt", h.Agent.Sizer.Predictor.Name);
    }

    [Fact]
    public void A_reboot_command_asks_the_board()
    {
        var h = Running();
        h.DeliverJson(Topics.Node("lab", "n1", Topics.Command), new CommandMessage { Command = CommandMessage.Reboot, Id = 9 });

        Assert.Equal(1, h.Reboots);
    }

    [Fact]
    public void A_malformed_message_is_counted_and_changes_nothing()
    {
        var h = Running();
        h.Deliver(Topics.Node("lab", "n1", Topics.Ack), [1, 2, 3]);
        h.Deliver(Topics.FlowOwner("lab", 1), "{\"flow\":1"u8.ToArray());

        Assert.Equal(2, h.Agent.Rejected);
        Assert.True(h.Agent.IsServing(1));
    }

    /// <summary>One flow served from a store of at most two 8-sample blocks.</summary>
    private static AgentHarness TinyStore()
    {
        var settings = new AgentSettings { Node = "n1", MaxFlows = 1 };
        settings.Buffer.FloorBlocks = 1;
        settings.Buffer.CeilingBlocks = 2;
        settings.Buffer.BlockSize = 8;
        var h = new AgentHarness(settings);
        h.Run(100);
        h.Assign(1, "n1", 1, 0);
        return h;
    }

    [Fact]
    public void A_full_store_drops_and_counts_instead_of_growing_past_its_budget()
    {
        var h = TinyStore();
        int stored = 0;
        for (int i = 0; i < 50; i++)
        {
            stored += h.Agent.Record(1, i, i) ? 1 : 0;
        }

        Assert.Equal(8, stored);
        Assert.Equal(42, h.Agent.Dropped);
        Assert.True(h.Agent.Pool.AllocatedBlocks <= 2);
    }

    [Fact]
    public void A_full_store_defers_a_replayable_sample_without_counting_it_dropped()
    {
        var h = TinyStore();
        int stored = 0;
        for (int i = 0; i < 50; i++)
        {
            stored += h.Agent.Offer(1, i, i) ? 1 : 0;
        }

        Assert.Equal(8, stored);
        Assert.Equal(0, h.Agent.Dropped);
        Assert.Equal(42, h.Agent.Deferred);
        Assert.Equal(8, h.Agent.NextRecordSequence(1));
    }

    [Fact]
    public void Every_lane_keeps_at_least_one_block_whatever_floor_the_board_asked_for()
    {
        var settings = new AgentSettings { Node = "n1", MaxFlows = 6 };
        settings.Buffer.FloorBlocks = 1;
        var h = new AgentHarness(settings);

        Assert.Equal(6, h.Agent.Settings.Buffer.FloorBlocks);
        Assert.True(h.Agent.Sizer.Budget.CapacityBlocks >= 6);
    }

    [Fact]
    public void A_lane_stores_only_its_share_of_the_pool_and_the_busy_lane_gets_the_larger_share()
    {
        var settings = new AgentSettings { Node = "n1", MaxFlows = 2 };
        settings.Buffer.FloorBlocks = 2;
        settings.Buffer.CeilingBlocks = 2;
        settings.Buffer.BlockSize = 4;
        var h = new AgentHarness(settings);
        h.Run(100);
        h.Assign(1, "n1", 1, 0);
        h.Assign(2, "n1", 1, 0);
        h.Run(1000);

        // Two blocks for two lanes: one each, so the first lane cannot take the second's.
        int stored = 0;
        for (int i = 0; i < 20; i++)
        {
            stored += h.Agent.Record(1, h.Now, i) ? 1 : 0;
        }

        Assert.Equal(4, stored);
        Assert.Equal(1, h.Agent.Lane(0).LimitBlocks);
        Assert.Equal(1, h.Agent.Lane(1).LimitBlocks);
    }
}
