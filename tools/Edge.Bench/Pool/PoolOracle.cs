using Edge.Node.Core.Buffering;

namespace Edge.Bench.Pool;

/// <summary>
/// Foresight for a pool: replays the mix with unlimited memory through the same max-min fair uplink to get every
/// lane's backlog at every step, then asks, for each lane, for the largest need its request can still reach (the
/// next ExpansionLatency + 1 steps), like the single-flow oracle. It still pays the pool's rules: blocks move only
/// when free, after the latency.
/// </summary>
internal sealed class PoolOracle
{
    private readonly int[][] _needBlocks;

    public PoolOracle(int[][] arrivals, BufferSettings settings, long uplink)
    {
        int lanes = arrivals.Length;
        int steps = arrivals[0].Length;
        _needBlocks = new int[lanes][];
        for (int i = 0; i < lanes; i++)
        {
            _needBlocks[i] = new int[steps];
        }

        var backlog = new long[lanes];
        var demand = new long[lanes];
        var share = new long[lanes];
        var settled = new bool[lanes];
        long needSum = 0;
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < lanes; i++)
            {
                demand[i] = backlog[i] + arrivals[i][t];
            }

            PooledBuffers.ShareUplink(demand, share, settled, uplink);
            for (int i = 0; i < lanes; i++)
            {
                backlog[i] = Math.Min(settings.CeilingSamples, demand[i] - share[i]);
                _needBlocks[i][t] = Math.Max(settings.FloorBlocks, settings.BlocksFor(backlog[i]));
                needSum += _needBlocks[i][t];
            }
        }

        MeanTotalNeed = steps == 0 ? 0 : (double)needSum / steps;
        Latency = settings.ExpansionLatency;
    }

    /// <summary>Blocks the lanes need together, on average over the steps: what the pool is sized from.</summary>
    public double MeanTotalNeed { get; }

    public int Latency { get; }

    public ICapacityPolicy Policy(int lane) => new LanePolicy(_needBlocks[lane], Latency);

    private sealed class LanePolicy(int[] need, int latency) : ICapacityPolicy
    {
        private int _step;

        public string Name => "oracle";

        public int DesiredBlocks(PredictiveBuffer buffer)
        {
            int from = ++_step;
            int max = 0;
            for (int t = from; t < Math.Min(need.Length, from + latency + 1); t++)
            {
                max = Math.Max(max, need[t]);
            }

            return max;
        }
    }
}
