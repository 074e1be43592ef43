using Edge.Node.Core.Buffering;
using Edge.Node.Core.Tests.Prediction;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class BurstGuardTests
{
    [Fact]
    public void A_nodes_whole_core_state_at_default_settings_fits_in_16_KB()
    {
        // Warm up the type system so only the instance graph is measured.
        _ = new BurstGuard();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var guard = new BurstGuard();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(guard.Buffer);
        Assert.InRange(bytes, 1, 16 * 1024);
    }

    [Fact]
    public void A_step_of_predictor_update_and_buffer_allocates_nothing()
    {
        var guard = new BurstGuard();
        var random = new Random(11);
        int[] bulk = Enumerable.Range(0, 4096).Select(_ => random.NextDouble() < 0.05 ? 400 : random.Next(60)).ToArray();
        long allocated = AllocationProbe.LeastBytes(() =>
        {
            for (int i = 0; i < bulk.Length; i++)
            {
                guard.Step(i % 50 == 0 ? 1 : 0, bulk[i]);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(guard.Buffer.Ledger.IsBalanced);
        Assert.Equal(4 * 4096, guard.Predictor.Samples);
    }

    [Fact]
    public void Before_a_repeating_burst_the_predictive_buffer_has_grown_and_drops_less_than_the_floor_alone()
    {
        var settings = new BufferSettings { BlockSize = 20, FloorBlocks = 1, CeilingBlocks = 64, ExpansionLatency = 2, DrainPerStep = 60 };
        var guard = new BurstGuard(settings, new Edge.Node.Core.Prediction.PrecursorDetector(), 1.0);
        var floorOnly = new PredictiveBuffer(settings, new StaticPolicy(1), 1);
        for (int i = 0; i < 2000; i++)
        {
            // Bursts of 5 steps at 200 every 50 steps, preceded by a 3-step ramp.
            int phase = i % 50;
            int arrivals = phase >= 45 ? 200 : phase >= 42 ? 40 + 20 * (phase - 41) : 40;
            guard.Step(0, arrivals);
            floorOnly.Step(0, arrivals);
        }

        Assert.True(guard.Buffer.Ledger.Dropped * 2 < floorOnly.Ledger.Dropped, $"{guard.Buffer.Ledger.Dropped} vs {floorOnly.Ledger.Dropped}");
    }
}
