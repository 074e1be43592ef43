using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Core.Flows;

/// <summary>
/// A batch the gateway has accepted (or holds until a gap fills) on its way to the store. Pooled: the decoder's
/// batch is reused for the next message, so accepted samples are copied once into one of these.
/// </summary>
internal sealed class IngestedBatch
{
    public DataBatch Batch { get; } = new();

    public string Node { get; set; } = "";

    /// <summary>Stopwatch timestamp of arrival, for the ingest latency histogram (arrival to commit).</summary>
    public long ReceivedTimestamp { get; set; }

    /// <summary>The leadership term under which ingest accepted it: the store commits it only in that same term.</summary>
    public LeaderTerm? Term { get; set; }

    /// <summary>When it was put on hold behind a gap (Unix ms); held batches expire (IngestOptions.HeldExpiry).</summary>
    public long HeldAtMs { get; set; }

    /// <summary>Set by the store's writer: the watermark guard let this batch in (false: the store already had it).</summary>
    public bool Applied { get; set; }

    public double Sum()
    {
        double sum = 0;
        double[] values = Batch.Values;
        for (int i = 0; i < Batch.Count; i++)
        {
            sum = FiniteSum.Add(sum, values[i]);
        }

        return sum;
    }

    /// <summary>Drops the first <paramref name="skip"/> samples, which the flow already has (a partly resent batch).</summary>
    public void TrimFront(int skip)
    {
        if (skip <= 0)
        {
            return;
        }

        DataBatch b = Batch;
        int keep = b.Count - skip;
        Array.Copy(b.OffsetsMs, skip, b.OffsetsMs, 0, keep);
        Array.Copy(b.Values, skip, b.Values, 0, keep);
        b.FirstSequence += skip;
        b.Count = keep;
    }
}
