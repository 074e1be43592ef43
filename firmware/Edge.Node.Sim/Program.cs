using System.CommandLine;
using Edge.Node.Sim.Bench;
using Edge.Node.Sim.Fleet;

namespace Edge.Node.Sim;

/// <summary>The command tree only; every command lives with the code it runs.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var bench = new Command("bench", "Replay recorded traces in virtual time and compare strategies.");
        bench.Subcommands.Add(BufferBenchCommand.Create());
        bench.Subcommands.Add(Bench.Failover.FailoverBenchCommand.Create());

        var root = new RootCommand("Edge node simulator.");
        root.Subcommands.Add(bench);
        root.Subcommands.Add(FleetCommand.Create());
        return root.Parse(args).Invoke();
    }
}
