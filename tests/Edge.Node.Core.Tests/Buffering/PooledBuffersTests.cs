using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class PooledBuffersTests
{
    private static BufferSettings Settings(int pool) => new() { BlockSize = 10, FloorBlocks = 1, CeilingBlocks = pool, ExpansionLatency = 2, DrainPerStep = 0 };

    [Fact]
    public void The_uplink_is_shared_max_min_fairly()
    {
        long[] share = new long[3];
        PooledBuffers.ShareUplink([10, 100, 1000], share, new bool[3], 300);
        Assert.Equal([10, 100, 190], share);
    }

    [Fact]
    public void Lanes_never_hold_more_than_the_pool_and_every_sample_is_accounted_for()
    {
        var random = new Random(3);
        var policies = new ICapacityPolicy[] { new ReactivePolicy(0.5), new PredictivePolicy(new EwmaPredictor(), 1, 2), new StaticPolicy(3) };
        var pooled = new PooledBuffers(Settings(12), policies, 12, 60);
        int[] step = new int[3];
        for (int t = 0; t < 2000; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                step[i] = random.NextDouble() < 0.1 ? 150 : random.Next(20);
            }

            ((PredictivePolicy)policies[1]).Predictor.Update(step[1]);
            pooled.Step(step);
            Assert.True(pooled.CapacityBlocks <= 12, $"step {t}: {pooled.CapacityBlocks} blocks");
            for (int i = 0; i < 3; i++)
            {
                Assert.True(pooled.Lane(i).Ledger.IsBalanced);
            }
        }
    }

    [Fact]
    public void Blocks_move_to_the_lane_whose_burst_is_coming()
    {
        // Lane 1's predictor sees its burst building; lane 0 is quiet. After a few steps lane 1 holds most of the pool.
        var quiet = new EwmaPredictor();
        var busy = new EwmaPredictor();
        var pooled = new PooledBuffers(Settings(20), [new PredictivePolicy(quiet, 1, 2), new PredictivePolicy(busy, 1, 2)], 20, 20);
        for (int t = 0; t < 30; t++)
        {
            int[] step = [5, t < 10 ? 5 : 40];
            quiet.Update(step[0]);
            busy.Update(step[1]);
            pooled.Step(step);
        }

        Assert.True(pooled.Lane(1).CapacityBlocks > pooled.Lane(0).CapacityBlocks * 3, $"{pooled.Lane(1).CapacityBlocks} vs {pooled.Lane(0).CapacityBlocks}");
    }
}
