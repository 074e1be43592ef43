using CsCheck;
using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class BufferInvariantTests
{
    private static readonly Gen<BufferSettings> Settings =
        Gen.Select(Gen.Int[1, 64], Gen.Int[0, 4], Gen.Int[1, 40], Gen.Int[0, 6], Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 200], Gen.Int[0, 1])
            .Select((block, floor, extra, latency, hysteresis, hold, drain, spill) => new BufferSettings
            {
                BlockSize = block,
                FloorBlocks = floor,
                CeilingBlocks = floor + extra,
                ExpansionLatency = latency,
                ShrinkHysteresisBlocks = hysteresis,
                ShrinkHoldSteps = hold,
                DrainPerStep = drain,
                SpillCapacity = spill * 300,
            });

    private static readonly Gen<(int Control, int Bulk)[]> Arrivals =
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 1000]).Array[1, 300];

    [Fact]
    public void Every_policy_keeps_the_ledger_balanced_and_content_within_capacity_within_ceiling()
    {
        Gen.Select(Settings, Arrivals, Gen.Int[0, 5], Gen.Double[0, 8]).Sample((settings, arrivals, which, knob) =>
        {
            ICapacityPolicy policy = which switch
            {
                0 => new StaticPolicy((int)(knob * 5)),
                1 => new ReactivePolicy(Math.Max(0.05, knob / 8)),
                2 => new PredictivePolicy(new EwmaPredictor(), knob, 2),
                3 => new PredictivePolicy(new HoltPredictor(), knob, 2),
                4 => new PredictivePolicy(new RlsArPredictor(), knob, 2),
                _ => new PredictivePolicy(new PrecursorDetector(), knob, 2),
            };
            IPredictor? predictor = (policy as PredictivePolicy)?.Predictor;
            var buffer = new PredictiveBuffer(settings, policy, settings.FloorBlocks);
            long arrived = 0;
            foreach ((int control, int bulk) in arrivals)
            {
                predictor?.Update(control + bulk);
                buffer.Step(control, bulk);
                arrived += control + bulk;
                BufferLedger ledger = buffer.Ledger;
                Assert.Equal(arrived, ledger.Arrived);
                Assert.True(ledger.IsBalanced, "arrived = sent + buffered + dropped + spilled");
                Assert.InRange(buffer.CapacityBlocks, settings.FloorBlocks, settings.CeilingBlocks);
                Assert.InRange(ledger.Buffered, 0, buffer.CapacitySamples);
                Assert.InRange(ledger.SpillHeld, 0, settings.SpillCapacity);
                Assert.True(ledger.ControlBuffered >= 0 && ledger.BulkBuffered >= 0 && ledger.Dropped >= 0 && ledger.Sent >= 0);
            }
        }, iter: 300);
    }

    [Fact]
    public void Nothing_is_dropped_while_arrivals_never_exceed_the_drain()
    {
        Gen.Select(Settings, Arrivals).Sample((settings, arrivals) =>
        {
            var buffer = new PredictiveBuffer(settings, new ReactivePolicy(0.5), settings.FloorBlocks);
            foreach ((int control, int bulk) in arrivals)
            {
                int total = Math.Min(control + bulk, settings.DrainPerStep);
                int c = Math.Min(control, total);
                buffer.Step(c, total - c);
            }

            Assert.Equal(0, buffer.Ledger.Dropped);
            Assert.Equal(buffer.Ledger.Arrived, buffer.Ledger.Sent);
        }, iter: 200);
    }
}
