using CsCheck;
using Edge.Node.Core.Buffering;
using Edge.Bench.Buffer;

namespace Edge.Bench.Tests.Buffer;

[Trait("Category", "Unit")]
public sealed class OraclePolicyTests
{
    [Fact]
    public void The_oracle_drops_nothing_whenever_the_backlog_fits_under_the_ceiling()
    {
        Gen.Select(Gen.Int[0, 400].Array[1, 400], Gen.Int[0, 5]).Sample((arrivals, latency) =>
        {
            var settings = new BufferSettings { BlockSize = 25, FloorBlocks = 1, CeilingBlocks = 100_000, ExpansionLatency = latency, DrainPerStep = 150 };
            var oracle = new OraclePolicy(arrivals, settings);
            RunResult run = StrategyRunner.Run(new Trace("random", arrivals, 0), settings, oracle, null, oracle.InitialBlocks, "oracle", 0);
            Assert.Equal(0, run.Dropped);
        }, iter: 200);
    }

    [Fact]
    public void No_strategy_drops_less_than_the_oracle()
    {
        Gen.Int[0, 600].Array[50, 300].Sample(arrivals =>
        {
            var settings = new BufferSettings { BlockSize = 20, FloorBlocks = 1, CeilingBlocks = 8, ExpansionLatency = 2, DrainPerStep = 150 };
            var trace = new Trace("random", arrivals, 0);
            var oracle = new OraclePolicy(arrivals, settings);
            long floor = StrategyRunner.Run(trace, settings, oracle, null, oracle.InitialBlocks, "oracle", 0).Dropped;
            long ceilingStatic = StrategyRunner.Run(trace, settings, new StaticPolicy(8), null, 8, "static", 8).Dropped;
            Assert.Equal(floor, ceilingStatic);
        }, iter: 100);
    }
}
