using System.Globalization;
using Edge.Bench.Buffer;
using Edge.Bench.Pool;
using Edge.Gateway.Core.Fleet;

namespace Edge.Bench.Autoscale;

/// <summary>
/// Fleets of flows replayed together (the mixes of <c>bench pool</c>); each step a rule decides the node count.
/// A scale-out lands StartSteps + 1 steps after it is decided (a node boots and joins), a scale-in at once. Per
/// rule: node-seconds short of capacity (nodes needed but not there, times the step) and node-hours used.
/// </summary>
internal static class AutoscaleBench
{
    /// <summary>One row of the traces is 5 minutes (NAB's AWS sampling).</summary>
    public const long StepMs = 300_000;

    public static int Needed(double load, double nodeCapacity, int maxNodes) =>
        Math.Clamp((int)Math.Ceiling(load / nodeCapacity), 1, maxNodes);

    /// <summary>Headroom values swept to compare rules at equal node-hours: (1 + headroom) from 0.4 to 2.0.</summary>
    public static readonly double[] Headrooms = Enumerable.Range(0, 17).Select(i => -0.6 + (i * 0.1)).ToArray();

    /// <summary>
    /// The default run, then the planner again at each headroom of <see cref="Headrooms"/>: the row kept for each
    /// predictor ("@equal-hours") is the headroom with the fewest node-seconds short among those whose node-hours
    /// do not exceed the reactive rule's, so the two are compared at no more cost.
    /// </summary>
    public static AutoscaleReport Run(IReadOnlyList<Trace> traces, AutoscalePhysics physics)
    {
        AutoscaleReport report = RunOnce(traces, physics);
        RuleResult reactive = report.Totals.First(r => r.Rule == ReactiveRule.RuleName);
        var matched = new List<RuleResult>();
        foreach (string predictor in physics.Predictors)
        {
            RuleResult? best = null;
            foreach (double headroom in Headrooms)
            {
                AutoscalePhysics variant = physics with { Options = physics.Options with { Headroom = headroom }, Predictors = [predictor] };
                RuleResult r = RunOnce(traces, variant, plannersOnly: true).Totals.Single();
                if (r.NodeHours <= reactive.NodeHours && (best is null || r.NodeSecondsShort < best.NodeSecondsShort))
                {
                    best = r with { Rule = string.Create(CultureInfo.InvariantCulture, $"planner-{predictor}@{headroom:+0.0;-0.0;0.0}") };
                }
            }

            if (best is not null)
            {
                matched.Add(best);
            }
        }

        return report with { EqualHours = matched };
    }

    private static AutoscaleReport RunOnce(IReadOnlyList<Trace> traces, AutoscalePhysics physics, bool plannersOnly = false)
    {
        var fleets = new List<FleetResult>();
        foreach (int[] mix in PoolBench.Mixes(traces.Count, physics.Flows))
        {
            int steps = mix.Min(i => traces[i].Arrivals.Length);
            int[][] flows = mix.Select(i => traces[i].Arrivals.Take(steps).ToArray()).ToArray();
            double[] load = Enumerable.Range(0, steps).Select(t => (double)flows.Sum(f => f[t])).ToArray();
            var rules = new List<IScalingRule>();
            if (!plannersOnly)
            {
                rules.Add(new OracleRule(load, physics.NodeCapacity, physics.StartSteps, physics.Options.MaxNodes));
                rules.Add(new ReactiveRule(physics.Options, physics.NodeCapacity));
            }

            rules.AddRange(physics.Predictors.Select(p => new PlannerRule(p, flows, physics.Options, physics.NodeCapacity, physics.StartSteps + 1)));
            fleets.Add(new FleetResult(mix.Select(i => traces[i].Name).ToList(), steps, rules.Select(r => Replay(r, load, physics)).ToList()));
        }

        var names = fleets[0].Rules.Select(r => r.Rule).ToList();
        var totals = names.Select(n => new RuleResult(
            n,
            fleets.Sum(f => f.Rules.First(r => r.Rule == n).NodeSecondsShort),
            fleets.Sum(f => f.Rules.First(r => r.Rule == n).NodeHours),
            fleets.Sum(f => f.Rules.First(r => r.Rule == n).StepsShort))).ToList();
        return new AutoscaleReport(physics, totals, fleets, []);
    }

    public static RuleResult Replay(IScalingRule rule, double[] load, AutoscalePhysics physics)
    {
        int steps = load.Length;
        var landing = new int[steps + physics.StartSteps + 2];
        int active = physics.Options.MinNodes;
        double shortSeconds = 0;
        double nodeSeconds = 0;
        long stepsShort = 0;
        for (int t = 0; t < steps; t++)
        {
            active = Math.Max(active, landing[t]);
            int need = Needed(load[t], physics.NodeCapacity, physics.Options.MaxNodes);
            if (need > active)
            {
                shortSeconds += (need - active) * StepMs / 1000.0;
                stepsShort++;
            }

            nodeSeconds += active * StepMs / 1000.0;
            int wanted = rule.Decide(t, load[t]);
            if (wanted < active)
            {
                active = wanted;
                Array.Clear(landing, t + 1, landing.Length - t - 1);
            }
            else if (wanted > active)
            {
                int at = t + physics.StartSteps + 1;
                landing[at] = Math.Max(landing[at], wanted);
            }
        }

        return new RuleResult(rule.Name, shortSeconds, nodeSeconds / 3600.0, stepsShort);
    }
}

/// <summary>
/// Node capacity in samples a step; StartSteps, the steps a new node takes to join (the planner's lead time is
/// StartSteps + 1); the planner's own options (headroom, scale-in hold) in bench time.
/// </summary>
internal sealed record AutoscalePhysics(int Flows, double NodeCapacity, int StartSteps, AutoscaleOptions Options, IReadOnlyList<string> Predictors);

internal sealed record RuleResult(string Rule, double NodeSecondsShort, double NodeHours, long StepsShort);

internal sealed record FleetResult(IReadOnlyList<string> Traces, int Steps, IReadOnlyList<RuleResult> Rules);

internal sealed record AutoscaleReport(AutoscalePhysics Physics, IReadOnlyList<RuleResult> Totals, IReadOnlyList<FleetResult> Fleets, IReadOnlyList<RuleResult> EqualHours);
