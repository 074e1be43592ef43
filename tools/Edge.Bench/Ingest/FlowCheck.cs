using Edge.Bench.Load;

namespace Edge.Bench.Ingest;

/// <summary>
/// One flow after the drain: what its node sent (sequences [First, Sent), values from <see cref="SampleValues"/>)
/// against what the gateway says it committed. Exact when the committed sequence, the committed count and the
/// committed sum all equal what was sent: a count above the sequence would be a duplicate, below it a loss.
/// </summary>
internal sealed record FlowCheck(int Flow, long First, long Sent, long Committed, long CommittedCount, double CommittedSum)
{
    public double ExpectedSum => SampleValues.Sum(Flow, First, Sent);

    // The values are multiples of 0.25: their sums are exact in binary64, so equality is the test.
    public bool Exact => Committed == Sent && CommittedCount == Sent - First && CommittedSum == ExpectedSum;

    public static FlowCheck Of(LoadNode node, (long Committed, long Count, double Sum) gateway) =>
        new(node.Flow, node.FirstSequence, node.FirstSequence + node.SamplesSent, gateway.Committed, gateway.Count, gateway.Sum);

    public override string ToString() =>
        "flow " + Flow + ": sent [" + First + ", " + Sent + "), committed " + Committed + " (" + CommittedCount + " samples, sum " + CommittedSum + " vs " + ExpectedSum + ")";
}
