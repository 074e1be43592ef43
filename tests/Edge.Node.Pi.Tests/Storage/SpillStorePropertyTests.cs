using CsCheck;
using Edge.Node.Pi.Storage;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class SpillStorePropertyTests
{
    private const int Flow = 3;

    /// <summary>One step of a node's life: record some samples, take an ack, or restart (optionally with a torn write).</summary>
    private enum Step
    {
        Record,
        Ack,
        Restart,
        TornRestart,
    }

    [Fact]
    public void Random_records_acks_and_restarts_lose_nothing_unacknowledged_and_resurrect_nothing_acknowledged()
    {
        var step = Gen.Select(Gen.Enum<Step>(), Gen.Int[1, 40], Gen.Double[0, 1]);
        step.Array[1, 40].Sample(steps =>
        {
            using var dir = new TempDirectory();
            var model = new SortedDictionary<long, (long Time, double Value)>();
            long acked = 0;
            var node = AgentHarness.Serving(Flow);
            var spill = new SpillStore(dir.Path, fsync: false);
            spill.Sync(node.Agent);
            try
            {
                foreach (var (kind, count, fraction) in steps)
                {
                    switch (kind)
                    {
                        case Step.Record:
                            for (int i = 0; i < count; i++)
                            {
                                long sequence = node.Agent.NextRecordSequence(Flow);
                                double value = (sequence * 1.25) + fraction;
                                if (node.Agent.Record(Flow, 5000 + sequence, value))
                                {
                                    model[sequence] = (5000 + sequence, value);
                                }
                            }

                            break;
                        case Step.Ack:
                            long end = node.Agent.NextRecordSequence(Flow);
                            long next = acked + (long)((end - acked) * fraction);
                            node.Ack(Flow, next);
                            acked = Math.Max(acked, next);
                            break;
                        default:
                            spill.Dispose();
                            if (kind == Step.TornRestart)
                            {
                                File.AppendAllText(SpillStore.SegmentPath(dir.Path, Flow), "torn");
                            }

                            node = new AgentHarness();
                            spill = new SpillStore(dir.Path, fsync: false);
                            spill.RestoreInto(node.Agent);
                            var expected = model.Where(m => m.Key >= acked).Select(m => (m.Key, m.Value.Time, m.Value.Value)).ToList();
                            Assert.Equal(expected, node.Held(Flow));
                            break;
                    }

                    spill.Sync(node.Agent);
                }
            }
            finally
            {
                spill.Dispose();
            }
        }, iter: 200);
    }
}
