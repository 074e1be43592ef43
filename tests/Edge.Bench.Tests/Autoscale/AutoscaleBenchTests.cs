using Edge.Bench.Autoscale;
using Edge.Bench.Buffer;

namespace Edge.Bench.Tests.Autoscale;

[Trait("Category", "Unit")]
public sealed class AutoscaleBenchTests
{
    private static readonly AutoscalePhysics Physics = AutoscaleBenchCommand.Physics(flows: 2, nodeCapacity: 100, startSteps: 2);

    [Fact]
    public void A_reactive_rule_is_short_while_new_nodes_boot_and_the_oracle_is_not()
    {
        // 100 a step, then 450 from step 50 on: five nodes needed where one was.
        double[] load = [.. Enumerable.Range(0, 100).Select(t => t < 50 ? 100.0 : 450.0)];
        RuleResult reactive = AutoscaleBench.Replay(AutoscaleBenchCommand.Reactive(Physics), load, Physics);
        RuleResult oracle = AutoscaleBench.Replay(new OracleRule(load, Physics.NodeCapacity, Physics.StartSteps, 32), load, Physics);

        // Reactive holds 2 nodes (100 plus 25 % headroom), sees the step at 50 and its nodes land 3 steps later:
        // 3 steps short of 3 nodes.
        Assert.Equal(3, reactive.StepsShort);
        Assert.Equal(3 * 3 * AutoscaleBench.StepMs / 1000.0, reactive.NodeSecondsShort);
        Assert.Equal(0, oracle.StepsShort);
        Assert.True(oracle.NodeHours <= reactive.NodeHours);
    }

    [Fact]
    public void The_report_has_every_rule_for_every_fleet_and_totals_that_add_up()
    {
        var traces = Enumerable.Range(0, 4).Select(i => new Trace("t" + i, Enumerable.Range(0, 300).Select(t => t % (40 + i) < 4 ? 600 : 80).ToArray(), 0)).ToList();
        AutoscaleReport report = AutoscaleBench.Run(traces, Physics);

        Assert.Equal(2, report.Fleets.Count);
        Assert.Equal(2 + 4, report.Totals.Count);
        foreach (RuleResult total in report.Totals)
        {
            Assert.Equal(report.Fleets.Sum(f => f.Rules.Single(r => r.Rule == total.Rule).NodeSecondsShort), total.NodeSecondsShort, 6);
        }

        Assert.All(report.EqualHours, r => Assert.True(r.NodeHours <= report.Totals.Single(t => t.Rule == ReactiveRule.RuleName).NodeHours));
    }
}
