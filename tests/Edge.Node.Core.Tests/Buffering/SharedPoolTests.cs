using CsCheck;
using Edge.Node.Core.Buffering;

namespace Edge.Node.Core.Tests.Buffering;

[Trait("Category", "Unit")]
public sealed class SharedPoolTests
{
    [Fact]
    public void Wants_that_fit_are_met_and_the_spare_is_shared_evenly()
    {
        var pool = new SharedPool(3, 20);
        pool.Want(0, 8, 1, 0);
        pool.Want(1, 2, 1, 0);
        pool.Want(2, 1, 1, 0);
        pool.Divide();

        Assert.Equal([11, 5, 4], Enumerable.Range(0, 3).Select(pool.Target));
        Assert.Equal([11, 5, 4], Enumerable.Range(0, 3).Select(pool.Request));
    }

    [Fact]
    public void When_wants_do_not_fit_each_lane_keeps_its_floor_and_the_rest_goes_by_what_it_lacks()
    {
        var pool = new SharedPool(2, 10);
        pool.Want(0, 14, 2, 0);
        pool.Want(1, 4, 2, 0);
        pool.Divide();

        // 6 blocks beyond the floors, lacked 12 : 2 (5.1 : 0.9, the block left over in lane order).
        Assert.Equal(10, pool.Target(0) + pool.Target(1));
        Assert.InRange(pool.Target(0), 7, 8);
        Assert.InRange(pool.Target(1), 2, 3);
    }

    [Fact]
    public void A_lane_grows_only_from_free_blocks_while_another_still_holds_them()
    {
        var pool = new SharedPool(2, 10);
        pool.Want(0, 1, 1, 8);
        pool.Want(1, 9, 1, 2);
        pool.Divide();

        Assert.Equal(1, pool.Request(0));
        Assert.Equal(2, pool.Request(1));
        Assert.True(pool.Target(1) > 2);
    }

    [Fact]
    public void Requests_never_commit_more_than_the_pool()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 60], Gen.Int[0, 40].Array[18]).Sample((lanes, total, numbers) =>
        {
            var pool = new SharedPool(lanes, total);
            int committed = 0;
            var held = new int[lanes];
            for (int i = 0; i < lanes; i++)
            {
                held[i] = Math.Min(numbers[(3 * i) + 2] % 8, Math.Max(0, total - committed));
                committed += held[i];
                pool.Want(i, numbers[3 * i], Math.Min(held[i], numbers[(3 * i) + 1]), held[i]);
            }

            pool.Divide();
            int requested = Enumerable.Range(0, lanes).Sum(i => Math.Max(pool.Request(i), held[i]));
            Assert.True(requested <= Math.Max(total, committed), $"{requested} > {total}");
        }, iter: 300);
    }
}
