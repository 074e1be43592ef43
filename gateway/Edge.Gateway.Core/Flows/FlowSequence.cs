namespace Edge.Gateway.Core.Flows;

/// <summary>
/// One flow's position in its sample sequence. Accepted runs ahead of Committed by what sits in the store's
/// queue; acks only ever carry Committed. Batches past a gap wait here (in memory, unacknowledged: if the
/// gateway dies they are simply sent again) until the gap fills.
/// </summary>
internal sealed class FlowSequence(int flow, long committed, long count, double sum)
{
    private readonly SortedList<long, IngestedBatch> _held = [];
    private long _committed = committed;

    public int Flow { get; } = flow;

    /// <summary>The next sequence the ingest path will take. Touched by the ingest loop only.</summary>
    public long Accepted { get; private set; } = committed;

    /// <summary>Every sequence below this is durably stored.</summary>
    public long Committed => Volatile.Read(ref _committed);

    public long CommittedCount { get; private set; } = count;

    public double CommittedSum { get; private set; } = sum;

    public string? LastNode { get; set; }

    /// <summary>When the oldest open gap was first seen, or null; drives resend requests.</summary>
    public long? GapSinceMs { get; private set; }

    public long LastResendMs { get; set; }

    public int HeldCount
    {
        get { lock (_held) { return _held.Count; } }
    }

    public SequenceVerdict Classify(long first, int count)
    {
        long last = first + count - 1;
        if (last < Accepted)
        {
            return SequenceVerdict.Duplicate;
        }

        return first <= Accepted ? SequenceVerdict.Accept : SequenceVerdict.Gap;
    }

    public void Advance(long next) => Accepted = next;

    /// <summary>False when the batch is already held or the hold is full; the caller owns the batch then.</summary>
    public bool TryHold(IngestedBatch batch, int capacity, long nowMs)
    {
        lock (_held)
        {
            if (_held.Count >= capacity || _held.ContainsKey(batch.Batch.FirstSequence))
            {
                return false;
            }

            batch.HeldAtMs = nowMs;
            _held.Add(batch.Batch.FirstSequence, batch);
            GapSinceMs ??= nowMs;
            return true;
        }
    }

    public bool IsHeld(long first)
    {
        lock (_held)
        {
            return _held.ContainsKey(first);
        }
    }

    /// <summary>The lowest held batch once the accepted sequence has reached it; the caller classifies it again.</summary>
    public IngestedBatch? TakeReady()
    {
        lock (_held)
        {
            if (_held.Count == 0 || _held.Keys[0] > Accepted)
            {
                GapSinceMs = _held.Count == 0 ? null : GapSinceMs;
                return null;
            }

            IngestedBatch ready = _held.Values[0];
            _held.RemoveAt(0);
            if (_held.Count == 0)
            {
                GapSinceMs = null;
            }

            return ready;
        }
    }

    /// <summary>
    /// Takes out every batch held since before <paramref name="beforeMs"/> into <paramref name="expired"/> (the caller
    /// recycles them): a gap nobody fills must not keep the gateway holding what came after it for ever. They were
    /// never acknowledged, so their node still has them and sends them again once asked from the committed sequence.
    /// </summary>
    public void ExpireHeld(long beforeMs, List<IngestedBatch> expired)
    {
        lock (_held)
        {
            for (int i = _held.Count - 1; i >= 0; i--)
            {
                if (_held.Values[i].HeldAtMs < beforeMs)
                {
                    expired.Add(_held.Values[i]);
                    _held.RemoveAt(i);
                }
            }

            if (_held.Count == 0)
            {
                GapSinceMs = null;
            }
        }
    }

    /// <summary>The node that sent the lowest held batch: the one to ask for a resend.</summary>
    public string? HeldNode()
    {
        lock (_held)
        {
            return _held.Count == 0 ? null : _held.Values[0].Node;
        }
    }

    /// <summary>Called by the store after the transaction holding this contiguous slice committed.</summary>
    public void MarkCommitted(long next, int count, double sum)
    {
        CommittedCount += count;
        CommittedSum = FiniteSum.Add(CommittedSum, sum);
        Volatile.Write(ref _committed, next);
    }
}
