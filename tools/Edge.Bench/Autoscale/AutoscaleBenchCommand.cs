using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.Bench.Buffer;
using Edge.Gateway.Core.Fleet;
using Edge.Node.Core.Agent;

namespace Edge.Bench.Autoscale;

/// <summary><c>bench autoscale</c>: the gateway's planner against a reactive HPA-style rule and an oracle; README.md in this folder.</summary>
internal static class AutoscaleBenchCommand
{
    public static Command Create()
    {
        var traces = new Option<string>("--traces") { Description = "Directory of timestamp,value CSVs; fleets are mixes of them.", DefaultValueFactory = _ => BufferBenchCommand.SharedTraces };
        var flows = new Option<int>("--flows") { Description = "Flows per fleet.", DefaultValueFactory = _ => 4 };
        var capacity = new Option<double>("--node-capacity") { Description = "Samples a step one node can take.", DefaultValueFactory = _ => 150.0 };
        var start = new Option<int>("--start-steps") { Description = "Steps a new node takes to join.", DefaultValueFactory = _ => 2 };
        var output = new Option<string?>("--out") { Description = "Write the JSON report to this file." };
        var command = new Command("autoscale", "Predictive autoscaling (the gateway's planner) against a reactive HPA-style rule and an oracle on the traces.");
        foreach (Option option in new Option[] { traces, flows, capacity, start, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var physics = Physics(parse.GetValue(flows), parse.GetValue(capacity), parse.GetValue(start));
            var loaded = TraceLoader.LoadAll(parse.GetValue(traces)!, new BenchPhysics().MeanArrivals);
            AutoscaleReport report = AutoscaleBench.Run(loaded, physics);
            Console.Write(ToTable(report));
            string? file = parse.GetValue(output);
            if (!string.IsNullOrEmpty(file))
            {
                File.WriteAllText(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true }));
                Console.WriteLine($"JSON report: {Path.GetFullPath(file)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The planner's defaults but its scale-in hold, which is counted in bench steps (3 steps, 15 minutes).</summary>
    public static AutoscalePhysics Physics(int flows, double nodeCapacity, int startSteps) => new(
        flows,
        nodeCapacity,
        startSteps,
        new AutoscaleOptions { ScaleInAfter = TimeSpan.FromMilliseconds(3 * AutoscaleBench.StepMs) },
        PredictorCatalog.Names);

    /// <summary>The reactive rule with the physics' options (the planner's options type is the gateway's).</summary>
    public static IScalingRule Reactive(AutoscalePhysics physics) => new ReactiveRule(physics.Options, physics.NodeCapacity);

    public static string ToTable(AutoscaleReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        AutoscalePhysics p = report.Physics;
        Line($"Autoscale bench: {report.Fleets.Count} fleets of {p.Flows} flows, a row = {AutoscaleBench.StepMs / 60000} min; node capacity {p.NodeCapacity}/step; a new node joins {p.StartSteps} steps after it is asked for (planner lead {p.StartSteps + 1} steps); headroom {p.Options.Headroom}, scale-in after {p.Options.ScaleInAfter.TotalMinutes} min");
        Line($"");
        Line($"{"rule",-22} {"node-s short",14} {"steps short",12} {"node-hours",11}");
        foreach (RuleResult r in report.Totals)
        {
            Line($"{r.Rule,-22} {r.NodeSecondsShort,14:F0} {r.StepsShort,12} {r.NodeHours,11:F1}");
        }

        Line($"");
        Line($"Per fleet (node-seconds short / node-hours):");
        for (int f = 0; f < report.Fleets.Count; f++)
        {
            string cells = string.Join("  ", report.Fleets[f].Rules.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rule} {r.NodeSecondsShort:F0}/{r.NodeHours:F1}")));
            Line($"  fleet {f} ({report.Fleets[f].Steps} steps): {cells}");
        }

        RuleResult reactive = report.Totals.First(r => r.Rule == ReactiveRule.RuleName);
        Line($"");
        Line($"At no more node-hours than reactive ({reactive.NodeHours:F1}): the planner with the headroom that fits (knob swept, (1 + headroom) 0.4 to 2.0):");
        foreach (RuleResult r in report.EqualHours)
        {
            Line($"{r.Rule,-22} {r.NodeSecondsShort,14:F0} {r.StepsShort,12} {r.NodeHours,11:F1}");
        }

        Line($"");
        foreach (RuleResult r in report.Totals.Concat(report.EqualHours).Where(r => r.Rule.StartsWith("planner-", StringComparison.Ordinal)))
        {
            bool ok = r.NodeSecondsShort < reactive.NodeSecondsShort && r.NodeHours <= reactive.NodeHours;
            Line($"  {r.Rule}: {(r.NodeSecondsShort < reactive.NodeSecondsShort ? "fewer" : "not fewer")} node-s short, {r.NodeHours / reactive.NodeHours:F2}x reactive's node-hours: {(ok ? "met" : "missed")}");
        }

        return text.ToString();
    }
}
