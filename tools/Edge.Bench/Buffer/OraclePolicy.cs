using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// Knows the whole trace: computes the backlog a work-conserving uplink leaves at every step and, at the end of each
/// step, asks for the largest need over the steps its request can reach (the next ExpansionLatency + 1). Running it
/// through the same buffer (latency, hysteresis, ceiling) makes its mean capacity the lower bound on memory for zero
/// drops under these physics; it drops only what exceeds the ceiling, which nothing can avoid.
/// </summary>
internal sealed class OraclePolicy : ICapacityPolicy
{
    private readonly int[] _needBlocks;
    private readonly int _latency;
    private int _step;

    public OraclePolicy(int[] arrivals, BufferSettings settings)
    {
        _latency = settings.ExpansionLatency;
        _needBlocks = new int[arrivals.Length];
        long backlog = 0;
        for (int t = 0; t < arrivals.Length; t++)
        {
            backlog = Math.Min(settings.CeilingSamples, Math.Max(0, backlog + arrivals[t] - settings.DrainPerStep));
            _needBlocks[t] = Math.Max(settings.FloorBlocks, settings.BlocksFor(backlog));
        }
    }

    public string Name => "oracle";

    /// <summary>Capacity to start with: steps before the first request can land are covered up front.</summary>
    public int InitialBlocks => MaxNeed(0, _latency + 1);

    public int DesiredBlocks(PredictiveBuffer buffer)
    {
        int step = _step++;
        return MaxNeed(step + 1, _latency + 1);
    }

    private int MaxNeed(int from, int count)
    {
        int max = 0;
        int end = Math.Min(_needBlocks.Length, from + count);
        for (int t = from; t < end; t++)
        {
            max = Math.Max(max, _needBlocks[t]);
        }

        return max;
    }
}
