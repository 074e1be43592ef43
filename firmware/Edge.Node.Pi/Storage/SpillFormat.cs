using Edge.Node.Core.Storage;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// A flow's spill segment in the format shared with the ESP32's flash ring (firmware/Edge.Node.Core/Storage): the
/// segment header of <see cref="SegmentFormat"/> ("EDGESPL2", flow, record size, start sequence), then one
/// <see cref="SampleRecord"/> (32 bytes with its own CRC-32) per sample in sequence order from start. A torn or
/// corrupt record ends the readable part; <see cref="SegmentFormat.Recover"/> finds where.
/// </summary>
internal static class SpillFormat
{
    public const int HeaderBytes = SegmentFormat.HeaderBytes;
    public const int RecordBytes = SampleRecord.Bytes;

    public static void WriteHeader(byte[] dest, int flow, long start) => SegmentFormat.WriteHeader(dest, flow, start);

    public static void WriteRecord(byte[] dest, int flow, long sequence, long timeMs, double value) =>
        SampleRecord.Write(dest, 0, SampleRecord.KindSample, flow, 0, sequence, timeMs, value);
}
