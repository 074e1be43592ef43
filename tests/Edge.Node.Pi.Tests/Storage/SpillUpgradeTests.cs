using System.Buffers.Binary;
using Edge.Node.Pi.Storage;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Storage;

/// <summary>
/// An upgrade loses nothing either: a segment in the format before the shared one (EDGESPL1: sequence, time, value,
/// CRC-32 of those 24 bytes, 4 zero bytes), with a torn record at its tail, is restored up to that record and then
/// replaced by the same samples in the shared format (EDGESPL2), where appends continue.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SpillUpgradeTests : IDisposable
{
    private const int Flow = 9;
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_segment_of_the_previous_format_is_restored_and_rewritten_in_the_shared_format()
    {
        string segment = SpillStore.SegmentPath(_dir.Path, Flow);
        File.WriteAllBytes(segment, LegacySegment(start: 40, values: [1.5, 2.5, 3.5, 4.5], tornTail: true));
        new SpillMark(41, 2, true).Write(SpillStore.MarkPath(_dir.Path, Flow), fsync: false);

        var node = new AgentHarness();
        using (var spill = new SpillStore(_dir.Path, fsync: false))
        {
            RestoredFlow restored = Assert.Single(spill.RestoreInto(node.Agent));
            Assert.Equal((41L, 3, 2L, true), (restored.FirstSequence, restored.Samples, restored.Epoch, restored.Serving));
            Assert.Equal([2.5, 3.5, 4.5], node.Held(Flow).Select(h => h.Value));

            Assert.True(node.Record(Flow, 5.5));
            spill.Sync(node.Agent);
        }

        Assert.Equal("EDGESPL2"u8.ToArray(), File.ReadAllBytes(segment)[..8]);
        SpillContents rewritten = SpillContents.Read(segment)!;
        Assert.False(rewritten.Legacy);
        Assert.Equal(41, rewritten.Start);
        Assert.Equal([2.5, 3.5, 4.5, 5.5], rewritten.Values);
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] LegacySegment(long start, double[] values, bool tornTail)
    {
        var bytes = new List<byte>();
        var header = new byte[24];
        "EDGESPL1"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Flow);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), 32);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), start);
        bytes.AddRange(header);
        for (int i = 0; i < values.Length; i++)
        {
            var record = new byte[32];
            BinaryPrimitives.WriteInt64LittleEndian(record, start + i);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), 1_000 + i);
            BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(16), values[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(24), (uint)System.IO.Hashing.Crc32.HashToUInt32(record.AsSpan(0, 24)));
            bytes.AddRange(record);
        }

        if (tornTail)
        {
            bytes.AddRange(new byte[] { 44, 0, 0, 0, 0, 0, 0, 0, 9, 9 });
        }

        return [.. bytes];
    }
}
