using Edge.Node.Core.Storage;

namespace Edge.Node.Core.Tests.Storage;

/// <summary>
/// The Raspberry Pi's spill segment format and its recovery, shared through the core, against the same faulty flash:
/// an append torn at any byte, a flipped bit or a record out of sequence ends the sound part exactly there.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SegmentFormatTests
{
    private const int Flow = 9;
    private const long Start = 100;

    [Fact]
    public void An_append_torn_at_every_byte_offset_of_a_record_keeps_every_record_before_it()
    {
        for (int tear = 0; tear <= SampleRecord.Bytes; tear++)
        {
            var flash = new FaultyFlash();
            IStoreFile file = Segment(flash, 10);
            flash.TearNextWriteAfter(tear);
            Assert.Throws<FaultyFlash.PowerCut>(() => Append(file, Start + 10));

            var sink = new Collected();
            long valid = SegmentFormat.Recover(file, Scratch(), sink, out int flow, out long start);

            int expected = tear == SampleRecord.Bytes ? 11 : 10;
            Assert.Equal(Flow, flow);
            Assert.Equal(Start, start);
            Assert.Equal(SegmentFormat.HeaderBytes + (expected * SampleRecord.Bytes), valid);
            Assert.Equal(Enumerable.Range(0, expected).Select(i => (Start + i) * 0.5), sink.Values);
        }
    }

    [Fact]
    public void A_flipped_bit_ends_the_sound_part_at_its_record()
    {
        var flash = new FaultyFlash();
        IStoreFile file = Segment(flash, 200);
        flash.FlipBit("segment", SegmentFormat.HeaderBytes + (150 * SampleRecord.Bytes) + 9, 6);

        var sink = new Collected();
        long valid = SegmentFormat.Recover(file, Scratch(), sink, out _, out _);

        Assert.Equal(150, sink.Values.Count);
        Assert.Equal(SegmentFormat.HeaderBytes + (150 * SampleRecord.Bytes), valid);
    }

    [Fact]
    public void A_record_out_of_sequence_or_of_another_flow_ends_the_sound_part()
    {
        var flash = new FaultyFlash();
        IStoreFile file = Segment(flash, 3);
        var record = new byte[SampleRecord.Bytes];
        SampleRecord.Write(record, 0, SampleRecord.KindSample, Flow + 1, 0, Start + 3, 1, 1);
        file.Write(file.Length, record, 0, record.Length);

        Assert.Equal(SegmentFormat.HeaderBytes + (3 * SampleRecord.Bytes), SegmentFormat.Recover(file, Scratch(), new Collected(), out _, out _));
    }

    [Fact]
    public void A_file_without_a_sound_header_is_not_a_segment()
    {
        var flash = new FaultyFlash();
        IStoreFile file = flash.Open("segment");
        file.Write(0, new byte[40], 0, 40);

        Assert.Equal(-1, SegmentFormat.Recover(file, Scratch(), new Collected(), out _, out _));
    }

    private static IStoreFile Segment(FaultyFlash flash, int records)
    {
        IStoreFile file = flash.Open("segment");
        var header = new byte[SegmentFormat.HeaderBytes];
        SegmentFormat.WriteHeader(header, Flow, Start);
        file.Write(0, header, 0, header.Length);
        for (int i = 0; i < records; i++)
        {
            Append(file, Start + i);
        }

        return file;
    }

    private static void Append(IStoreFile file, long sequence)
    {
        var record = new byte[SampleRecord.Bytes];
        SampleRecord.Write(record, 0, SampleRecord.KindSample, Flow, 0, sequence, sequence * 1000, sequence * 0.5);
        file.Write(file.Length, record, 0, record.Length);
    }

    private static byte[] Scratch() => new byte[SegmentFormat.ScratchRecords * SampleRecord.Bytes];

    private sealed class Collected : IRecordSink
    {
        public List<double> Values { get; } = [];

        public bool Take(int flow, long sequence, long timeMs, double value)
        {
            Assert.Equal(sequence * 1000, timeMs);
            Values.Add(value);
            return true;
        }
    }
}
