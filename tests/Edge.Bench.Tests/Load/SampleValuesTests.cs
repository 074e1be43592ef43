using CsCheck;
using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

[Trait("Category", "Unit")]
public sealed class SampleValuesTests
{
    [Fact]
    public void Sums_of_sample_values_do_not_depend_on_the_order_they_are_added_in()
    {
        // The gateway adds batches in commit order; the check adds them in sequence order: both must agree exactly.
        Gen.Select(Gen.Int[0, 65535], Gen.Long[0, 1_000_000], Gen.Int[1, 4000]).Sample((flow, from, length) =>
        {
            double forward = SampleValues.Sum(flow, from, from + length);
            double backward = 0;
            for (long s = from + length - 1; s >= from; s--)
            {
                backward += SampleValues.At(flow, s);
            }

            Assert.Equal(forward, backward);
        }, iter: 100);
    }

    [Fact]
    public void Values_depend_on_flow_and_sequence()
    {
        Assert.NotEqual(SampleValues.At(1, 10), SampleValues.At(2, 10));
        Assert.NotEqual(SampleValues.At(1, 10), SampleValues.At(1, 11));
        Assert.Equal(SampleValues.At(3, 77), SampleValues.At(3, 77));
    }
}
