namespace Edge.Bench.Load;

/// <summary>
/// One flow's batches between being sent and being confirmed (by the gateway's cumulative ack, or for the anchor
/// by the subscriber receiving them): at most <see cref="Capacity"/> at a time, confirmed in order. Each batch
/// keeps the time its samples were due, so a confirmation yields the sample-to-ack latency including any wait for
/// room in the window. Not thread-safe: <see cref="LoadNode"/> locks around it.
/// </summary>
internal sealed class BatchWindow(int capacity, long firstSequence)
{
    private readonly Queue<(long First, int Count, long DueTicks)> _inFlight = new();

    public int Capacity => capacity;

    /// <summary>The sequence the next batch starts at.</summary>
    public long Next { get; private set; } = firstSequence;

    /// <summary>Every sequence below this is confirmed.</summary>
    public long Confirmed { get; private set; } = firstSequence;

    public int InFlight => _inFlight.Count;

    public bool HasRoom => _inFlight.Count < capacity;

    /// <summary>Samples confirmed since the window started.</summary>
    public long ConfirmedSamples { get; private set; }

    /// <summary>Confirmations that covered nothing new (a repeated ack) or ran ahead of what was sent.</summary>
    public long Anomalies { get; private set; }

    /// <summary>Takes the next <paramref name="count"/> sequences for a batch due at <paramref name="dueTicks"/>; returns its first.</summary>
    public long Open(int count, long dueTicks)
    {
        if (!HasRoom)
        {
            throw new InvalidOperationException("the window is full");
        }

        long first = Next;
        _inFlight.Enqueue((first, count, dueTicks));
        Next += count;
        return first;
    }

    /// <summary>
    /// Everything below <paramref name="next"/> is confirmed (cumulative, as the protocol's ack): completes the
    /// batches it covers, handing each one's due time to <paramref name="completed"/>; returns how many.
    /// </summary>
    public int Confirm(long next, Action<long, int> completed)
    {
        if (next <= Confirmed || next > Next)
        {
            Anomalies++;
            return 0;
        }

        int done = 0;
        while (_inFlight.Count > 0 && _inFlight.Peek().First + _inFlight.Peek().Count <= next)
        {
            var (_, count, due) = _inFlight.Dequeue();
            ConfirmedSamples += count;
            completed(due, count);
            done++;
        }

        Confirmed = next;
        return done;
    }

    /// <summary>The unconfirmed batches that hold sequences from <paramref name="from"/> on, oldest first: what a resend repeats.</summary>
    public List<(long First, int Count)> From(long from) =>
        [.. _inFlight.Where(b => b.First + b.Count > from).Select(b => (b.First, b.Count))];
}
