namespace Edge.Node.Sim.Fleet;

/// <summary>
/// A synthetic bursty signal for tests and for users without traces: a quiet base level with bursts whose
/// start and height come from a hash of the burst number, so it is deterministic per sequence.
/// </summary>
public sealed class BurstSource(int flow, long startMs, long periodMs, int burstEvery = 200, int burstLength = 20) : IFlowSource
{
    public int Flow { get; } = flow;

    public string Name => "burst-" + Flow;

    public long TimeAt(long sequence) => startMs + (sequence * periodMs);

    public double ValueAt(long sequence)
    {
        long burst = sequence / burstEvery;
        long offset = sequence % burstEvery;
        ulong h = Mix((ulong)burst * 0x9E3779B97F4A7C15UL ^ (ulong)Flow);
        bool inBurst = offset >= (long)(h % (ulong)(burstEvery - burstLength)) && offset < (long)(h % (ulong)(burstEvery - burstLength)) + burstLength;
        double baseLevel = 10 + (Mix((ulong)sequence ^ h) % 5);
        return inBurst ? baseLevel * (5 + (h % 20)) : baseLevel;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        return x;
    }
}
