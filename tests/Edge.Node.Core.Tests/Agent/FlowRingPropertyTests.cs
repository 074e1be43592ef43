using CsCheck;
using Edge.Node.Core.Agent;

namespace Edge.Node.Core.Tests.Agent;

[Trait("Category", "Unit")]
public sealed class FlowRingPropertyTests
{
    [Fact]
    public void The_ring_holds_exactly_what_a_list_model_holds_and_returns_every_emptied_block()
    {
        // op: 0 append, 1 release up to head + k, 2 truncate at head + k
        var ops = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 40]).Array[1, 300];
        ops.Sample(script =>
        {
            var pool = new BlockPool(blockSize: 4, ceilingBlocks: 5);
            pool.SetCapacity(5);
            var ring = new FlowRing(maxBlocks: 5, blockSize: 4);
            ring.Restart(100, pool);
            var model = new List<(long Seq, double Value)>();
            long head = 100;
            foreach (var (op, k) in script)
            {
                if (op == 0)
                {
                    long seq = ring.EndSequence;
                    bool ok = ring.Append(seq * 10, seq * 0.5, pool);
                    Assert.Equal(model.Count < 20, ok);
                    if (ok)
                    {
                        model.Add((seq, seq * 0.5));
                    }
                }
                else if (op == 1)
                {
                    long upTo = head + (k % 25);
                    ring.Release(upTo, pool);
                    model.RemoveAll(e => e.Seq < upTo);
                    head = Math.Max(head, upTo);
                }
                else
                {
                    long from = head + (k % 25);
                    ring.Truncate(from, pool);
                    model.RemoveAll(e => e.Seq >= from);
                }

                Assert.Equal(model.Count, ring.Count);
                if (model.Count > 0)
                {
                    Assert.Equal(model[0].Seq, ring.HeadSequence);
                }

                foreach (var (seq, value) in model)
                {
                    Assert.Equal(value, ring.ValueAt(seq));
                    Assert.Equal(seq * 10, ring.TimeAt(seq));
                }

                // Blocks in use never exceed what the samples need plus the one partly filled at each end.
                Assert.True(pool.InUse <= (model.Count + 3) / 4 + 1, "in use " + pool.InUse + " for " + model.Count);
                if (model.Count == 0)
                {
                    Assert.Equal(0, pool.InUse);
                }
            }
        }, iter: 3000);
    }
}
