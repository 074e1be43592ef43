using Edge.Node.Pi.Storage;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class SpillStoreTests : IDisposable
{
    private const int Flow = 9;
    private readonly TempDirectory _dir = new();

    private string Segment => SpillStore.SegmentPath(_dir.Path, Flow);

    private string Mark => SpillStore.MarkPath(_dir.Path, Flow);

    [Fact]
    public void A_recorded_sample_is_in_the_segment_file_after_the_next_sync()
    {
        var node = AgentHarness.Serving(Flow);
        using var spill = new SpillStore(_dir.Path, fsync: false);
        Assert.True(node.Record(Flow, 1.5, 2.5, 3.5));
        spill.Sync(node.Agent);

        SpillContents contents = SpillContents.Read(Segment)!;
        Assert.Equal(0, contents.Start);
        Assert.Equal([1.5, 2.5, 3.5], contents.Values);
        Assert.Equal([1000L, 1010L, 1020L], contents.Times);
        Assert.Equal(new SpillMark(0, 1, true), SpillMark.Read(Mark));
    }

    [Fact]
    public void An_ack_moves_the_watermark_and_a_reload_gives_back_only_the_unacknowledged_samples()
    {
        var first = AgentHarness.Serving(Flow, epoch: 3);
        using (var spill = new SpillStore(_dir.Path, fsync: false))
        {
            first.Record(Flow, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            spill.Sync(first.Agent);
            first.Ack(Flow, 4);
            spill.Sync(first.Agent);
        }

        Assert.Equal(new SpillMark(4, 3, true), SpillMark.Read(Mark));
        var second = new AgentHarness();
        using var again = new SpillStore(_dir.Path, fsync: false);
        RestoredFlow restored = Assert.Single(again.RestoreInto(second.Agent));

        Assert.Equal(new RestoredFlow(Flow, 3, true, 4, 6, true), restored);
        Assert.Equal(first.Held(Flow), second.Held(Flow));
        Assert.Equal(10, second.Agent.NextRecordSequence(Flow));
    }

    [Fact]
    public void A_fully_acknowledged_segment_is_compacted_down_to_its_header()
    {
        var node = AgentHarness.Serving(Flow);
        using var spill = new SpillStore(_dir.Path, fsync: false);
        node.Record(Flow, 1, 2, 3, 4);
        spill.Sync(node.Agent);
        node.Ack(Flow, 4);
        spill.Sync(node.Agent);

        Assert.Equal(SpillFormat.HeaderBytes, new FileInfo(Segment).Length);
        Assert.Equal(1, spill.Compactions);
        Assert.Equal(4, SpillContents.Read(Segment)!.Start);

        node.Record(Flow, 5);
        spill.Sync(node.Agent);
        SpillContents after = SpillContents.Read(Segment)!;
        Assert.Equal((4L, 5L), (after.Start, after.End));
    }

    [Fact]
    public void A_long_acknowledged_prefix_is_cut_off_while_the_unacknowledged_tail_stays()
    {
        var node = new AgentHarness(ceilingBlocks: 256);
        Assert.True(node.Agent.RestoreLane(Flow, 1, true, 0));
        using var spill = new SpillStore(_dir.Path, fsync: false);
        node.Record(Flow, [.. Enumerable.Range(0, SpillStore.CompactAfter + 10).Select(i => (double)i)]);
        spill.Sync(node.Agent);
        node.Ack(Flow, SpillStore.CompactAfter);
        spill.Sync(node.Agent);

        SpillContents contents = SpillContents.Read(Segment)!;
        Assert.Equal(SpillStore.CompactAfter, contents.Start);
        Assert.Equal(Enumerable.Range(SpillStore.CompactAfter, 10).Select(i => (double)i), contents.Values);
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_appends_continue_after_the_sound_ones()
    {
        var first = AgentHarness.Serving(Flow);
        using (var spill = new SpillStore(_dir.Path, fsync: false))
        {
            first.Record(Flow, 10, 11, 12, 13, 14);
            spill.Sync(first.Agent);
        }

        using (var file = new FileStream(Segment, FileMode.Append))
        {
            file.Write(new byte[] { 5, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5 });
        }

        var second = new AgentHarness();
        using var again = new SpillStore(_dir.Path, fsync: false);
        Assert.Equal(5, Assert.Single(again.RestoreInto(second.Agent)).Samples);
        Assert.Equal(SpillFormat.HeaderBytes + (5 * SpillFormat.RecordBytes), new FileInfo(Segment).Length);

        second.Record(Flow, 15);
        again.Sync(second.Agent);
        Assert.Equal([10.0, 11, 12, 13, 14, 15], SpillContents.Read(Segment)!.Values);
    }

    [Fact]
    public void An_owner_message_with_resumeFrom_above_the_restored_samples_drops_them_as_already_committed()
    {
        SpillHeld(epoch: 1, values: [0, 1, 2, 3, 4, 5]);
        var node = new AgentHarness();
        using var spill = new SpillStore(_dir.Path, fsync: false);
        spill.RestoreInto(node.Agent);

        node.Owner(Flow, AgentHarness.NodeId, epoch: 2, resumeFrom: 4);
        spill.Sync(node.Agent);

        Assert.Equal([(4L, 1040L, 4.0), (5L, 1050L, 5.0)], node.Held(Flow));
        Assert.Equal(new SpillMark(4, 2, true), SpillMark.Read(Mark));
    }

    [Fact]
    public void An_owner_message_with_resumeFrom_below_the_restored_samples_keeps_them_to_resend()
    {
        SpillHeld(epoch: 1, values: [0, 1, 2, 3, 4, 5], acked: 3);
        var node = new AgentHarness();
        using var spill = new SpillStore(_dir.Path, fsync: false);
        spill.RestoreInto(node.Agent);

        node.Owner(Flow, AgentHarness.NodeId, epoch: 2, resumeFrom: 1);

        Assert.Equal([3L, 4L, 5L], node.Held(Flow).Select(h => h.Sequence));
        Assert.True(node.Agent.IsServing(Flow));
        Assert.Equal(3, node.LaneOf(Flow).NextSend);
    }

    [Fact]
    public void A_flow_given_to_another_node_keeps_only_the_samples_below_its_resumeFrom_on_disk()
    {
        var node = AgentHarness.Serving(Flow);
        using (var spill = new SpillStore(_dir.Path, fsync: false))
        {
            node.Record(Flow, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            spill.Sync(node.Agent);
            node.Owner(Flow, "pi-02", epoch: 2, resumeFrom: 7);
            spill.Sync(node.Agent);
        }

        var again = new AgentHarness();
        using var reloaded = new SpillStore(_dir.Path, fsync: false);
        Assert.Equal(new RestoredFlow(Flow, 2, false, 0, 7, true), Assert.Single(reloaded.RestoreInto(again.Agent)));
        Assert.False(again.Agent.IsServing(Flow));
    }

    [Fact]
    public void A_segment_without_a_mark_is_restored_as_held_but_not_served()
    {
        SpillHeld(epoch: 1, values: [7, 8]);
        File.Delete(Mark);
        var node = new AgentHarness();
        using var spill = new SpillStore(_dir.Path, fsync: false);

        Assert.Equal(new RestoredFlow(Flow, -1, false, 0, 2, true), Assert.Single(spill.RestoreInto(node.Agent)));
        node.Owner(Flow, AgentHarness.NodeId, epoch: 0, resumeFrom: 0);
        Assert.True(node.Agent.IsServing(Flow));
        Assert.Equal([7.0, 8.0], node.Held(Flow).Select(h => h.Value));
    }

    [Fact]
    public void A_failed_write_keeps_the_samples_in_RAM_and_the_next_sync_that_can_write_puts_them_all_on_disk()
    {
        var node = AgentHarness.Serving(Flow);
        using (var spill = new SpillStore(_dir.Path, fsync: false))
        {
            Directory.CreateDirectory(Mark);
            node.Record(Flow, 1, 2, 3);
            Assert.ThrowsAny<IOException>(() => spill.Sync(node.Agent));
            node.Record(Flow, 4);
            Assert.ThrowsAny<IOException>(() => spill.Sync(node.Agent));
            Assert.Equal(2, spill.Faults);

            Directory.Delete(Mark);
            node.Record(Flow, 5);
            spill.Sync(node.Agent);
        }

        var again = new AgentHarness();
        using var reloaded = new SpillStore(_dir.Path, fsync: false);
        Assert.Equal(5, Assert.Single(reloaded.RestoreInto(again.Agent)).Samples);
        Assert.Equal([1.0, 2, 3, 4, 5], again.Held(Flow).Select(h => h.Value));
    }

    public void Dispose() => _dir.Dispose();

    private void SpillHeld(long epoch, double[] values, long acked = 0)
    {
        var node = AgentHarness.Serving(Flow, epoch: epoch);
        using var spill = new SpillStore(_dir.Path, fsync: false);
        node.Record(Flow, values);
        spill.Sync(node.Agent);
        if (acked > 0)
        {
            node.Ack(Flow, acked);
            spill.Sync(node.Agent);
        }
    }
}
