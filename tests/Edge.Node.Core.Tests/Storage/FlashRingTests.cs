using Edge.Node.Core.Agent;
using Edge.Node.Core.Storage;

namespace Edge.Node.Core.Tests.Storage;

/// <summary>
/// The ESP32's flash ring on .NET, against flash that tears writes, fills up and flips bits. "Nothing lost" means:
/// after a reboot the agent holds, contiguously from its acknowledged watermark, every sample that was in a block
/// whose write completed, with its time and value; a torn block counts as never written and takes nothing else
/// with it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FlashRingTests
{
    private static readonly double[] NoValues = [];

    [Fact]
    public void A_reboot_gives_back_every_unacknowledged_sample_of_the_written_blocks()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record((2 * perBlock) + 5);

        Assert.Equal(2, board.Ring.BlocksWritten);

        var rebooted = new RingBoard(flash, restore: true);
        var (first, values) = rebooted.Held();
        Assert.Equal(0, first);
        Assert.Equal(Values(0, 2 * perBlock), values);
        Assert.Equal(1, rebooted.Ring.RestoredFlows);
    }

    [Fact]
    public void A_torn_block_write_at_every_byte_offset_loses_nothing_that_was_stored()
    {
        for (int tear = 0; tear <= FlashRing.DefaultBlockBytes; tear++)
        {
            var flash = new FaultyFlash();
            var board = new RingBoard(flash);
            int perBlock = board.Ring.SamplesPerBlock;
            board.Record(perBlock);
            Assert.Equal(1, board.Ring.BlocksWritten);

            flash.TearNextWriteAfter(tear);
            Assert.Throws<FaultyFlash.PowerCut>(() => board.Record(perBlock));

            // The second block's samples and its one mark end at `used`; past that the block is padding, so a write
            // torn there has stored the block whole.
            int used = BlockFormat.RecordOffset(perBlock + 1);
            var rebooted = new RingBoard(flash, restore: true);
            var (first, values) = rebooted.Held();
            int expected = tear >= used ? 2 * perBlock : perBlock;
            Assert.True(first == 0 && values.SequenceEqual(Values(0, expected)), "torn after " + tear + " bytes: got " + values.Count + " samples from " + first);

            // The ring goes on from there (over the torn slot) and a second reboot still has everything.
            rebooted.Record(perBlock);
            var again = new RingBoard(flash, restore: true);
            Assert.Equal(Values(0, expected + perBlock), again.Held().Values);
        }
    }

    [Fact]
    public void A_flipped_bit_refuses_its_block_and_restores_only_the_samples_before_the_hole()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record(3 * perBlock);

        flash.FlipBit("ring-01", BlockFormat.RecordOffset(7) + 17, 3);

        var rebooted = new RingBoard(flash, restore: true);
        Assert.Equal(1, rebooted.Ring.UnreadableSlots);
        Assert.Equal(Values(0, perBlock), rebooted.Held().Values);
    }

    [Fact]
    public void A_flipped_bit_in_the_padding_of_a_block_changes_nothing()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        board.Record(board.Ring.SamplesPerBlock);
        board.Harness.Run(FlashRing.DefaultFlushAfterMs + 1_000);
        board.Record(3);
        board.Harness.Run(FlashRing.DefaultFlushAfterMs + 1_000);
        board.Ring.Sync(board.Agent, board.Harness.Now);
        Assert.Equal(2, board.Ring.BlocksWritten);

        flash.FlipBit("ring-01", FlashRing.DefaultBlockBytes - 1, 0);

        var rebooted = new RingBoard(flash, restore: true);
        Assert.Equal(0, rebooted.Ring.UnreadableSlots);
        Assert.Equal(Values(0, board.Ring.SamplesPerBlock + 3), rebooted.Held().Values);
    }

    [Fact]
    public void Full_flash_keeps_the_samples_in_ram_and_stores_them_once_there_is_room()
    {
        var flash = new FaultyFlash { CapacityBytes = FlashRing.DefaultBlockBytes + 100 };
        var board = new RingBoard(flash);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record(2 * perBlock);

        Assert.Equal(1, board.Ring.BlocksWritten);
        Assert.True(board.Ring.Faults >= 1);
        Assert.Equal(2 * perBlock, board.Held().Values.Count);

        flash.CapacityBytes = long.MaxValue;
        board.Record(1);
        Assert.Equal(2, board.Ring.BlocksWritten);

        var rebooted = new RingBoard(flash, restore: true);
        Assert.Equal(Values(0, 2 * perBlock), rebooted.Held().Values);
    }

    [Fact]
    public void A_full_ring_never_overwrites_a_block_that_holds_unacknowledged_samples()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash, slots: 2);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record(4 * perBlock);

        Assert.Equal(2, board.Ring.BlocksWritten);
        Assert.True(board.Ring.RingFull > 0);

        var rebooted = new RingBoard(flash, slots: 2, restore: true);
        Assert.Equal(Values(0, 2 * perBlock), rebooted.Held().Values);
    }

    [Fact]
    public void Once_acknowledged_a_block_is_overwritten_and_the_watermark_comes_back_with_the_newest_block()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash, slots: 2);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record(2 * perBlock);
        board.Harness.Ack(RingBoard.Flow, perBlock + 10);
        board.Record(2 * perBlock);

        Assert.Equal(3, board.Ring.BlocksWritten);

        var rebooted = new RingBoard(flash, slots: 2, restore: true);
        var (first, values) = rebooted.Held();
        Assert.Equal(perBlock + 10, first);
        Assert.Equal(Values(perBlock + 10, 3 * perBlock), values);
    }

    [Fact]
    public void While_the_gateway_keeps_up_nothing_is_written_and_the_flash_does_not_wear()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        for (int i = 0; i < 20 * board.Ring.SamplesPerBlock; i++)
        {
            board.Record(1);
            board.Harness.Ack(RingBoard.Flow, board.Agent.NextRecordSequence(RingBoard.Flow));
            board.Harness.Run(1_000, 1_000);
        }

        Assert.Equal(0, board.Ring.BlocksWritten);
        Assert.Equal(0, flash.Writes);
    }

    [Fact]
    public void An_open_block_is_written_after_its_first_sample_waited_the_flush_interval()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        board.Record(5);
        Assert.Equal(0, board.Ring.BlocksWritten);

        board.Harness.Run(FlashRing.DefaultFlushAfterMs);
        board.Ring.Sync(board.Agent, board.Harness.Now);
        Assert.Equal(1, board.Ring.BlocksWritten);

        var rebooted = new RingBoard(flash, restore: true);
        Assert.Equal(Values(0, 5), rebooted.Held().Values);
    }

    [Fact]
    public void A_lane_restarted_at_another_sequence_comes_back_with_its_new_samples_only()
    {
        var flash = new FaultyFlash();
        var board = new RingBoard(flash);
        int perBlock = board.Ring.SamplesPerBlock;
        board.Record(perBlock);
        board.Harness.Assign(RingBoard.Flow, "n2", 2, 40);
        board.Harness.Assign(RingBoard.Flow, "n1", 3, 30);
        board.Record(perBlock);

        var (first, values) = board.Held();
        var rebooted = new RingBoard(flash, restore: true);
        var restored = rebooted.Held();
        Assert.Equal(first, restored.First);
        Assert.Equal(values.Take(restored.Values.Count), restored.Values);
        Assert.True(restored.Values.Count >= perBlock - 10, "restored " + restored.Values.Count);
    }

    [Fact]
    public void An_empty_or_foreign_flash_restores_nothing()
    {
        var flash = new FaultyFlash();
        flash.Open("ring-00").Write(0, new byte[100], 0, 100);
        var rebooted = new RingBoard(flash, restore: true);
        Assert.Equal(0, rebooted.Ring.RestoredFlows);
        Assert.Equal(1, rebooted.Ring.UnreadableSlots);
        Assert.Equal(NoValues, rebooted.Held().Values);
    }

    private static List<double> Values(long from, long to)
    {
        var list = new List<double>();
        for (long s = from; s < to; s++)
        {
            list.Add(s * 10.0);
        }

        return list;
    }
}
